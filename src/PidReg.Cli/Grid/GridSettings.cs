using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PidReg.Data;
using PidReg.Evaluation;

namespace PidReg.Cli.Grid;

/// <summary>
/// Everything a grid's numbers depend on, as JSON, and its SHA-256 (the configuration hash): the data (the file's
/// checksum, the columns chosen, a checksum of the values loaded), the models and seeds, the split and every model
/// option. Not in it: where the data file lives (a cluster's nodes may mount it elsewhere), --jobs and --shard (they
/// change where a run executes, never its numbers).
/// </summary>
internal sealed class GridSettings
{
    static readonly JsonSerializerOptions OptionsJson = new() { Converters = { new JsonStringEnumConverter() } };

    GridSettings(JsonObject json, string title)
    {
        Json = json;
        Title = title;
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToJsonString())));
    }

    /// <summary>The settings, in a fixed key order (the hash is taken over this text).</summary>
    public JsonObject Json { get; }

    /// <summary>SHA-256 of <see cref="Json"/>, lowercase hex.</summary>
    public string Hash { get; }

    /// <summary>The dataset as the table's header line names it.</summary>
    public string Title { get; }

    /// <summary>The settings of a grid over <paramref name="dataset"/> (loaded from <paramref name="file"/> when given, else the registry).</summary>
    /// <param name="named">The --modality NAME=COLS flags: recorded only when given, so a grid of --x1 and --x2 keeps the hash it had before that flag existed.</param>
    public static GridSettings Of(MultimodalDataset dataset, string? registryName, FileInfo? file, string? target, string? x1, string? x2, IReadOnlyList<string> named,
        string? modalities, IReadOnlyList<string> models, ExperimentOptions options)
    {
        var json = new JsonObject
        {
            ["dataset"] = registryName,
            ["dataSha256"] = file is null ? null : FileSha256(file.FullName),
            ["target"] = target,
            ["x1"] = x1,
            ["x2"] = x2,
            ["modalities"] = modalities,
            ["valuesSha256"] = ValuesSha256(dataset),
            ["models"] = new JsonArray(models.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            ["seeds"] = options.Seeds,
            ["firstSeed"] = options.FirstSeed,
            ["sentiment"] = options.Sentiment,
            ["resplitPerSeed"] = options.ResplitPerSeed,
            ["split"] = JsonSerializer.SerializeToNode(options.Split, OptionsJson),
            ["model"] = JsonSerializer.SerializeToNode(options.Model, OptionsJson),
        };
        if (named.Count > 0) json["modality"] = new JsonArray(named.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
        return new GridSettings(json, dataset.ToString());
    }

    /// <summary>Settings read back from a run file (the hash is recomputed, so an edited file shows up as another configuration).</summary>
    public static GridSettings FromJson(JsonObject json, string title) => new(json, title);

    /// <summary>The models of the grid, in order.</summary>
    public IReadOnlyList<string> Models => Json["models"]!.AsArray().Select(m => (string)m!).ToArray();

    /// <summary>The options the runs were made with (what aggregation needs: seeds, first seed, sentiment).</summary>
    public ExperimentOptions ExperimentOptions => new()
    {
        Seeds = (int)Json["seeds"]!, FirstSeed = (int)Json["firstSeed"]!, Sentiment = (bool)Json["sentiment"]!, ResplitPerSeed = (bool)Json["resplitPerSeed"]!,
    };

    /// <summary>The settings that differ between two grids, "name: a vs b", nested ones as "model.Epochs" (at most <paramref name="max"/>).</summary>
    public static IReadOnlyList<string> Differences(JsonObject a, JsonObject b, int max = 5)
    {
        var found = new List<string>();
        void Walk(string prefix, JsonObject x, JsonObject y)
        {
            foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
            {
                var (u, v) = (x[key], y[key]);
                if (u is JsonObject uo && v is JsonObject vo) Walk(prefix + key + ".", uo, vo);
                else if (!JsonNode.DeepEquals(u, v)) found.Add($"{prefix}{key}: {u?.ToJsonString() ?? "null"} vs {v?.ToJsonString() ?? "null"}");
            }
        }
        Walk("", a, b);
        return found.Take(max).ToArray();
    }

    static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    // The values as loaded, so that a registry dataset (whose files the kit finds itself) is pinned as firmly as a CSV.
    static string ValuesSha256(MultimodalDataset dataset)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string name, double[,] values)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            var bytes = new byte[values.Length * sizeof(double)];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            hash.AppendData(bytes);
        }
        Add("target:" + string.Join(",", dataset.TargetNames), dataset.Target);
        foreach (var m in dataset.Modalities) Add(m.Name, m.Values);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
