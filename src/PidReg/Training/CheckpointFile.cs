using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PidReg.Model;

namespace PidReg.Training;

/// <summary>
/// A PIDReg checkpoint directory: <c>pidreg.json</c> (format version, options, shapes, scalers, fusion state,
/// history) and <c>weights.bin</c> (the TorchSharp state dict, including θ, BatchNorm statistics and fusion weights).
/// </summary>
internal static class CheckpointFile
{
    public const int FormatVersion = 1;
    public const string Kind = "PidRegRegressor";
    public const string StateFile = "pidreg.json", WeightsFile = "weights.bin";

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public sealed record State(
        int FormatVersion, string Kind, PidRegOptions Options, string[] ModalityNames, string[] TargetNames,
        long X1Dim, long X2Dim, long TargetDim, ColumnScaling X1Scaling, ColumnScaling X2Scaling, ColumnScaling TargetScaling,
        PidAtoms? Atoms, TrainingHistory History, string[]?[]? FeatureNames = null);

    public static void Save(string directory, State state, PidRegModel model, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var statePath = Path.Combine(directory, StateFile);
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!overwrite && (File.Exists(statePath) || File.Exists(weightsPath)))
            throw new IOException($"Checkpoint '{directory}' already holds {StateFile} or {WeightsFile}; pass overwrite: true to replace it.");
        Directory.CreateDirectory(directory);
        model.save(weightsPath);
        File.WriteAllText(statePath, JsonSerializer.Serialize(state, Json));
    }

    public static State ReadState(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Checkpoint directory '{directory}' does not exist.");
        var statePath = Path.Combine(directory, StateFile);
        if (!File.Exists(statePath))
            throw new FileNotFoundException($"'{directory}' is not a PIDReg checkpoint: {StateFile} is missing.", statePath);
        if (!File.Exists(Path.Combine(directory, WeightsFile)))
            throw new FileNotFoundException($"Checkpoint '{directory}' is incomplete: {WeightsFile} is missing.", Path.Combine(directory, WeightsFile));
        State? state;
        try
        {
            state = JsonSerializer.Deserialize<State>(File.ReadAllText(statePath), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{statePath} is not a valid PIDReg checkpoint state ({ex.Message}).", ex);
        }
        if (state is null || state.Kind != Kind)
            throw new InvalidDataException($"{statePath} is not a PIDReg checkpoint (kind '{state?.Kind}', expected '{Kind}').");
        if (state.FormatVersion != FormatVersion)
            throw new InvalidDataException($"{statePath} has checkpoint format version {state.FormatVersion}; this kit reads version {FormatVersion}.");
        if (state.Options is null || state.X1Scaling is null || state.X2Scaling is null || state.TargetScaling is null || state.History is null)
            throw new InvalidDataException($"{statePath} is missing options, scalers or history.");
        // Checkpoints written before the fusion layout was an option summed the paths: say so, since today's default concatenates.
        if (JsonNode.Parse(File.ReadAllText(statePath))?["Options"]?[nameof(PidRegOptions.FusionLayout)] is null)
            state = state with { Options = state.Options with { FusionLayout = FusionLayout.Sum } };
        state.Options.Validate();
        return state;
    }

    public static void LoadWeights(string directory, PidRegModel model)
    {
        var weightsPath = Path.Combine(directory, WeightsFile);
        try
        {
            model.load(weightsPath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{weightsPath} is corrupt or does not match the checkpoint's model shapes ({ex.Message}).", ex);
        }
    }
}
