using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PidReg.Tests.BadInput;

/// <summary>The battery's files: a 300-row CSV with columns y,a1..a5,b1..b5 and variants of it.</summary>
internal static class BadInputFiles
{
    public const string Header = "y,a1,a2,a3,a4,a5,b1,b2,b3,b4,b5";

    /// <summary>Data lines (no header) of the good file; y depends on both blocks.</summary>
    public static List<string> Rows(int count = 300, int seed = 7)
    {
        var rng = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var rows = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var a = Enumerable.Range(0, 5).Select(_ => Gauss()).ToArray();
            var b = Enumerable.Range(0, 5).Select(_ => Gauss()).ToArray();
            double y = a.Sum() + 0.5 * b.Sum() + Gauss();
            rows.Add(string.Join(",", new[] { y }.Concat(a).Concat(b).Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    public static string Text(IEnumerable<string> rows, string header = Header, string newline = "\n") =>
        string.Join(newline, new[] { header }.Concat(rows)) + newline;

    public static Action<string> Csv(string name, string text) => dir =>
    {
        var path = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    };

    public static Action<string> Good(string name = "d.csv") => Csv(name, Text(Rows()));

    /// <summary>The good file with cell (row, column) replaced.</summary>
    public static Action<string> WithCell(int row, int column, string value, string name = "d.csv") => dir =>
    {
        var rows = Rows();
        var cells = rows[row].Split(',');
        cells[column] = value;
        rows[row] = string.Join(",", cells);
        File.WriteAllText(Path.Combine(dir, name), Text(rows));
    };

    /// <summary>The good file with every value of some columns set to a constant.</summary>
    public static Action<string> WithConstant(int[] columns, string name = "d.csv") => dir =>
    {
        var rows = Rows().Select(r =>
        {
            var cells = r.Split(',');
            foreach (var c in columns) cells[c] = "5";
            return string.Join(",", cells);
        });
        File.WriteAllText(Path.Combine(dir, name), Text(rows));
    };

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Optimal)) gz.Write(Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    /// <summary>The good file gzipped, then cut by <paramref name="cut"/> (bytes kept, from the whole).</summary>
    public static Action<string> Gz(string name, Func<byte[], byte[]> cut) => dir =>
        File.WriteAllBytes(Path.Combine(dir, name), cut(Gzip(Text(Rows()))));

    /// <summary>
    /// A gzip cut where its decompressed prefix ends exactly at a row boundary: GZipStream reads such a file as a
    /// shorter but well-formed CSV: the truncation that would pass silently without the gzip trailer check.
    /// </summary>
    public static byte[] CutAtRowBoundary(byte[] gz)
    {
        for (int keep = gz.Length - 9; keep > gz.Length / 4; keep--)
        {
            var prefix = TryDecompress(gz[..keep]);
            if (prefix is { Length: > 0 } && prefix.EndsWith('\n')) return gz[..keep];
        }
        throw new InvalidOperationException("no cut at a row boundary found");
    }

    static string? TryDecompress(byte[] bytes)
    {
        try
        {
            using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new StreamReader(gz);
            return reader.ReadToEnd();
        }
        catch (InvalidDataException) { return null; }
    }

    /// <summary>A minimal nbformat 4 notebook with a parameters cell (`var epochs = 3;`) and one code cell.</summary>
    public static string Notebook(bool parametersCell = true) =>
        "{\"nbformat\":4,\"nbformat_minor\":5,\"metadata\":{\"kernelspec\":{\"name\":\".net-csharp\",\"display_name\":\".NET (C#)\",\"language\":\"C#\"}},\"cells\":[" +
        (parametersCell ? "{\"cell_type\":\"code\",\"id\":\"p\",\"metadata\":{\"tags\":[\"parameters\"]},\"source\":[\"var epochs = 3; // quick: 1\"],\"outputs\":[],\"execution_count\":null}," : "") +
        "{\"cell_type\":\"code\",\"id\":\"c\",\"metadata\":{},\"source\":[\"var x = 1;\"],\"outputs\":[],\"execution_count\":null}]}";

    public static Action<string> All(params Action<string>[] steps) => dir => { foreach (var s in steps) s(dir); };

    public static Action<string> Folder(string name) => dir => Directory.CreateDirectory(Path.Combine(dir, name));

    public static Action<string> Link(string link, string target) => dir =>
        File.CreateSymbolicLink(Path.Combine(dir, link), Path.Combine(dir, target));

    public static Action<string> DirectoryLink(string link, string target) => dir =>
        Directory.CreateSymbolicLink(Path.Combine(dir, link), Path.Combine(dir, target));
}
