using PidReg.Information;
using PidReg.Data;
using PidReg.Model;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// PIDReg as an estimator: settings on construction, <see cref="Fit"/> learns scalers and network and returns this,
/// <see cref="Predict"/> answers on the original target scale, <see cref="Explain()"/> gives atoms, weights and λs.
/// Works on datasets with exactly two modalities (the paper's setting).
/// </summary>
public sealed class PidRegRegressor : PidReg.Evaluation.IMultimodalRegressor
{
    PidRegModel? model;
    CheckpointFile.State? state;

    /// <summary>Stores the settings (validated); null = the paper's defaults with the kit's choices.</summary>
    public PidRegRegressor(PidRegOptions? options = null) => Options = (options ?? new PidRegOptions()).Validate();

    /// <summary>The settings.</summary>
    public PidRegOptions Options { get; }

    /// <summary>True after <see cref="Fit"/> or <see cref="Load"/>.</summary>
    public bool IsFitted => model is not null;

    /// <summary>Per-epoch losses, atoms, weights, λs, learning rate and wall time of the last fit.</summary>
    public TrainingHistory History => Fitted().History;

    /// <summary>The trained network (evaluation mode), for inspection.</summary>
    public PidRegModel Model => model ?? throw NotFitted();

    /// <summary>When set, <see cref="Fit"/> records the wall time of each training-step phase in it (`pidreg bench train`).</summary>
    internal TrainingProfile? Profile { get; init; }

    /// <summary>
    /// Trains on <paramref name="train"/>, early-stopping on <paramref name="validation"/>. Scalers (per modality and
    /// target) are fitted on the training set; inputs are clamped to the training range unless
    /// <see cref="PidRegOptions.ClampInputsToTrainingRange"/> is off. Returns this.
    /// </summary>
    public PidRegRegressor Fit(MultimodalDataset train, MultimodalDataset validation, IProgress<EpochReport>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        CheckTwoModalities(train, "training");
        CheckTwoModalities(validation, "validation");
        PidReg.Evaluation.FitRequirements.Check(Options, train, validation); // the shared input checks, before any training
        var x1Scaling = ColumnScaling.Fit(train.Modalities[0].Values, Options.ClampInputsToTrainingRange);
        var x2Scaling = ColumnScaling.Fit(train.Modalities[1].Values, Options.ClampInputsToTrainingRange);
        var targetScaling = ColumnScaling.Fit(train.Target);
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        // No dispose scope here: the network built inside Fit must outlive it; the data tensors are freed by hand.
        var trainData = ToTensors(train, x1Scaling, x2Scaling, targetScaling, "training");
        var validationData = ToTensors(validation, x1Scaling, x2Scaling, targetScaling, "validation");
        TrainingResult result;
        try
        {
            result = new Trainer(Options) { Profile = Profile }.Fit(trainData, validationData, progress, ct);
        }
        finally
        {
            foreach (var t in new[] { trainData.X1, trainData.X2, trainData.Y, validationData.X1, validationData.X2, validationData.Y })
                t.Dispose();
        }
        model?.Dispose();
        model = result.Model;
        state = new CheckpointFile.State(CheckpointFile.FormatVersion, CheckpointFile.Kind, Options,
            [train.Modalities[0].Name, train.Modalities[1].Name], train.TargetNames.ToArray(),
            model.X1Dim, model.X2Dim, model.TargetDim, x1Scaling, x2Scaling, targetScaling, result.Atoms, result.History,
            [train.Modalities[0].FeatureNames?.ToArray(), train.Modalities[1].FeatureNames?.ToArray()]);
        return this;
    }

    /// <summary>Predictions (rows × target columns) on the original target scale, evaluation mode, no noise.</summary>
    public double[,] Predict(MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = Fitted();
        CheckTwoModalities(data, "prediction");
        const int chunk = 4096;
        var result = new double[data.RowCount, s.TargetDim];
        var x1 = s.X1Scaling.TransformToSingle(data.Modalities[0].Values, $"modality '{data.Modalities[0].Name}' (X1)");
        var x2 = s.X2Scaling.TransformToSingle(data.Modalities[1].Values, $"modality '{data.Modalities[1].Name}' (X2)");
        model!.eval();
        using var pause = PidReg.Torch.CollectionPause.Begin();  // no Scalar finalized mid-op (see there)
        using var _ = no_grad();
        for (int start = 0; start < data.RowCount; start += chunk)
        {
            using var scope = NewDisposeScope();
            int rows = Math.Min(chunk, data.RowCount - start);
            var t1 = tensor(x1.AsSpan(start * (int)s.X1Dim, rows * (int)s.X1Dim).ToArray(), [rows, s.X1Dim]).clone();  // (b, d1); clone: aligned, so GEMM rounding does not vary per call
            var t2 = tensor(x2.AsSpan(start * (int)s.X2Dim, rows * (int)s.X2Dim).ToArray(), [rows, s.X2Dim]).clone();  // (b, d2)
            var prediction = model.forward(t1, t2).cpu().data<float>().ToArray();                             // (b, t)
            var original = s.TargetScaling.Inverse(prediction, rows);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < s.TargetDim; j++)
                    result[start + i, j] = original[i, j];
        }
        return result;
    }

    /// <summary>
    /// The latents Z1, Z2 (rows × LatentDim each) of <paramref name="data"/> in evaluation mode (no bottleneck noise, so
    /// Z = R): what the fusion sees. For probes such as "how much of X2 can be read from Z1".
    /// </summary>
    public (double[,] Z1, double[,] Z2) Latents(MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = Fitted();
        CheckTwoModalities(data, "encoding");
        var x1 = s.X1Scaling.TransformToSingle(data.Modalities[0].Values, $"modality '{data.Modalities[0].Name}' (X1)");
        var x2 = s.X2Scaling.TransformToSingle(data.Modalities[1].Values, $"modality '{data.Modalities[1].Name}' (X2)");
        model!.eval();
        using var pause = PidReg.Torch.CollectionPause.Begin();  // no Scalar finalized mid-op (see there)
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var latents = model.Encode(tensor(x1, [data.RowCount, s.X1Dim]), tensor(x2, [data.RowCount, s.X2Dim]));  // (n, d) each
        return (ToArray(latents.Z1), ToArray(latents.Z2));

        static double[,] ToArray(Tensor z)
        {
            var values = z.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
            int rows = (int)z.shape[0], cols = (int)z.shape[1];
            var result = new double[rows, cols];
            Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(double));
            return result;
        }
    }

    /// <summary>
    /// Per-row attribution of the prediction to the modalities (<see cref="ModalityAttribution"/>): exact Shapley values
    /// over the modalities, where an absent modality's latent is the mean latent of <paramref name="reference"/> (default:
    /// <paramref name="data"/> itself; pass the training set to compare each row with the data the model learned from).
    /// With two modalities each row costs four passes of the fusion head.
    /// </summary>
    /// <param name="data">Rows to explain, with the fit's modalities.</param>
    /// <param name="reference">Rows whose mean latents stand for "modality absent"; null = <paramref name="data"/>.</param>
    /// <param name="targetColumn">Which target column to attribute (range: 0 to target columns − 1).</param>
    public ModalityAttribution Attribute(MultimodalDataset data, MultimodalDataset? reference = null, int targetColumn = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (latents, referenceLatents) = LatentsOf(data, reference);
        return AttributeLatents(data, latents, referenceLatents, targetColumn);
    }

    /// <summary>
    /// Per-row explanations of <paramref name="data"/>: each modality's Shapley contribution to every prediction
    /// (<see cref="Attribute"/>) and the local information of every row
    /// (<see cref="LocalLatentInformation"/>), both against <paramref name="reference"/> (default: <paramref name="data"/>
    /// itself; pass the training set). The latents of each set are computed once for both.
    /// </summary>
    public RowExplanations ExplainRows(MultimodalDataset data, MultimodalDataset? reference = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (latents, referenceLatents) = LatentsOf(data, reference);
        return new(AttributeLatents(data, latents, referenceLatents, 0), LocalInformationOf(data, latents, reference ?? data, referenceLatents));
    }

    /// <summary>
    /// Local (per-row) information of the latents about the target, in bits: i(y′; z1), i(y′; z2), i(y′; z1, z2) and the
    /// local I_ccs redundancy, under the Gaussian fitted to the latents of <paramref name="reference"/> (y′ = the target
    /// after the training run's transform, computed within each set). Averaged over the reference rows they give the
    /// plug-in I(y′; Z1), I(y′; Z2), I(y′; Z1, Z2) of <see cref="LatentPid"/>: a row with large local information is one
    /// the latents explain well; a negative value is a row the latent misleads about.
    /// </summary>
    /// <param name="data">Rows to explain.</param>
    /// <param name="reference">Rows the Gaussian is fitted to (more rows than 1 + 2 × latent width); null = <paramref name="data"/>.</param>
    public LocalPid LocalLatentInformation(MultimodalDataset data, MultimodalDataset? reference = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (latents, referenceLatents) = LatentsOf(data, reference);
        return LocalInformationOf(data, latents, reference ?? data, referenceLatents);
    }

    // The latents of the rows to explain and of the reference (the same arrays when there is no separate reference).
    ((double[,] Z1, double[,] Z2) Data, (double[,] Z1, double[,] Z2) Reference) LatentsOf(MultimodalDataset data, MultimodalDataset? reference)
    {
        Fitted();
        var latents = Latents(data);
        return (latents, reference is null ? latents : Latents(reference));
    }

    ModalityAttribution AttributeLatents(MultimodalDataset data, (double[,] Z1, double[,] Z2) latents, (double[,] Z1, double[,] Z2) reference, int targetColumn)
    {
        var s = Fitted();
        if (targetColumn < 0 || targetColumn >= s.TargetDim)
            throw new ArgumentOutOfRangeException(nameof(targetColumn), targetColumn, $"the model predicts {s.TargetDim} target column(s); use 0 to {s.TargetDim - 1}.");
        double[] mean1 = ColumnMeans(reference.Z1), mean2 = ColumnMeans(reference.Z2);
        int rows = data.RowCount, d = latents.Z1.GetLength(1);
        var weights = model!.FusionWeights;
        model.eval();
        using var pause = PidReg.Torch.CollectionPause.Begin();  // no Scalar finalized mid-op (see there)
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var present1 = tensor(Flatten(latents.Z1), [rows, d]);
        var present2 = tensor(Flatten(latents.Z2), [rows, d]);
        var absent1 = tensor(mean1.Select(v => (float)v).ToArray(), [1, d]).expand(rows, d);
        var absent2 = tensor(mean2.Select(v => (float)v).ToArray(), [1, d]).expand(rows, d);
        // v(S) for S ⊆ {1, 2}: the head with the latents of the modalities in S present, the others at the reference.
        double[] Value(Tensor a, Tensor b)
        {
            var head = model.Head(a, b, weights);  // (n, t)
            int n = (int)head.shape[0];
            var original = s.TargetScaling.Inverse(head.cpu().data<float>().ToArray(), n);
            return Enumerable.Range(0, n).Select(i => original[i, targetColumn]).ToArray();
        }
        double[] both = Value(present1, present2), only1 = Value(present1, absent2), only2 = Value(absent1, present2);
        double baseline = Value(absent1[..1], absent2[..1])[0];
        var contributions = new double[rows, 2];
        for (int i = 0; i < rows; i++)
        {
            // Shapley with two players: the mean of each modality's marginal effect over the two orders.
            contributions[i, 0] = 0.5 * ((only1[i] - baseline) + (both[i] - only2[i]));
            contributions[i, 1] = 0.5 * ((only2[i] - baseline) + (both[i] - only1[i]));
        }
        return new ModalityAttribution([data.Modalities[0].Name, data.Modalities[1].Name], targetColumn, baseline, both, contributions);

        static float[] Flatten(double[,] z)
        {
            var flat = new float[z.Length];
            int k = 0;
            foreach (var v in z) flat[k++] = (float)v;
            return flat;
        }
    }

    LocalPid LocalInformationOf(MultimodalDataset data, (double[,] Z1, double[,] Z2) latents, MultimodalDataset reference,
        (double[,] Z1, double[,] Z2) referenceLatents)
    {
        var t = TransformedTarget(data.Target);
        var rt = ReferenceEquals(reference, data) ? t : TransformedTarget(reference.Target);
        var blocks = new[] { rt, referenceLatents.Z1, referenceLatents.Z2 };
        int n = rt.GetLength(0), p = blocks.Sum(b => b.GetLength(1));
        if (n <= p)
            throw new ArgumentException($"the reference has {n} rows but the target and latents have {p} dimensions: give a reference with more rows (for example the training set).", nameof(reference));
        var means = blocks.Select(ColumnMeans).ToArray();
        // The reference rows, centred, as the row-major matrix the sample PID's covariance takes.
        var joint = new double[n * p];
        for (int i = 0, col = 0; i < n; i++, col = 0)
            for (int k = 0; k < blocks.Length; k++)
                for (int j = 0; j < blocks[k].GetLength(1); j++, col++)
                    joint[i * p + col] = blocks[k][i, j] - means[k][j];
        var covariance = PidSampleEstimator.Covariance(joint, n, p);
        return LocalInformation.Evaluate(covariance, Centred(t, means[0]), Centred(latents.Z1, means[1]), Centred(latents.Z2, means[2]));

        static double[,] Centred(double[,] x, double[] mean)
        {
            var c = new double[x.GetLength(0), x.GetLength(1)];
            for (int i = 0; i < x.GetLength(0); i++)
                for (int j = 0; j < x.GetLength(1); j++) c[i, j] = x[i, j] - mean[j];
            return c;
        }
    }

    static double[] ColumnMeans(double[,] x) =>
        Enumerable.Range(0, x.GetLength(1)).Select(j => Enumerable.Range(0, x.GetLength(0)).Average(i => x[i, j])).ToArray();

    // The training run's target transform, column by column, as the batch PID applies it.
    double[,] TransformedTarget(double[,] target)
    {
        int n = target.GetLength(0), m = target.GetLength(1);
        var result = new double[n, m];
        var column = new double[n];
        for (int j = 0; j < m; j++)
        {
            for (int i = 0; i < n; i++) column[i] = target[i, j];
            var z = BatchPid.TransformColumn(column, Options.TargetTransform);
            for (int i = 0; i < n; i++) result[i, j] = z[i];
        }
        return result;
    }

    /// <summary>Atoms, fusion weights and λs of the fitted model.</summary>
    public PidRegExplanation Explain()
    {
        var s = Fitted();
        var (lambda1, lambda2) = model!.Lambdas;
        return new PidRegExplanation(s.Atoms, model.FusionWeights, lambda1, lambda2, s.History.FrozenAtEpoch);
    }

    /// <summary>
    /// <see cref="Explain()"/> plus the joint normality of (y′, Z1, Z2) on <paramref name="data"/> (<see cref="LatentNormality"/>),
    /// the assumption behind the atoms. When the tests cannot run (a constant latent dimension, too few
    /// rows) <see cref="PidRegExplanation.NormalityNote"/> says why instead.
    /// </summary>
    public PidRegExplanation Explain(MultimodalDataset data)
    {
        var explanation = Explain();
        try { return explanation with { Normality = LatentNormality(data) }; }
        catch (ArgumentException e) { return explanation with { NormalityNote = e.Message }; }
    }

    /// <summary>
    /// Joint normality (Mardia, Henze–Zirkler) of (target after the training run's transform, Z1, Z2) on
    /// <paramref name="data"/>: the sample <see cref="LatentPid"/> decomposes. The tests cost O(n² p), so above
    /// <paramref name="maxRows"/> rows they run on that many evenly spaced rows (deterministic; the result's
    /// <c>Samples</c> says how many).
    /// </summary>
    /// <param name="data">Two modalities as in training.</param>
    /// <param name="maxRows">Range: ≥ 2 + target columns + 2 × latent dimension. Default <see cref="Diagnostics.MultivariateNormality.ReportRows"/> (as <see cref="LatentPid"/> uses).</param>
    /// <exception cref="ArgumentException">The joint sample cannot be tested (the message names the problem, e.g. a constant latent column).</exception>
    public Diagnostics.MultivariateNormality LatentNormality(MultimodalDataset data, int maxRows = Diagnostics.MultivariateNormality.ReportRows)
    {
        var (z1, z2) = Latents(data);
        return Diagnostics.MultivariateNormality.FromPidBlocks(data.Target, z1, z2, Options.TargetTransform, maxRows);
    }

    /// <summary>
    /// The PID of (target, Z1, Z2) on <paramref name="data"/>, from the trained encoders' latents (evaluation mode,
    /// no noise), with bootstrap intervals when <paramref name="options"/> asks for them. Where <see cref="Explain()"/>
    /// reports the epoch-averaged batch atoms the model was trained with, this re-estimates them on any data set (for
    /// example the test split) and says how certain they are. Default options: the training run's estimate and target
    /// transform, no bootstrap. The result's <see cref="PidResult.Normality"/> holds the joint normality tests of the
    /// same sample (<see cref="LatentNormality"/>), or <see cref="PidResult.NormalityNote"/> why they could not run.
    /// </summary>
    public PidResult LatentPid(MultimodalDataset data, PidSampleOptions? options = null)
    {
        options ??= new PidSampleOptions { Estimate = Options.PidEstimate, TargetTransform = Options.TargetTransform };
        var (z1, z2) = Latents(data);
        var result = GaussianPid.FromSamples(data.Target, z1, z2, options);
        // The assumption behind the atoms, on the same sample; a sample the PID can regularise but the
        // tests cannot whiten gets a note instead of an error.
        try { return result with { Normality = Diagnostics.MultivariateNormality.FromPidBlocks(data.Target, z1, z2, options.TargetTransform, Diagnostics.MultivariateNormality.ReportRows) }; }
        catch (ArgumentException e) { return result with { NormalityNote = e.Message }; }
    }

    /// <summary>Writes a checkpoint directory (pidreg.json + weights.bin); refuses to replace one unless <paramref name="overwrite"/>.</summary>
    public void Save(string directory, bool overwrite = false) => CheckpointFile.Save(directory, Fitted(), model!, overwrite);

    /// <summary>Reads a checkpoint written by <see cref="Save"/>; wrong, incomplete or corrupt files give a clear error.</summary>
    public static PidRegRegressor Load(string directory)
    {
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        var s = CheckpointFile.ReadState(directory);
        var o = s.Options;
        var network = new PidRegModel(s.X1Dim, s.X2Dim, s.TargetDim, o.HiddenDim, o.LatentDim, o.Dropout1, o.Dropout2, o.InitialTheta, o.UseBottleneck, o.FusionLayout);
        try
        {
            CheckpointFile.LoadWeights(directory, network);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        network.eval();
        return new PidRegRegressor(o) { model = network, state = s };
    }

    /// <summary>Releases the network's native memory.</summary>
    public void Dispose()
    {
        model?.Dispose();
        model = null;
        state = null;
    }

    // The experiment runner's view (PidReg.Evaluation): the same model as every baseline sees it.
    string PidReg.Evaluation.IMultimodalRegressor.Name => PidReg.Evaluation.ModelNames.PidReg;

    /// <summary>Number of parameters of the fitted network (encoders, θs, predictor).</summary>
    public long ParameterCount => Model.parameters().Sum(p => p.numel());

    /// <summary>Mean wall seconds per epoch of the last fit.</summary>
    public double SecondsPerEpoch => History.SecondsPerEpoch;

    PidReg.Evaluation.IMultimodalRegressor PidReg.Evaluation.IMultimodalRegressor.Fit(MultimodalDataset train, MultimodalDataset validation, IProgress<int>? epochs,
        CancellationToken ct) =>
        Fit(train, validation, epochs is null ? null : new PidReg.Evaluation.InlineProgress<EpochReport>(e => epochs.Report(e.Epoch)), ct);

    CheckpointFile.State Fitted() => state ?? throw NotFitted();

    static InvalidOperationException NotFitted() =>
        new($"This {nameof(PidRegRegressor)} instance is not fitted yet: call Fit first (or Load a checkpoint).");

    void CheckTwoModalities(MultimodalDataset data, string role)
    {
        if (data.Modalities.Count != 2)
            throw new ArgumentException(
                $"PidRegRegressor: the {role} dataset '{data.Name}' has {data.Modalities.Count} modalities; PIDReg needs exactly two (X1, X2).");
        if (state is not null && role == "prediction")
        {
            if (data.Modalities[0].Dims != state.X1Dim || data.Modalities[1].Dims != state.X2Dim)
                throw new ArgumentException(
                    $"PidRegRegressor: dataset '{data.Name}' has modality widths {data.Modalities[0].Dims} ('{data.Modalities[0].Name}') and {data.Modalities[1].Dims} ('{data.Modalities[1].Name}'); the model was fitted on {state.X1Dim} and {state.X2Dim}.");
            FeatureNameMatch.Check("PidRegRegressor", state.FeatureNames, data);
        }
    }

    static TrainingData ToTensors(MultimodalDataset data, ColumnScaling x1, ColumnScaling x2, ColumnScaling target, string role)
    {
        int n = data.RowCount;
        var m1 = data.Modalities[0];
        var m2 = data.Modalities[1];
        return new TrainingData(
            tensor(x1.TransformToSingle(m1.Values, $"{role} modality '{m1.Name}' (X1)"), [n, m1.Dims]),                     // (n, d1)
            tensor(x2.TransformToSingle(m2.Values, $"{role} modality '{m2.Name}' (X2)"), [n, m2.Dims]),                     // (n, d2)
            tensor(target.TransformToSingle(data.Target, $"{role} target"), [n, data.Target.GetLength(1)]));               // (n, t)
    }
}
