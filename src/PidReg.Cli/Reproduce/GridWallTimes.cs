using System.Text.Json;
using System.Text.Json.Nodes;

namespace PidReg.Cli.Reproduce;

/// <summary>
/// The wall time each grid has taken over every reproduce that ran some of its runs, kept in --out
/// (<see cref="FileName"/>), so that a reproduce interrupted and resumed still reports what the whole grid took, and a
/// reproduce with nothing left to run does not report its one second instead. A grid whose run folder starts empty
/// starts again from 0. Time between reproduces does not count.
/// </summary>
internal sealed class GridWallTimes
{
    /// <summary>The file, beside the index.</summary>
    public const string FileName = "wall-times.json";

    /// <summary>The "format" value: another layout is read as no times at all rather than misread.</summary>
    const string Format = "pidreg-reproduce-wall-times/1";

    readonly SortedDictionary<string, double> seconds = new(StringComparer.Ordinal);

    /// <summary>The times recorded in <paramref name="folder"/>; none when the file is missing or not of this format.</summary>
    public static GridWallTimes Read(string folder)
    {
        var times = new GridWallTimes();
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return times;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))?.AsObject();
            if ((string?)json?["format"] != Format) return times;
            foreach (var (grid, value) in json!["seconds"]!.AsObject())
                if (value is JsonValue v && v.TryGetValue(out double s) && double.IsFinite(s) && s >= 0) times.seconds[grid] = s;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            times.seconds.Clear();  // a damaged file: the times start again, the runs themselves are safe in their own files
        }
        return times;
    }

    /// <summary>Seconds recorded for <paramref name="grid"/> (0 when none).</summary>
    public double Of(string grid) => seconds.TryGetValue(grid, out var s) ? s : 0;

    /// <summary>Records <paramref name="total"/> seconds for <paramref name="grid"/>.</summary>
    public void Set(string grid, double total) => seconds[grid] = total;

    /// <summary>The file's text.</summary>
    public string ToJson() => new JsonObject
    {
        ["format"] = Format,
        ["seconds"] = new JsonObject(seconds.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
}
