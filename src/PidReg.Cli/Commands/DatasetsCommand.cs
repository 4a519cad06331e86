using System.CommandLine;
using System.Text.Json;
using PidReg.Data;

namespace PidReg.Cli.Commands;

/// <summary>`pidreg datasets [--json]`: the registry; `pidreg datasets export` writes one set as CSV.</summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the registry as a JSON array." };
        var command = new Command("datasets", "List the dataset registry: real, reconstructed or stand-in, and where the files go.");
        command.Options.Add(json);
        command.Subcommands.Add(DatasetsExportCommand.Create());
        command.SetAction(parseResult => CommandGuard.Run("datasets", () =>
        {
            var list = Datasets.List();
            Console.Out.Write(parseResult.GetValue(json) ? ToJson(list) : ToTable(list));
            return 0;
        }));
        return command;
    }

    internal static string ToJson(IReadOnlyList<DatasetInfo> list) => JsonSerializer.Serialize(
        list.Select(d => new
        {
            name = d.Name,
            kind = d.Kind,
            rows = d.Rows,
            modalities = d.Modalities.Select(m => new { name = m.Name, dims = m.Dims }),
            defaultModalities = d.DefaultModalities ?? d.Modalities.Select(m => m.Name).ToArray(),
            target = d.Target,
            realFilesPresent = d.RealFilesPresent,
            location = d.Location,
            note = d.Note,
        }), new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;

    internal static string ToTable(IReadOnlyList<DatasetInfo> list)
    {
        var rows = list.Select(d => new[]
        {
            d.Name, d.Kind, d.Rows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?",
            string.Join(" + ", d.Modalities.Select(m => $"{m.Name}[{m.Dims}]")), d.Target, d.RealFilesPresent ? "yes" : "no",
        }).ToList();
        string[] header = ["name", "kind", "rows", "modalities", "target", "real files"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var sb = new System.Text.StringBuilder();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
        sb.AppendLine(Line(header));
        foreach (var r in rows) sb.AppendLine(Line(r));
        sb.AppendLine();
        foreach (var d in list) sb.AppendLine($"{d.Name}: {d.Note}. Files: {d.Location}");
        return sb.ToString();
    }
}
