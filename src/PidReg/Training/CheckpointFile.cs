using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// A checkpoint directory of any regressor: <c>pidreg.json</c> (<see cref="CheckpointState{TOptions, THistory}"/>: format
/// version, kind, model, settings, each modality's width, scaling and names, the target's scaling, history) and
/// <c>weights.bin</c> (the TorchSharp state dict, including BatchNorm statistics and PIDReg's θ and fusion weights).
/// Format 1, written by PIDReg before models took a list of modalities (X1Dim, X2Dim, X1Scaling, ...), is read too.
/// </summary>
internal static class CheckpointFile
{
    public const int FormatVersion = 2;
    const int TwoModalityFormat = 1;
    public const string StateFile = "pidreg.json", WeightsFile = "weights.bin";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Save<TOptions, THistory>(string directory, CheckpointState<TOptions, THistory> state, nn.Module network, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var statePath = Path.Combine(directory, StateFile);
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!overwrite && (File.Exists(statePath) || File.Exists(weightsPath)))
            throw new IOException($"Checkpoint '{directory}' already holds {StateFile} or {WeightsFile}; pass overwrite: true to replace it.");
        Directory.CreateDirectory(directory);
        network.save(weightsPath);
        File.WriteAllText(statePath, JsonSerializer.Serialize(state, Json));
    }

    /// <summary>The kind of regressor that wrote the checkpoint in <paramref name="directory"/> ("PidRegRegressor", ...).</summary>
    public static string ReadKind(string directory) => (string?)ReadNode(directory, out _)["Kind"] ?? "";

    /// <summary>
    /// Reads the state of a checkpoint written by a <paramref name="kind"/> regressor; wrong, incomplete or corrupt files
    /// give a clear error. <paramref name="upgradeOptions"/> lets the regressor fill in, in the stored options, a setting
    /// that older checkpoints lack, with the value they were trained with.
    /// </summary>
    public static CheckpointState<TOptions, THistory> ReadState<TOptions, THistory>(string directory, string kind, Action<JsonObject>? upgradeOptions = null)
        where TOptions : TrainingOptions
    {
        var node = ReadNode(directory, out var statePath);
        var foundKind = (string?)node["Kind"];
        if (foundKind != kind)
            throw new InvalidDataException($"{statePath} is not a {kind} checkpoint (kind '{foundKind}').");
        int version = node["FormatVersion"]?.GetValueKind() == JsonValueKind.Number ? (int)node["FormatVersion"]! : -1;
        if (version == TwoModalityFormat) node = FromTwoModalityFormat(node);
        else if (version != FormatVersion)
            throw new InvalidDataException($"{statePath} has checkpoint format version {version}; this kit reads versions {TwoModalityFormat} and {FormatVersion}.");
        if (upgradeOptions is not null && node["Options"] is JsonObject options) upgradeOptions(options);
        CheckpointState<TOptions, THistory>? state;
        try
        {
            state = node.Deserialize<CheckpointState<TOptions, THistory>>(Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{statePath} is not a valid checkpoint state ({ex.Message}).", ex);
        }
        if (state?.Options is null || state.Modalities is null || state.Modalities.Any(m => m is null) || state.TargetScaling is null
            || state.History is null || state.TargetNames is null)
            throw new InvalidDataException($"{statePath} is missing options, modalities, scalers or history.");
        state.Options.Validate();
        return state;
    }

    static JsonObject ReadNode(string directory, out string statePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Checkpoint directory '{directory}' does not exist.");
        statePath = Path.Combine(directory, StateFile);
        if (!File.Exists(statePath))
            throw new FileNotFoundException($"'{directory}' is not a PIDReg kit checkpoint: {StateFile} is missing.", statePath);
        if (!File.Exists(Path.Combine(directory, WeightsFile)))
            throw new FileNotFoundException($"Checkpoint '{directory}' is incomplete: {WeightsFile} is missing.", Path.Combine(directory, WeightsFile));
        try
        {
            return JsonNode.Parse(File.ReadAllText(statePath)) as JsonObject
                ?? throw new InvalidDataException($"{statePath} is not a valid checkpoint state (not a JSON object).");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{statePath} is not a valid checkpoint state ({ex.Message}).", ex);
        }
    }

    // Format 1 (PIDReg, two modalities) as format 2: the X1/X2 fields become a list of two modalities.
    static JsonObject FromTwoModalityFormat(JsonObject old)
    {
        JsonNode? Take(string key) => old[key]?.DeepClone();
        var names = old["ModalityNames"] as JsonArray;
        var features = old["FeatureNames"] as JsonArray;
        JsonObject Modality(int m) => new()
        {
            ["Name"] = names?[m]?.DeepClone(),
            ["Width"] = Take($"X{m + 1}Dim"),
            ["Scaling"] = Take($"X{m + 1}Scaling"),
            ["FeatureNames"] = features?[m]?.DeepClone(),
        };
        return new JsonObject
        {
            ["FormatVersion"] = FormatVersion,
            ["Kind"] = Take("Kind"),
            ["Model"] = "pidreg",
            ["Options"] = Take("Options"),
            ["Modalities"] = new JsonArray(Modality(0), Modality(1)),
            ["TargetNames"] = Take("TargetNames"),
            ["TargetScaling"] = Take("TargetScaling"),
            ["History"] = Take("History"),
        };
    }

    public static void LoadWeights(string directory, nn.Module network)
    {
        var weightsPath = Path.Combine(directory, WeightsFile);
        try
        {
            network.load(weightsPath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{weightsPath} is corrupt or does not match the checkpoint's model shapes ({ex.Message}).", ex);
        }
    }

    /// <summary>
    /// The device a checkpoint loads onto (its settings' <see cref="TrainingOptions.Device"/>), or an error naming the
    /// fix when that is CUDA and TorchSharp sees none.
    /// </summary>
    public static Device DeviceFor(string directory, TrainingOptions options)
    {
        try
        {
            return options.ResolveDevice();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                $"Checkpoint '{directory}' was trained on {options.Device}, which this machine does not offer ({ex.Message}) " +
                "Load it onto the CPU: Load(directory, ComputeDevice.Cpu), or --device cpu.", ex);
        }
    }
}
