using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PidReg.Evaluation;

namespace PidReg.Cli.Grid;

/// <summary>
/// One run of a grid on disk, in a --runs folder: <c>MODEL-seedS.json</c> when it finished (metrics, timings), or
/// <c>MODEL-seedS.failed.json</c> with the error when it did not. Each carries the grid's settings and their hash, so a
/// folder is self-describing: `experiment collect` needs nothing else. Written to a temporary name and renamed, so a
/// reader (or a killed writer) never sees half a file.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Settings">The grid's settings.</param>
/// <param name="Key">Which run.</param>
/// <param name="Run">The run's results, when it finished.</param>
/// <param name="Error">Why it did not, when it failed.</param>
internal sealed record RunFile(string Path, GridSettings Settings, ExperimentRunKey Key, ExperimentRun? Run, string? Error)
{
    /// <summary>The "format" value: a reader refuses files of another layout rather than misreading them.</summary>
    public const string Format = "pidreg-experiment-run/1";

    const string Finished = ".json", Failed = ".failed.json";

    /// <summary>The run's wall time in seconds as its process measured it (training, scoring, writing), when it finished.</summary>
    public double? WallSeconds { get; init; }

    /// <summary>Where the finished run of <paramref name="key"/> goes in <paramref name="folder"/>.</summary>
    public static string FinishedPath(string folder, ExperimentRunKey key) => System.IO.Path.Combine(folder, Stem(key) + Finished);

    /// <summary>Where the failure of <paramref name="key"/> goes in <paramref name="folder"/>.</summary>
    public static string FailedPath(string folder, ExperimentRunKey key) => System.IO.Path.Combine(folder, Stem(key) + Failed);

    static string Stem(ExperimentRunKey key) => string.Create(CultureInfo.InvariantCulture, $"{key.Model}-seed{key.Seed}");

    /// <summary>Writes a finished run (and removes an earlier failure of it), atomically.</summary>
    public static void WriteFinished(string folder, GridSettings settings, ExperimentRunKey key, ExperimentRun run, double wallSeconds)
    {
        var json = Header(settings, key, "finished");
        json["metrics"] = new JsonObject
        {
            ["rmse"] = Number(run.Scores.Rmse), ["mae"] = Number(run.Scores.Mae), ["r2"] = Number(run.Scores.R2), ["pearson"] = Number(run.Scores.Pearson),
        };
        json["sentiment"] = run.Sentiment is { } s ? new JsonObject { ["acc2"] = Number(s.Acc2), ["f1"] = Number(s.F1), ["acc7"] = Number(s.Acc7) } : null;
        json["secondsPerEpoch"] = Number(run.SecondsPerEpoch);
        json["parameters"] = run.Parameters;
        json["wallSeconds"] = Number(wallSeconds);
        AddWhereAndWhen(json);
        Write(FinishedPath(folder, key), json);
        File.Delete(FailedPath(folder, key));
    }

    /// <summary>Writes a failed run, atomically (a finished file of the same run is never there: a finished run is not run again).</summary>
    public static void WriteFailed(string folder, GridSettings settings, ExperimentRunKey key, string error)
    {
        var json = Header(settings, key, "failed");
        json["error"] = error;
        AddWhereAndWhen(json);
        Write(FailedPath(folder, key), json);
    }

    /// <summary>
    /// Every run file in <paramref name="folder"/> (temporary files skipped). A file that is not a run file of this
    /// format is an error naming it: a folder of runs must not hold something else silently.
    /// </summary>
    public static IReadOnlyList<RunFile> ReadAll(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"no such folder of runs: {folder}; give the --runs folder the shards wrote to.");
        return Directory.EnumerateFiles(folder, "*.json").Where(p => !System.IO.Path.GetFileName(p).StartsWith('.'))
            .Order(StringComparer.Ordinal).Select(Read).ToArray();
    }

    /// <summary>Reads one run file; a file of another format or a damaged one is an <see cref="InvalidDataException"/> naming it.</summary>
    public static RunFile Read(string path)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException("empty");
            if ((string?)json["format"] != Format)
                throw new InvalidDataException($"its \"format\" is {json["format"]?.ToJsonString() ?? "missing"}, not \"{Format}\"");
            var settings = GridSettings.FromJson(json["settings"]!.AsObject(), (string)json["title"]!);
            var key = new ExperimentRunKey((int)json["index"]!, (string)json["model"]!, (int)json["seedIndex"]!, (int)json["seed"]!);
            if ((string?)json["status"] == "failed") return new RunFile(path, settings, key, null, (string)json["error"]!);
            var m = json["metrics"]!;
            var run = new ExperimentRun(key.Model, key.Seed, new RegressionScores(Value(m["rmse"]), Value(m["mae"]), Value(m["r2"]), Value(m["pearson"])),
                json["sentiment"] is { } s ? new SentimentScores(Value(s["acc2"]), Value(s["f1"]), Value(s["acc7"])) : null,
                Value(json["secondsPerEpoch"]), (long)json["parameters"]!);
            return new RunFile(path, settings, key, run, null) { WallSeconds = json["wallSeconds"] is { } wall ? Value(wall) : null };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException or InvalidDataException)
        {
            throw new InvalidDataException($"{path} is not a run file of `pidreg experiment --runs` ({e.Message}); move it out of the folder of runs.");
        }
    }

    static JsonObject Header(GridSettings settings, ExperimentRunKey key, string status) => new()
    {
        ["format"] = Format,
        ["configuration"] = settings.Hash,
        ["model"] = key.Model,
        ["seed"] = key.Seed,
        ["seedIndex"] = key.SeedIndex,
        ["index"] = key.Index,
        ["status"] = status,
        ["title"] = settings.Title,
        ["settings"] = settings.Json.DeepClone(),
    };

    static void AddWhereAndWhen(JsonObject json)
    {
        json["host"] = Environment.MachineName;
        json["finishedUtc"] = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture);
    }

    static void Write(string path, JsonObject json)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        // A hidden name in the same folder: the rename is atomic only within one file system, and readers skip dot files.
        var temporary = System.IO.Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
            $".{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}.tmp"));
        File.WriteAllText(temporary, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, path, overwrite: true);
    }

    // JSON has no NaN or infinity (a Pearson r of a constant prediction is NaN): those are written as strings.
    static JsonNode Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(v.ToString(CultureInfo.InvariantCulture));

    static double Value(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? text)
        ? double.Parse(text, CultureInfo.InvariantCulture)
        : (double)node!;
}
