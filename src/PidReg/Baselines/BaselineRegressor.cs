using PidReg.Data;
using PidReg.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// A comparison model as an estimator, with the contract every regressor shares
/// (<see cref="MultimodalRegressor{TNetwork, TOptions, TReport, THistory}"/>): settings on construction, <see cref="Fit"/>
/// learns scalers (training rows only) and the network (early stopping on validation) and returns this, <c>Predict</c>
/// answers on the original target scale. Takes any number of modalities the kind can fuse; unimodal models read only theirs.
/// </summary>
public sealed class BaselineRegressor : MultimodalRegressor<Module<IReadOnlyList<Tensor>, Tensor>, BaselineOptions, BaselineEpochReport, BaselineHistory>
{
    /// <summary>Stores the kind and the (validated) settings; null settings = PIDReg's defaults.</summary>
    public BaselineRegressor(BaselineKind kind, BaselineOptions? options = null) : base(options ?? new BaselineOptions())
    {
        Kind = kind ?? throw new ArgumentNullException(nameof(kind));
    }

    /// <summary>Which baseline.</summary>
    public BaselineKind Kind { get; }

    /// <summary>The registry name (<see cref="BaselineKind.Name"/>).</summary>
    public override string Name => Kind.Name;

    /// <summary>Trains on <paramref name="train"/>, early-stopping on <paramref name="validation"/>; returns this.</summary>
    public BaselineRegressor Fit(MultimodalDataset train, MultimodalDataset validation, IProgress<BaselineEpochReport>? progress = null, CancellationToken ct = default)
    {
        FitCore(train, validation, progress, ct);
        return this;
    }

    /// <summary>
    /// Reads a checkpoint written by <c>Save</c>; wrong, incomplete or corrupt files give a clear error. The network goes
    /// to the device it was trained on, or to <paramref name="device"/> when given (a CUDA checkpoint on a machine without
    /// CUDA: <see cref="ComputeDevice.Cpu"/>).
    /// </summary>
    public static BaselineRegressor Load(string directory, ComputeDevice? device = null)
    {
        var state = CheckpointFile.ReadState<BaselineOptions, BaselineHistory>(directory, nameof(BaselineRegressor));
        var kind = BaselineKind.Named(state.Model)
            ?? throw new InvalidDataException($"Checkpoint '{directory}' holds a '{state.Model}' model, which this kit does not know.");
        var regressor = new BaselineRegressor(kind, device is { } d ? state.Options with { Device = d } : state.Options);
        regressor.Restore(directory, state);
        return regressor;
    }

    /// <inheritdoc />
    protected override void CheckModalityCount(MultimodalDataset data, string role) => Kind.CheckModalities(data, Options, role);

    /// <inheritdoc />
    protected override bool Reads(int modality, int count) => Kind.Reads(modality);

    /// <inheritdoc />
    protected override Module<IReadOnlyList<Tensor>, Tensor> Build(IReadOnlyList<string> names, IReadOnlyList<long> widths, long targetDim) => Kind.Build(widths, targetDim, Options);

    /// <inheritdoc />
    protected override Tensor Forward(Module<IReadOnlyList<Tensor>, Tensor> network, IReadOnlyList<Tensor> x) => network.forward(x);  // (B, t)

    private protected override TrainingObjective<BaselineEpochReport, BaselineHistory> Objective(Module<IReadOnlyList<Tensor>, Tensor> network) =>
        new BaselineObjective(network, Options.LearningRate);
}
