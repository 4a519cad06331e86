using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// A comparison model as an estimator, with PIDReg's contract: settings on construction, <see cref="Fit"/> learns
/// scalers (training rows only) and the network (early stopping on validation) and returns this, <see cref="Predict"/>
/// answers on the original target scale. Needs exactly two modalities; unimodal models read only theirs.
/// </summary>
public sealed class BaselineRegressor : IMultimodalRegressor
{
    Module<Tensor, Tensor, Tensor>? network;
    BaselineHistory? history;
    ColumnScaling?[] scalings = [];
    ColumnScaling? targetScaling;
    long[] widths = [];
    string[]?[]? featureNames;

    /// <summary>Stores the kind and the (validated) settings; null settings = PIDReg's defaults.</summary>
    public BaselineRegressor(BaselineKind kind, BaselineOptions? options = null)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown baseline kind");
        Kind = kind;
        Options = (options ?? new BaselineOptions()).Validate();
    }

    /// <summary>Which baseline.</summary>
    public BaselineKind Kind { get; }

    /// <summary>The settings.</summary>
    public BaselineOptions Options { get; }

    /// <summary>The registry name (<see cref="ModelNames"/>).</summary>
    public string Name => Kind switch
    {
        BaselineKind.Unimodal1 => ModelNames.Unimodal1,
        BaselineKind.Unimodal2 => ModelNames.Unimodal2,
        BaselineKind.EarlyFusion => ModelNames.Early,
        BaselineKind.LateFusion => ModelNames.Late,
        BaselineKind.TensorFusion => ModelNames.Tfn,
        _ => ModelNames.Lmf,
    };

    /// <summary>True after <see cref="Fit"/>.</summary>
    public bool IsFitted => network is not null;

    /// <summary>The trained network (evaluation mode).</summary>
    public Module<Tensor, Tensor, Tensor> Network => network ?? throw NotFitted();

    /// <summary>Per-epoch losses, learning rate and wall time of the last fit.</summary>
    public BaselineHistory History => history ?? throw NotFitted();

    /// <inheritdoc />
    public long ParameterCount => Network.parameters().Sum(p => p.numel());

    /// <inheritdoc />
    public double SecondsPerEpoch => History.SecondsPerEpoch;

    bool Reads(int modality) => Kind switch
    {
        BaselineKind.Unimodal1 => modality == 0,
        BaselineKind.Unimodal2 => modality == 1,
        _ => true,
    };

    /// <summary>Trains on <paramref name="train"/>, early-stopping on <paramref name="validation"/>; returns this.</summary>
    public BaselineRegressor Fit(MultimodalDataset train, MultimodalDataset validation, IProgress<BaselineEpochReport>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        CheckTwoModalities(train, "training");
        CheckTwoModalities(validation, "validation");
        if (train.RowCount < 4)
            throw new ArgumentException($"{Name}: the training dataset '{train.Name}' has {train.RowCount} rows; training needs at least 4 (BatchNorm batches).");
        for (int m = 0; m < 2; m++)
            if (validation.Modalities[m].Dims != train.Modalities[m].Dims)
                throw new ArgumentException(
                    $"{Name}: validation modality '{validation.Modalities[m].Name}' has {validation.Modalities[m].Dims} columns but the training one has {train.Modalities[m].Dims}.");
        if (validation.Target.GetLength(1) != train.Target.GetLength(1))
            throw new ArgumentException($"{Name}: the validation target has {validation.Target.GetLength(1)} columns but the training target has {train.Target.GetLength(1)}.");
        PidReg.Evaluation.FitRequirements.Check(Options, Name, train, validation); // the shared input checks, before any training
        var newScalings = Enumerable.Range(0, 2).Select(m => Reads(m) ? ColumnScaling.Fit(train.Modalities[m].Values, Options.ClampInputsToTrainingRange) : null).ToArray();
        var newTarget = ColumnScaling.Fit(train.Target);
        long d1 = train.Modalities[0].Dims, d2 = train.Modalities[1].Dims, t = train.Target.GetLength(1);
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        var o = Options;
        Module<Tensor, Tensor, Tensor> Build() => Kind switch
        {
            BaselineKind.Unimodal1 => new UnimodalNetwork(Name, 0, d1, t, o),
            BaselineKind.Unimodal2 => new UnimodalNetwork(Name, 1, d2, t, o),
            BaselineKind.EarlyFusion => new EarlyFusionNetwork(Name, d1, d2, t, o),
            BaselineKind.LateFusion => new LateFusionNetwork(Name, d1, d2, t, o),
            BaselineKind.TensorFusion => new TensorFusionNetwork(Name, d1, d2, t, o),
            _ => new LowRankFusionNetwork(Name, d1, d2, t, o),
        };
        // No dispose scope around training: the network must outlive it; the data tensors are freed by hand.
        var trainData = ToTensors(train, newScalings, newTarget, "training");
        var validationData = ToTensors(validation, newScalings, newTarget, "validation");
        try
        {
            var (trained, trainedHistory) = BaselineTraining.Fit(Build, trainData, validationData, o, progress, ct);
            network?.Dispose();
            (network, history, scalings, targetScaling, widths) = (trained, trainedHistory, newScalings, newTarget, [d1, d2]);
            featureNames = [train.Modalities[0].FeatureNames?.ToArray(), train.Modalities[1].FeatureNames?.ToArray()];
        }
        finally
        {
            foreach (var tensor in new[] { trainData.X1, trainData.X2, trainData.Y, validationData.X1, validationData.X2, validationData.Y })
                tensor.Dispose();
        }
        return this;
    }

    IMultimodalRegressor IMultimodalRegressor.Fit(MultimodalDataset train, MultimodalDataset validation, IProgress<int>? epochs, CancellationToken ct) =>
        Fit(train, validation, epochs is null ? null : new InlineProgress<BaselineEpochReport>(e => epochs.Report(e.Epoch)), ct);

    /// <summary>Predictions (rows × target columns) on the original target scale, evaluation mode.</summary>
    public double[,] Predict(MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var net = Network;
        CheckTwoModalities(data, "prediction");
        for (int m = 0; m < 2; m++)
            if (data.Modalities[m].Dims != widths[m])
                throw new ArgumentException(
                    $"{Name}: modality '{data.Modalities[m].Name}' (X{m + 1}) of dataset '{data.Name}' has {data.Modalities[m].Dims} columns; the model was fitted on {widths[m]}.");
        FeatureNameMatch.Check(Name, featureNames, data);
        const int chunk = 4096;
        int targetDim = targetScaling!.Mean.Length;
        var scaled = Enumerable.Range(0, 2)
            .Select(m => scalings[m]?.TransformToSingle(data.Modalities[m].Values, $"modality '{data.Modalities[m].Name}' (X{m + 1})")).ToArray();
        var result = new double[data.RowCount, targetDim];
        net.eval();
        using var pause = PidReg.Torch.CollectionPause.Begin();  // no Scalar finalized mid-op (see there)
        using var _ = no_grad();
        for (int start = 0; start < data.RowCount; start += chunk)
        {
            using var scope = NewDisposeScope();
            int rows = Math.Min(chunk, data.RowCount - start);
            var x = Enumerable.Range(0, 2).Select(m => scaled[m] is { } s
                ? tensor(s.AsSpan(start * (int)widths[m], rows * (int)widths[m]).ToArray(), [rows, widths[m]]).clone()  // (b, d_m); see ToTensors
                : empty(rows, 0)).ToArray();
            var prediction = net.forward(x[0], x[1]).data<float>().ToArray();  // (b, t)
            var original = targetScaling.Inverse(prediction, rows);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < targetDim; j++)
                    result[start + i, j] = original[i, j];
        }
        return result;
    }

    /// <summary>Releases the network's native memory.</summary>
    public void Dispose()
    {
        network?.Dispose();
        network = null;
        history = null;
    }

    InvalidOperationException NotFitted() => new($"This {Name} {nameof(BaselineRegressor)} is not fitted yet: call Fit first.");

    void CheckTwoModalities(MultimodalDataset data, string role)
    {
        if (data.Modalities.Count != 2)
            throw new ArgumentException(
                $"{Name}: the {role} dataset '{data.Name}' has {data.Modalities.Count} modalities; the baselines, like PIDReg, need exactly two (X1, X2).");
    }

    // An unread modality becomes an empty (n, 0) tensor, so a unimodal model neither scales nor copies it.
    // clone(): a tensor made from a managed array can sit at any address, and the CPU GEMM kernels round differently
    // with the alignment, so the same prediction could differ in the last bit from call to call; torch's allocator aligns.
    static TrainingData ToTensors(MultimodalDataset data, ColumnScaling?[] scalings, ColumnScaling target, string role)
    {
        int n = data.RowCount;
        var x = Enumerable.Range(0, 2).Select(m =>
        {
            var modality = data.Modalities[m];
            return scalings[m] is { } s
                ? tensor(s.TransformToSingle(modality.Values, $"{role} modality '{modality.Name}' (X{m + 1})"), [n, modality.Dims]).clone()  // (n, d_m)
                : empty(n, 0);
        }).ToArray();
        return new TrainingData(x[0], x[1], tensor(target.TransformToSingle(data.Target, $"{role} target"), [n, data.Target.GetLength(1)]).clone());  // (n, t)
    }
}
