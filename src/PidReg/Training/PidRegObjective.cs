using PidReg.Information;
using PidReg.Model;
using PidReg.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// What PIDReg adds to the shared training loop (the paper's steps 1–10), for M ≥ 2 modalities: in stage 1 each
/// batch's PID of (y′, Z_1, …, Z_M) on the redundancy lattice sets that batch's fusion weights (one per fusion path),
/// and at the end of an epoch the epoch's mean atoms set the model's weights and the stability detector may freeze them
/// (stage 2: the PID and the Gaussianity term stop); the loss adds the CS, conditional-independence and Gaussianity
/// terms to the MSE. Encoders and predictor train with one optimizer, θ_1 … θ_M with their own, and only the
/// predictor's gradient is clipped. Two modalities give the two-modality computation bit for bit: the lattice PID,
/// the path weights and the CMI term each reduce to it exactly.
/// </summary>
internal sealed class PidRegObjective : TrainingObjective<EpochReport, TrainingHistory>
{
    const string Name = "PIDReg training";
    static readonly string[] Terms = ["MSE", "Cauchy–Schwarz (CS)", "conditional CS-CMI", "Gaussianity (−log W')", "total"];

    readonly PidRegModel model;
    readonly PidRegOptions options;
    readonly Random coin;
    readonly StabilityDetector detector;
    readonly List<LatticeAtoms> batchAtoms = [];
    // Only under SynergyRouting.ConditionalProduct: each batch's estimate of what every product path adds, and its noise.
    readonly List<(double[] Bits, double[] NullSd)> batchProductInformation = [];
    // Kept-alive Scalars for the loss weights (see PidReg.Regularizers.KernelMath.Zero).
    readonly Scalar csWeight, cmiWeight, gaussianityWeight;
    FusionPathWeights weights;  // what the model's buffer holds: read without a device round trip
    LatticeAtoms? epochAtoms;
    // Only under SynergyRouting.ConditionalProduct: one verdict per product path. Until the first epoch's verdict every
    // product path is used: the encoders are not denied the product before there is evidence against it.
    bool[]? productUsed;
    int stage = 1, epochStage = 1;
    int? frozenAt;

    /// <summary>Wraps a freshly built (seeded) <paramref name="model"/>.</summary>
    public PidRegObjective(PidRegModel model, PidRegOptions options)
        : base(Name, model, Groups(model, options), model.PredictorParameters(), Terms)
    {
        this.model = model;
        this.options = options;
        weights = FusionPathWeights.Equal(model.ModalityNames);
        coin = new Random(options.Seed);
        detector = new StabilityDetector(options.StabilityWindow, options.StabilityToleranceBits, options.StabilityPatience);
        csWeight = options.CsWeight.ToScalar();
        cmiWeight = options.CmiWeight.ToScalar();
        gaussianityWeight = options.GaussianityWeight.ToScalar();
        if (options.SynergyRouting == SynergyRouting.ConditionalProduct) productUsed = BatchProductInformation.AllUsed(model.ModalityCount);
    }

    // θ has no gradient without the bottleneck, so its optimizer would never move it: it is left out then.
    static IReadOnlyList<(IEnumerable<TorchSharp.Modules.Parameter>, double)> Groups(PidRegModel model, PidRegOptions o) =>
        o.UseBottleneck
            ? [(model.NetworkParameters(), o.LearningRate), (model.ThetaParameters(), o.ThetaLearningRate)]
            : [(model.NetworkParameters(), o.LearningRate)];

    /// <summary>Epoch at whose end the weights froze, or null.</summary>
    public int? FrozenAtEpoch => frozenAt;

    /// <inheritdoc />
    public override Tensor Forward(IReadOnlyList<Tensor> x) => model.forward(x);  // (B, t)

    /// <inheritdoc />
    public override BatchLoss Loss(Batch batch)
    {
        var (x, y, profile, device) = (batch.X, batch.Y, batch.Profile, batch.Y.device);
        var latents = model.Encode(x);  // R_m, Z_m: (B, d) each
        profile?.Lap(TrainingProfile.Encoders);
        Tensor? yPrime = stage == 1 ? BatchPid.TransformTarget(y, options.TargetTransform) : null;  // (B, t) float64
        var batchWeights = weights;
        if (stage == 1)
        {
            LatticeAtoms atoms;
            try { atoms = BatchLatticePid.Estimate(yPrime!, latents.Z, options.PidEstimate); }
            catch (InvalidOperationException e) when (latents.Z.Any(z => !z.isfinite().all().item<bool>()))
            {
                // Latents that are no longer numbers are the divergence itself, not a PID problem.
                var names = string.Join(", ", Enumerable.Range(1, latents.Z.Count).Select(m => $"Z{m}"));
                throw DivergenceRule.Diverged(Name, batch.Epoch, $"the latents {names} stopped being finite numbers in batch {batch.Index + 1} ({e.Message})", batch.LearningRate);
            }
            batchAtoms.Add(atoms);
            if (productUsed is not null)
            {
                int rows = checked((int)yPrime!.shape[0]), targetDim = checked((int)yPrime.shape[1]), latentDim = checked((int)latents.Z1.shape[1]);
                batchProductInformation.Add((BatchProductInformation.Estimate(yPrime, latents.Z, options.PidEstimate),
                    BatchProductInformation.NullStandardDeviations(targetDim, latentDim, model.ModalityCount, rows, options.PidEstimate)));
            }
            batchWeights = WeightsFrom(atoms);
        }
        profile?.Lap(TrainingProfile.BatchPid);
        var prediction = model.Head(latents.Z, batchWeights);  // (B, t)

        var mse = nn.functional.mse_loss(prediction, y);
        profile?.Lap(TrainingProfile.Predictor);
        var cs = options.UseCsLoss
            ? CsOfEncoders(latents.R)
            : zeros(1, device: device).squeeze();
        profile?.Lap(TrainingProfile.Cs);
        var cmi = options.UseCmiLoss
            ? ConditionalIndependenceTerm.Estimate(latents.Z, x, options.CmiEstimator)
            : zeros(1, device: device).squeeze();
        profile?.Lap(TrainingProfile.Cmi);
        var gauss = options.UseGaussianityLoss && stage == 1
            ? GaussianityLoss.Compute([yPrime!.to_type(latents.Z1.dtype), .. latents.Z])
            : zeros(1, device: device).squeeze();
        profile?.Lap(TrainingProfile.Gaussianity);
        var loss = mse + cs.mul(csWeight) + cmi.mul(cmiWeight) + gauss.mul(gaussianityWeight);
        using var _ = no_grad();
        return new BatchLoss(loss, stack([mse, cs, cmi, gauss, loss]).to_type(ScalarType.Float64));  // (5)
    }

    /// <inheritdoc />
    public override void EndEpoch(int epoch)
    {
        epochAtoms = batchAtoms.Count > 0 ? LatticeAtoms.Average(batchAtoms) : null;
        // One batch's estimate is too noisy to judge (0.07–0.09 bits), so the verdict is the epoch's and the next epoch's
        // batches follow it.
        if (batchProductInformation.Count > 0) productUsed = BatchProductInformation.Adds(batchProductInformation);
        batchAtoms.Clear();
        batchProductInformation.Clear();
        epochStage = stage;
        if (epochAtoms is null) return;
        weights = WeightsFrom(epochAtoms);
        model.FusionWeights = weights;
        if (detector.Add(epochAtoms))
        {
            stage = 2;  // freeze: the weights stay, the PID and the Gaussianity term stop
            frozenAt = epoch;
        }
    }

    /// <inheritdoc />
    public override EpochReport Report(EpochTotals t)
    {
        var lambdas = model.Lambdas;
        var m = t.TermMeans;
        bool two = model.ModalityCount == 2;
        return new EpochReport(t.Epoch, epochStage, m[0], m[1], m[2], m[3], m[4], t.ValidationMse,
            two ? epochAtoms?.ToPidAtoms() : null, two ? weights.ToFusionWeights() : null, lambdas[0], lambdas[1], t.LearningRate, t.Seconds)
        {
            PathWeights = weights.ByName,
            LatticeAtoms = epochAtoms?.AtomsByKey.ToDictionary(StringComparer.Ordinal),
            Lambdas = lambdas,
        };
    }

    /// <inheritdoc />
    public override TrainingHistory History(IReadOnlyList<EpochReport> reports, int bestEpoch, bool stoppedEarly) =>
        new(reports, bestEpoch, frozenAt, stoppedEarly);

    FusionPathWeights WeightsFrom(LatticeAtoms atoms)
    {
        var w = options.UsePidWeights
            ? FusionPathWeights.FromAtoms(atoms, model.ModalityNames, options.RedundancyAssignment, coin, options.SynergyRouting, productUsed)
            : FusionPathWeights.Equal(model.ModalityNames);
        return options.UseSynergyFeature ? w : w.WithoutSynergy();
    }

    // Σ_m CS(R_m, N(0, I)): every encoder's output is pulled toward a standard normal, as CS(R1) + CS(R2) for two.
    static Tensor CsOfEncoders(IReadOnlyList<Tensor> r)
    {
        var sum = CauchySchwarzDivergence.ToStandardNormal(r[0]) + CauchySchwarzDivergence.ToStandardNormal(r[1]);
        for (int m = 2; m < r.Count; m++) sum = sum + CauchySchwarzDivergence.ToStandardNormal(r[m]);
        return sum;
    }

    /// <summary>Frees the loss-weight Scalars.</summary>
    public override void Dispose()
    {
        csWeight.Dispose();
        cmiWeight.Dispose();
        gaussianityWeight.Dispose();
    }
}
