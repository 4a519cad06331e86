using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using PidReg.Tests.BadInput;

namespace PidReg.Tests.Faults;

/// <summary>The battery's files: the bad-input battery's 300-row CSV, variants of it, kit output folders and notebooks.</summary>
internal static class FaultFiles
{
    /// <summary>fit on d.csv, one epoch: the small, quick run of every fit case.</summary>
    public const string Fit = "fit --data d.csv --target y --x1 1-5 --x2 6-10 --epochs 1";

    /// <summary>A fit that runs until it is stopped (for signals, kill -9 and concurrent runs).</summary>
    public const string EndlessFit = "fit --data d.csv --target y --x1 1-5 --x2 6-10 --epochs 100000 --patience 100000";

    public static Action<string> Good(string name = "d.csv") => BadInputFiles.Good(name);

    public static Action<string> Bytes(string name, byte[] bytes) => dir => File.WriteAllBytes(Path.Combine(dir, name), bytes);

    public static Action<string> Text(string name, string text) => dir => File.WriteAllText(Path.Combine(dir, name), text);

    public static string GoodText => BadInputFiles.Text(BadInputFiles.Rows());

    /// <summary>All of the given setups, in order.</summary>
    public static Action<string> All(params Action<string>[] steps) => dir => { foreach (var step in steps) step(dir); };

    /// <summary>
    /// A folder as an earlier run of the kit leaves it: its files and the marker listing them (the format
    /// <c>.pidreg-output</c> has, so a rerun may replace it).
    /// </summary>
    public static Action<string> KitOutput(string folder, params string[] files) => dir =>
    {
        var path = Path.Combine(dir, folder);
        Directory.CreateDirectory(path);
        foreach (var file in files) File.WriteAllText(Path.Combine(path, file), $"earlier output {file}\n");
        var marker = new JsonObject
        {
            ["writtenBy"] = "pidreg", ["command"] = "pidreg fit (earlier)", ["status"] = "complete",
            ["files"] = new JsonArray(files.Select(f => (JsonNode)f).ToArray()),
        };
        File.WriteAllText(Path.Combine(path, ".pidreg-output"), marker.ToJsonString());
    };

    /// <summary>The earlier PIDReg output a failed rerun must leave exactly as it was.</summary>
    public static Action<string> EarlierFit(string folder = "out") =>
        KitOutput(folder, "pidreg.json", "weights.bin", "history.json", "predictions.csv");

    /// <summary>A fixture notebook (tests/PidReg.Tests/Notebooks/Fixtures) copied in under <paramref name="name"/>.</summary>
    public static Action<string> Notebook(string fixture, string name) => dir =>
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Notebooks", "Fixtures", fixture), Path.Combine(dir, name));

    /// <summary>A one-cell notebook that prints a line: the quickest kernel run.</summary>
    public static Action<string> QuickNotebook(string name) => dir => File.WriteAllText(Path.Combine(dir, name), """
        {
         "cells": [
          {
           "cell_type": "code", "execution_count": null, "id": "q1",
           "metadata": { "polyglot_notebook": { "kernelName": "csharp" } },
           "outputs": [],
           "source": [ "Console.WriteLine(\"quick\");" ]
          }
         ],
         "metadata": {
          "kernelspec": { "display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp" },
          "language_info": { "name": "polyglot-notebook" },
          "polyglot_notebook": { "kernelInfo": { "defaultKernelName": "csharp", "items": [ { "aliases": [], "name": "csharp" } ] } }
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """);

    public static byte[] Utf16(string text, bool bom) =>
        bom ? [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)] : Encoding.Unicode.GetBytes(text);

    /// <summary>The good file with one column name in Latin-1 ("é" as the single byte 0xE9).</summary>
    public static byte[] Latin1() => Encoding.Latin1.GetBytes(GoodText.Replace("a1,", "\u00e9a1,", StringComparison.Ordinal));

    /// <summary>Bytes of a binary file: a spreadsheet-like zip, or random bytes with NULs and control characters.</summary>
    public static byte[] Zip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            using (var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open())) writer.Write("<worksheet/>");
        return buffer.ToArray();
    }

    public static byte[] Binary()
    {
        var bytes = new byte[2000];
        new Random(11).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The good file with a column that varies by 1e-13 of its size around 1e10.</summary>
    public static string NearlyConstant()
    {
        var rows = BadInputFiles.Rows().Select((r, i) =>
        {
            var cells = r.Split(',');
            cells[3] = (1e10 + (i % 3) * 1e-3).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return string.Join(",", cells);
        });
        return BadInputFiles.Text(rows);
    }
}
