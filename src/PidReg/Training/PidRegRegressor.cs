using PidReg.Information;
using PidReg.Data;
using PidReg.Model;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// PIDReg as an estimator (the shared contract of <see cref="MultimodalRegressor{TNetwork, TOptions, TReport, THistory}"/>):
/// settings on construction, <see cref="Fit"/> learns scalers and network and returns this, <c>Predict</c> answers on the
/// original target scale, <see cref="Explain()"/> gives atoms, weights and λs. Takes two modalities (the paper's setting)
/// or more, up to <see cref="RedundancyLattice.MaxSources"/>: one encoder and bottleneck per modality, a fusion path per
/// set of modalities, its weight from the PID of the latents on the redundancy lattice; the paths are named after the
/// modalities ("a", "b", "a*b").
/// </summary>
public sealed class PidRegRegressor : MultimodalRegressor<PidRegModel, PidRegOptions, EpochReport, TrainingHistory>
{
    /// <summary>Stores the settings (validated); null = the paper's defaults with the kit's choices.</summary>
    public PidRegRegressor(PidRegOptions? options = null) : base(options ?? new PidRegOptions())
    {
    }

    /// <summary>The registry name every PIDReg configuration answers to; its options tell the ablation.</summary>
    public override string Name => ModelName;

    /// <summary>"pidreg".</summary>
    public const string ModelName = "pidreg";

    /// <summary>The trained network (evaluation mode), for inspection.</summary>
    public PidRegModel Model => Network;

    /// <summary>When set, <see cref="Fit"/> records the wall time of each training-step phase in it (`pidreg bench train`).</summary>
    internal TrainingProfile? Profile { get; init; }

    /// <summary>
    /// Trains on <paramref name="train"/>, early-stopping on <paramref name="validation"/>. Scalers (per modality and
    /// target) are fitted on the training set; inputs are clamped to the training range unless
    /// <see cref="TrainingOptions.ClampInputsToTrainingRange"/> is off. Returns this.
    /// </summary>
    public PidRegRegressor Fit(MultimodalDataset train, MultimodalDataset validation, IProgress<EpochReport>? progress = null, CancellationToken ct = default)
    {
        FitCore(train, validation, progress, ct, Profile);
        return this;
    }

    /// <inheritdoc />
    protected override void CheckModalityCount(MultimodalDataset data, string role)
    {
        int count = data.Modalities.Count;
        string listed = string.Join(", ", data.Modalities.Select(m => m.Name));
        if (count < 2)
            throw new ArgumentException(
                $"{Name}: the {role} dataset '{data.Name}' has {count} modality ({listed}); PIDReg fuses two or more: use a unimodal baseline for one.");
        if (count > RedundancyLattice.MaxSources)
            throw new ArgumentException(
                $"{Name}: the {role} dataset '{data.Name}' has {count} modalities ({listed}); PIDReg weighs its fusion paths with the PID on the " +
                $"redundancy lattice, which the kit computes for up to {RedundancyLattice.MaxSources} sources: pick at most {RedundancyLattice.MaxSources} " +
                "(experiment: --modalities a,b,c; in code: dataset.WithModalities(\"a\", \"b\", \"c\")), or use early, late or lmf.");
        try { FusionPath.CheckNames([.. data.Modalities.Select(m => m.Name)]); }
        catch (ArgumentException e) { throw new ArgumentException($"{Name}: the {role} dataset '{data.Name}': {e.Message}"); }
    }

    /// <inheritdoc />
    protected override PidRegModel Build(IReadOnlyList<string> names, IReadOnlyList<long> widths, long targetDim)
    {
        var o = Options;
        return new PidRegModel(widths, targetDim, o.HiddenDim, o.LatentDim, o.Dropout1, o.Dropout2, o.InitialTheta, o.UseBottleneck, o.FusionLayout, names);
    }

    /// <inheritdoc />
    protected override Tensor Forward(PidRegModel network, IReadOnlyList<Tensor> x) => network.forward(x);  // (B, t)

    private protected override TrainingObjective<EpochReport, TrainingHistory> Objective(PidRegModel network) => new PidRegObjective(network, Options);

    /// <summary>
    /// The latents Z_1 … Z_M (rows × LatentDim each, in modality order) of <paramref name="data"/> in evaluation mode (no
    /// bottleneck noise, so Z = R): what the fusion sees. For probes such as "how much of X2 can be read from Z1".
    /// </summary>
    public double[][,] Latents(MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var model = Network;
        CheckCompatible(data, "encoding");
        var device = Options.ResolveDevice();
        var fitted = Fitted.Modalities;
        model.eval();
        using var pause = PidReg.Torch.CollectionPause.Begin();  // no Scalar finalized mid-op (see there)
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var x = fitted.Select((m, i) => OnDevice(tensor(m.Scaling!.TransformToSingle(data.Modalities[i].Values, $"modality '{data.Modalities[i].Name}' (X{i + 1})"),
            [data.RowCount, m.Width]), device)).ToArray();  // (n, d_m) each
        return [.. model.Encode(x).Z.Select(ToArray)];  // (n, d) each

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
    /// With M modalities each row costs 2^M passes of the fusion head (four for two).
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
    /// (<see cref="Attribute"/>) and, for two modalities, the local information of every row
    /// (<see cref="LocalLatentInformation"/>), both against <paramref name="reference"/> (default: <paramref name="data"/>
    /// itself; pass the training set). The latents of each set are computed once for both.
    /// </summary>
    public RowExplanations ExplainRows(MultimodalDataset data, MultimodalDataset? reference = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (latents, referenceLatents) = LatentsOf(data, reference);
        var attribution = AttributeLatents(data, latents, referenceLatents, 0);
        return new(attribution, latents.Length == 2 ? LocalInformationOf(data, latents, reference ?? data, referenceLatents) : null);
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
    /// <exception cref="ArgumentException">A reference with too few rows, or a model of more than two modalities (the local
    /// I_ccs redundancy is a two-source quantity; <see cref="Attribute"/> explains rows for any number).</exception>
    public LocalPid LocalLatentInformation(MultimodalDataset data, MultimodalDataset? reference = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Network.ModalityCount != 2)
            throw new ArgumentException($"local information (i(y′; z1), i(y′; z2), i(y′; z1, z2), local I_ccs redundancy) is defined here for two modalities; this model has {Network.ModalityCount}. Attribute(data) explains each row for any number.", nameof(data));
        var (latents, referenceLatents) = LatentsOf(data, reference);
        return LocalInformationOf(data, latents, reference ?? data, referenceLatents);
    }

    // The latents of the rows to explain and of the reference (the same arrays when there is no separate reference).
    (double[][,] Data, double[][,] Reference) LatentsOf(MultimodalDataset data, MultimodalDataset? reference)
    {
        _ = Network;
        var latents = Latents(data);
        return (latents, reference is null ? latents : Latents(reference));
    }

    ModalityAttribution AttributeLatents(MultimodalDataset data, double[][,] latents, double[][,] reference, int targetColumn)
    {
        var (model, targetScaling) = (Network, Fitted.TargetScaling);
        int targetDim = targetScaling.Mean.Length;
        if (targetColumn < 0 || targetColumn >= targetDim)
            throw new ArgumentOutOfRangeException(nameof(targetColumn), targetColumn, $"the model predicts {targetDim} target column(s); use 0 to {targetDim - 1}.");
        var device = Options.ResolveDevice();
        int count = latents.Length, rows = data.RowCount, d = latents[0].GetLength(1);
        var weights = model.FusionWeights;
        model.eval();
        using var pause = PidReg.Torch.CollectionPause.Begin();  // no Scalar finalized mid-op (see there)
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var present = latents.Select(z => OnDevice(tensor(Flatten(z), [rows, d]), device)).ToArray();  // (n, d) each
        var absent = reference.Select(z => OnDevice(tensor(ColumnMeans(z).Select(v => (float)v).ToArray(), [1, d]), device).expand(rows, d)).ToArray();  // (n, d) each
        // v(S) for every coalition S (a bit mask over the modalities): the head with the latents of the modalities in S
        // present, the others at the reference.
        var value = new double[1 << count][];
        for (int mask = 0; mask < value.Length; mask++)
        {
            var head = model.Head([.. Enumerable.Range(0, count).Select(m => (mask >> m & 1) == 1 ? present[m] : absent[m])], weights);  // (n, t)
            var original = targetScaling.Inverse(head.cpu().data<float>().ToArray(), rows);
            value[mask] = [.. Enumerable.Range(0, rows).Select(i => original[i, targetColumn])];
        }
        // Exact Shapley values: φ_m = Σ_{S ∌ m} |S|! (M − |S| − 1)! / M! · (v(S ∪ {m}) − v(S)).
        var factorial = new double[count + 1];
        factorial[0] = 1;
        for (int k = 1; k <= count; k++) factorial[k] = factorial[k - 1] * k;
        var contributions = new double[rows, count];
        for (int m = 0; m < count; m++)
            for (int mask = 0; mask < value.Length; mask++)
            {
                if ((mask >> m & 1) == 1) continue;
                int size = System.Numerics.BitOperations.PopCount((uint)mask);
                double share = factorial[size] * factorial[count - size - 1] / factorial[count];
                for (int i = 0; i < rows; i++) contributions[i, m] += share * (value[mask | 1 << m][i] - value[mask][i]);
            }
        return new ModalityAttribution([.. data.Modalities.Select(m => m.Name)], targetColumn, value[0][0], value[^1], contributions);

        static float[] Flatten(double[,] z)
        {
            var flat = new float[z.Length];
            int k = 0;
            foreach (var v in z) flat[k++] = (float)v;
            return flat;
        }
    }

    // Two modalities: the local terms of LocalInformation are two-source.
    LocalPid LocalInformationOf(MultimodalDataset data, double[][,] latents, MultimodalDataset reference, double[][,] referenceLatents)
    {
        var t = TransformedTarget(data.Target);
        var rt = ReferenceEquals(reference, data) ? t : TransformedTarget(reference.Target);
        var blocks = new[] { rt, referenceLatents[0], referenceLatents[1] };
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
        return LocalInformation.Evaluate(covariance, Centred(t, means[0]), Centred(latents[0], means[1]), Centred(latents[1], means[2]));

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
        var model = Network;
        return new PidRegExplanation(model.ModalityCount == 2 ? History.BestAtoms : null, model.FusionWeights, model.Lambdas, History.FrozenAtEpoch)
        {
            LatticeAtoms = History.BestLatticeAtoms,
        };
    }

    /// <summary>
    /// <see cref="Explain()"/> plus the joint normality of (y′, Z1, …, Z_M) on <paramref name="data"/> (<see cref="LatentNormality"/>),
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
    /// Joint normality (Mardia, Henze–Zirkler) of (target after the training run's transform, Z1, …, Z_M) on
    /// <paramref name="data"/>: the sample <see cref="LatentPid"/> (or <see cref="LatentLatticePid"/>) decomposes. The tests cost O(n² p), so above
    /// <paramref name="maxRows"/> rows they run on that many evenly spaced rows (deterministic; the result's
    /// <c>Samples</c> says how many).
    /// </summary>
    /// <param name="data">The modalities of the fit.</param>
    /// <param name="maxRows">Range: ≥ 2 + target columns + M × latent dimension. Default <see cref="Diagnostics.MultivariateNormality.ReportRows"/> (as <see cref="LatentPid"/> uses).</param>
    /// <exception cref="ArgumentException">The joint sample cannot be tested (the message names the problem, e.g. a constant latent column).</exception>
    public Diagnostics.MultivariateNormality LatentNormality(MultimodalDataset data, int maxRows = Diagnostics.MultivariateNormality.ReportRows)
    {
        return Diagnostics.MultivariateNormality.FromPidBlocks(data.Target, Latents(data), Options.TargetTransform, maxRows);
    }

    /// <summary>
    /// The PID of (target, Z1, Z2) on <paramref name="data"/>, from the trained encoders' latents (evaluation mode,
    /// no noise), with bootstrap intervals when <paramref name="options"/> asks for them. Where <see cref="Explain()"/>
    /// reports the epoch-averaged batch atoms the model was trained with, this re-estimates them on any data set (for
    /// example the test split) and says how certain they are. Default options: the training run's estimate and target
    /// transform, no bootstrap. The result's <see cref="PidResult.Normality"/> holds the joint normality tests of the
    /// same sample (<see cref="LatentNormality"/>), or <see cref="PidResult.NormalityNote"/> why they could not run.
    /// </summary>
    /// <exception cref="ArgumentException">A model of more than two modalities: <see cref="LatentLatticePid"/> decomposes those.</exception>
    public PidResult LatentPid(MultimodalDataset data, PidSampleOptions? options = null)
    {
        if (Network.ModalityCount != 2)
            throw new ArgumentException($"LatentPid decomposes two latents; this model has {Network.ModalityCount} modalities: use LatentLatticePid(data) for the PID on their redundancy lattice.", nameof(data));
        options ??= new PidSampleOptions { Estimate = Options.PidEstimate, TargetTransform = Options.TargetTransform };
        var latents = Latents(data);
        var (z1, z2) = (latents[0], latents[1]);
        var result = GaussianPid.FromSamples(data.Target, z1, z2, options);
        // The assumption behind the atoms, on the same sample; a sample the PID can regularise but the
        // tests cannot whiten gets a note instead of an error.
        try { return result with { Normality = Diagnostics.MultivariateNormality.FromPidBlocks(data.Target, z1, z2, options.TargetTransform, Diagnostics.MultivariateNormality.ReportRows) }; }
        catch (ArgumentException e) { return result with { NormalityNote = e.Message }; }
    }

    /// <summary>
    /// The MMI PID of (target, Z_1, …, Z_M) on <paramref name="data"/> on the whole redundancy lattice, from the trained
    /// encoders' latents (evaluation mode, no noise), with the training run's estimate and target transform unless given:
    /// the lattice counterpart of <see cref="LatentPid"/> for any number of modalities (for two its four atoms are the
    /// MMI atoms of <see cref="LatentPid"/>). No bootstrap.
    /// </summary>
    public LatticePid LatentLatticePid(MultimodalDataset data, PidEstimate? estimate = null, TargetTransform? transform = null) =>
        GaussianLatticePid.FromSamples(data.Target, Latents(data), estimate ?? Options.PidEstimate, transform ?? Options.TargetTransform);

    /// <summary>
    /// Reads a checkpoint written by <c>Save</c> (or by the kit before models took a list of modalities); wrong,
    /// incomplete or corrupt files give a clear error. The network goes to the device it was trained on, or to
    /// <paramref name="device"/> when given (a CUDA checkpoint on a machine without CUDA: <see cref="ComputeDevice.Cpu"/>).
    /// </summary>
    public static PidRegRegressor Load(string directory, ComputeDevice? device = null)
    {
        var state = CheckpointFile.ReadState<PidRegOptions, TrainingHistory>(directory, nameof(PidRegRegressor), options =>
        {
            // Checkpoints from before the fusion layout was an option summed the paths; today's default puts them side by side.
            if (!options.ContainsKey(nameof(PidRegOptions.FusionLayout))) options[nameof(PidRegOptions.FusionLayout)] = nameof(FusionLayout.Sum);
            // Checkpoints from before the synergy routing was an option used the paper's rule.
            if (!options.ContainsKey(nameof(PidRegOptions.SynergyRouting))) options[nameof(PidRegOptions.SynergyRouting)] = nameof(SynergyRouting.Product);
        });
        var regressor = new PidRegRegressor(device is { } d ? state.Options with { Device = d } : state.Options);
        regressor.Restore(directory, state);
        return regressor;
    }
}
