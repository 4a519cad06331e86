using PidReg.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// The base of every regressor (scikit-learn's estimator contract): settings on construction, stored untouched;
/// <c>Fit</c> checks the data, learns per-modality and target scalers on the training rows, trains the network with the
/// shared loop (<see cref="Trainer"/>) and returns the regressor; <see cref="Predict"/> answers on the original target
/// scale in chunks on the model's device; <see cref="Save"/> writes a checkpoint; <see cref="Dispose"/> frees the
/// network. What a model learned (network, scalers, widths, names, history) is kept apart from its settings and
/// replaced as a whole by each fit. A subclass says how many modalities it takes, which it reads, how its network is
/// built and run, and how it trains (its <see cref="TrainingObjective{TReport, THistory}"/>).
/// </summary>
/// <typeparam name="TNetwork">The network type.</typeparam>
/// <typeparam name="TOptions">The settings.</typeparam>
/// <typeparam name="TReport">One epoch's report.</typeparam>
/// <typeparam name="THistory">The training history.</typeparam>
public abstract class MultimodalRegressor<TNetwork, TOptions, TReport, THistory> : IMultimodalRegressor
    where TNetwork : nn.Module
    where TOptions : TrainingOptions
    where TReport : IEpochReport
    where THistory : class, ITrainingHistory
{
    // Rows per forward pass of Predict: bounds memory on large data sets.
    const int PredictChunk = 4096;

    TNetwork? network;
    FittedState<THistory>? fitted;

    /// <summary>Stores the (validated) settings.</summary>
    protected MultimodalRegressor(TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings.</summary>
    public TOptions Options { get; }

    TrainingOptions IMultimodalRegressor.Options => Options;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>True after a fit or a load.</summary>
    public bool IsFitted => network is not null;

    /// <summary>Per-epoch record of the last fit.</summary>
    public THistory History => Fitted.History;

    ITrainingHistory IMultimodalRegressor.History => History;

    /// <summary>Modality names of the fit, in order.</summary>
    public IReadOnlyList<string> ModalityNames => Fitted.Modalities.Select(m => m.Name).ToArray();

    /// <inheritdoc />
    public long ParameterCount => Network.parameters().Sum(p => p.numel());

    /// <inheritdoc />
    public double SecondsPerEpoch => History.SecondsPerEpoch;

    /// <summary>The trained network (evaluation mode), for inspection.</summary>
    public TNetwork Network => network ?? throw NotFitted();

    /// <summary>What the fit learned besides the network.</summary>
    internal FittedState<THistory> Fitted => fitted ?? throw NotFitted();

    // ---- what a model says ---------------------------------------------------------------------

    /// <summary>Throws <see cref="ArgumentException"/> when the model cannot take the modalities of <paramref name="data"/> (naming the fix); <paramref name="role"/> is "training" or "validation".</summary>
    protected abstract void CheckModalityCount(MultimodalDataset data, string role);

    /// <summary>Whether the network reads modality <paramref name="modality"/> (0-based) of <paramref name="count"/>; an unread one is neither scaled nor copied.</summary>
    protected virtual bool Reads(int modality, int count) => true;

    /// <summary>
    /// A network for modalities named <paramref name="names"/> of <paramref name="widths"/> (0 for an unread one) and
    /// <paramref name="targetDim"/> outputs; draws its initial weights from the global generator.
    /// </summary>
    protected abstract TNetwork Build(IReadOnlyList<string> names, IReadOnlyList<long> widths, long targetDim);

    /// <summary>Standardised prediction (B, t) of modality batches (B, d_m) in evaluation mode.</summary>
    protected abstract Tensor Forward(TNetwork network, IReadOnlyList<Tensor> x);

    /// <summary>How a freshly built <paramref name="network"/> trains.</summary>
    private protected abstract TrainingObjective<TReport, THistory> Objective(TNetwork network);

    // ---- fit, predict ----------------------------------------------------------------------------

    /// <inheritdoc />
    public void CheckModalities(MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckModalityCount(data, "training");
    }

    /// <summary>
    /// Trains on <paramref name="train"/>, early-stopping on <paramref name="validation"/>. Scalers (per modality and
    /// target) are fitted on the training rows; inputs are clamped to the training range unless
    /// <see cref="TrainingOptions.ClampInputsToTrainingRange"/> is off. Every check runs before training.
    /// </summary>
    private protected void FitCore(MultimodalDataset train, MultimodalDataset validation, IProgress<TReport>? progress, CancellationToken ct,
        TrainingProfile? profile = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        CheckModalityCount(train, "training");
        if (validation.Modalities.Count != train.Modalities.Count)
            throw new ArgumentException(
                $"{Name}: the validation dataset '{validation.Name}' has {validation.Modalities.Count} modalities but the training one has {train.Modalities.Count}.");
        for (int m = 0; m < train.Modalities.Count; m++)
            if (validation.Modalities[m].Dims != train.Modalities[m].Dims)
                throw new ArgumentException(
                    $"{Name}: validation modality '{validation.Modalities[m].Name}' has {validation.Modalities[m].Dims} columns but the training one has {train.Modalities[m].Dims}.");
        if (validation.Target.GetLength(1) != train.Target.GetLength(1))
            throw new ArgumentException($"{Name}: the validation target has {validation.Target.GetLength(1)} columns but the training target has {train.Target.GetLength(1)}.");
        FitRequirements.Check(this, train, validation);
        int count = train.Modalities.Count;
        var modalities = train.Modalities.Select((m, i) => new FittedModality(m.Name, m.Dims,
            Reads(i, count) ? ColumnScaling.Fit(m.Values, Options.ClampInputsToTrainingRange) : null, m.FeatureNames?.ToArray())).ToArray();
        var targetScaling = ColumnScaling.Fit(train.Target);
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        long targetDim = train.Target.GetLength(1);
        var widths = modalities.Select(m => m.Scaling is null ? 0 : m.Width).ToArray();
        // No dispose scope here: the network built inside must outlive it; the data tensors are freed by hand.
        var trainData = ToTensors(train, modalities, targetScaling, "training");
        var validationData = ToTensors(validation, modalities, targetScaling, "validation");
        TNetwork? trained = null;
        THistory history;
        try
        {
            history = Trainer.Fit(() => Objective(trained = Build([.. modalities.Select(m => m.Name)], widths, targetDim)), trainData, validationData, Options, progress, ct, profile);
        }
        finally
        {
            trainData.Dispose();
            validationData.Dispose();
        }
        network?.Dispose();
        network = trained!;
        fitted = new FittedState<THistory>(modalities, train.TargetNames.ToArray(), targetScaling, history);
    }

    /// <summary>Predictions (rows × target columns) on the original target scale, evaluation mode, on the model's device.</summary>
    public double[,] Predict(MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (net, s) = (Network, Fitted);
        CheckCompatible(data, "prediction");
        var device = Options.ResolveDevice();
        int targetDim = s.TargetScaling.Mean.Length;
        var scaled = s.Modalities.Select((m, i) => m.Scaling?.TransformToSingle(data.Modalities[i].Values, $"modality '{data.Modalities[i].Name}' (X{i + 1})")).ToArray();
        var result = new double[data.RowCount, targetDim];
        net.eval();
        using var pause = PidReg.Torch.CollectionPause.Begin();  // no Scalar finalized mid-op (see there)
        using var _ = no_grad();
        for (int start = 0; start < data.RowCount; start += PredictChunk)
        {
            using var scope = NewDisposeScope();
            int rows = Math.Min(PredictChunk, data.RowCount - start);
            var x = s.Modalities.Select((m, i) => scaled[i] is { } values
                ? OnDevice(tensor(values.AsSpan(start * (int)m.Width, rows * (int)m.Width).ToArray(), [rows, m.Width]).clone(), device)  // (b, d_m); see ToTensors
                : empty(rows, 0, device: device)).ToArray();
            var prediction = Forward(net, x).cpu().data<float>().ToArray();  // (b, t)
            var original = s.TargetScaling.Inverse(prediction, rows);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < targetDim; j++)
                    result[start + i, j] = original[i, j];
        }
        return result;
    }

    /// <summary>
    /// Checks that <paramref name="data"/> holds the fit's modalities: the count, each width and, where both sides know
    /// them, the feature names. <paramref name="role"/> ("prediction", "encoding") goes into the message.
    /// </summary>
    private protected void CheckCompatible(MultimodalDataset data, string role)
    {
        var s = Fitted;
        if (data.Modalities.Count != s.Modalities.Count)
            throw new ArgumentException(
                $"{Name}: the {role} dataset '{data.Name}' has {data.Modalities.Count} modalities ({string.Join(", ", data.Modalities.Select(m => m.Name))}); " +
                $"the model was fitted on {s.Modalities.Count} ({string.Join(", ", s.Modalities.Select(m => m.Name))}).");
        for (int m = 0; m < s.Modalities.Count; m++)
            if (data.Modalities[m].Dims != s.Modalities[m].Width)
                throw new ArgumentException(
                    $"{Name}: modality '{data.Modalities[m].Name}' (X{m + 1}) of dataset '{data.Name}' has {data.Modalities[m].Dims} columns; the model was fitted on {s.Modalities[m].Width}.");
        FeatureNameMatch.Check(Name, s.Modalities.Select(m => m.FeatureNames).ToArray(), data);
    }

    /// <summary>
    /// The standardised tensors of <paramref name="data"/> for the fit's modalities, on the CPU. An unread modality
    /// becomes an empty (n, 0) tensor. clone(): a tensor made from a managed array can sit at any address, and the CPU
    /// GEMM kernels round differently with the alignment, so the same numbers could differ in the last bit from call to
    /// call; torch's allocator aligns.
    /// </summary>
    private protected static TrainingData ToTensors(MultimodalDataset data, IReadOnlyList<FittedModality> modalities, ColumnScaling target, string role)
    {
        int n = data.RowCount;
        var x = modalities.Select((m, i) => m.Scaling is { } s
            ? tensor(s.TransformToSingle(data.Modalities[i].Values, $"{role} modality '{data.Modalities[i].Name}' (X{i + 1})"), [n, m.Width]).clone()  // (n, d_m)
            : empty(n, 0)).ToArray();
        return new TrainingData(x, tensor(target.TransformToSingle(data.Target, $"{role} target"), [n, data.Target.GetLength(1)]).clone());  // (n, t)
    }

    /// <summary><paramref name="t"/> on <paramref name="device"/>: itself when it is there already.</summary>
    private protected static Tensor OnDevice(Tensor t, Device device) => t.device_type == device.type ? t : t.to(device);

    // ---- checkpoints -----------------------------------------------------------------------------

    /// <summary>Writes a checkpoint directory (pidreg.json + weights.bin); refuses to replace one unless <paramref name="overwrite"/>.</summary>
    public void Save(string directory, bool overwrite = false) =>
        CheckpointFile.Save(directory, new CheckpointState<TOptions, THistory>(CheckpointFile.FormatVersion, GetType().Name, Name, Options,
            Fitted.Modalities, Fitted.TargetNames, Fitted.TargetScaling, Fitted.History), Network, overwrite);

    /// <summary>
    /// Restores a checkpoint's state into this unfitted regressor (whose settings are the checkpoint's, the device
    /// perhaps changed): builds the network, reads its weights and moves it to the device.
    /// </summary>
    private protected void Restore(string directory, CheckpointState<TOptions, THistory> state)
    {
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        var device = CheckpointFile.DeviceFor(directory, Options);
        var built = Build([.. state.Modalities.Select(m => m.Name)], state.Modalities.Select(m => m.Scaling is null ? 0 : m.Width).ToArray(), state.TargetScaling.Mean.Length);
        try
        {
            CheckpointFile.LoadWeights(directory, built);
            built.to(device);
        }
        catch
        {
            built.Dispose();
            throw;
        }
        built.eval();
        network = built;
        fitted = new FittedState<THistory>(state.Modalities, state.TargetNames, state.TargetScaling, state.History);
    }

    // ---- the estimator interface and disposal ------------------------------------------------------

    IMultimodalRegressor IMultimodalRegressor.Fit(MultimodalDataset train, MultimodalDataset validation, IProgress<IEpochReport>? progress, CancellationToken ct)
    {
        FitCore(train, validation, progress is null ? null : new InlineProgress<TReport>(r => progress.Report(r)), ct);
        return this;
    }

    /// <summary>Releases the network's native memory; the regressor is unfitted again.</summary>
    public void Dispose()
    {
        network?.Dispose();
        network = null;
        fitted = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>The error of using an unfitted regressor.</summary>
    private protected InvalidOperationException NotFitted() =>
        new($"This {Name} {GetType().Name} is not fitted yet: call Fit first (or Load a checkpoint).");
}
