using PidReg.Information;
using PidReg.Model;
using PidReg.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// What PIDReg adds to the shared training loop (the paper's steps 1–10): in stage 1 each batch's PID of (y′, Z1, Z2)
/// sets that batch's fusion weights, and at the end of an epoch the epoch's mean atoms set the model's weights and the
/// stability detector may freeze them (stage 2: the PID and the Gaussianity term stop); the loss adds the CS, CMI and
/// Gaussianity terms to the MSE. Encoders and predictor train with one optimizer, θ1 and θ2 with their own, and only
/// the predictor's gradient is clipped.
/// </summary>
internal sealed class PidRegObjective : TrainingObjective<EpochReport, TrainingHistory>
{
    const string Name = "PIDReg training";
    static readonly string[] Terms = ["MSE", "Cauchy–Schwarz (CS)", "conditional CS-CMI", "Gaussianity (−log W')", "total"];

    readonly PidRegModel model;
    readonly PidRegOptions options;
    readonly Random coin;
    readonly StabilityDetector detector;
    readonly List<PidAtoms> batchAtoms = [];
    // Kept-alive Scalars for the loss weights (see PidReg.Regularizers.KernelMath.Zero).
    readonly Scalar csWeight, cmiWeight, gaussianityWeight;
    FusionWeights weights = FusionWeights.Equal;  // what the model's buffer holds: read without a device round trip
    PidAtoms? epochAtoms;
    int stage = 1, epochStage = 1;
    int? frozenAt;

    /// <summary>Wraps a freshly built (seeded) <paramref name="model"/>.</summary>
    public PidRegObjective(PidRegModel model, PidRegOptions options)
        : base(Name, model, Groups(model, options), model.PredictorParameters(), Terms)
    {
        this.model = model;
        this.options = options;
        coin = new Random(options.Seed);
        detector = new StabilityDetector(options.StabilityWindow, options.StabilityToleranceBits, options.StabilityPatience);
        csWeight = options.CsWeight.ToScalar();
        cmiWeight = options.CmiWeight.ToScalar();
        gaussianityWeight = options.GaussianityWeight.ToScalar();
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
        var (x1, x2, y, profile, device) = (batch.X[0], batch.X[1], batch.Y, batch.Profile, batch.Y.device);
        var latents = model.Encode(batch.X);  // R_m, Z_m: (B, d) each
        profile?.Lap(TrainingProfile.Encoders);
        Tensor? yPrime = stage == 1 ? BatchPid.TransformTarget(y, options.TargetTransform) : null;  // (B, t) float64
        var batchWeights = weights;
        if (stage == 1)
        {
            PidAtoms atoms;
            try { atoms = BatchPid.Estimate(yPrime!, latents.Z1, latents.Z2, options.PidEstimate); }
            catch (InvalidOperationException e) when (!latents.Z1.isfinite().all().item<bool>() || !latents.Z2.isfinite().all().item<bool>())
            {
                // Latents that are no longer numbers are the divergence itself, not a PID problem.
                throw DivergenceRule.Diverged(Name, batch.Epoch, $"the latents Z1, Z2 stopped being finite numbers in batch {batch.Index + 1} ({e.Message})", batch.LearningRate);
            }
            batchAtoms.Add(atoms);
            batchWeights = WeightsFrom(atoms);
        }
        profile?.Lap(TrainingProfile.BatchPid);
        var prediction = model.Head(latents.Z, FusionPathWeights.From(batchWeights, model.ModalityNames));  // (B, t)

        var mse = nn.functional.mse_loss(prediction, y);
        profile?.Lap(TrainingProfile.Predictor);
        var cs = options.UseCsLoss
            ? CauchySchwarzDivergence.ToStandardNormal(latents.R1) + CauchySchwarzDivergence.ToStandardNormal(latents.R2)
            : zeros(1, device: device).squeeze();
        profile?.Lap(TrainingProfile.Cs);
        var cmi = options.UseCmiLoss
            ? ConditionalCsMutualInformation.EstimatePair(latents.Z1, latents.Z2, x1, x2, options.CmiEstimator)
            : zeros(1, device: device).squeeze();
        profile?.Lap(TrainingProfile.Cmi);
        var gauss = options.UseGaussianityLoss && stage == 1
            ? GaussianityLoss.Compute(yPrime!.to_type(latents.Z1.dtype), latents.Z1, latents.Z2)
            : zeros(1, device: device).squeeze();
        profile?.Lap(TrainingProfile.Gaussianity);
        var loss = mse + cs.mul(csWeight) + cmi.mul(cmiWeight) + gauss.mul(gaussianityWeight);
        using var _ = no_grad();
        return new BatchLoss(loss, stack([mse, cs, cmi, gauss, loss]).to_type(ScalarType.Float64));  // (5)
    }

    /// <inheritdoc />
    public override void EndEpoch(int epoch)
    {
        epochAtoms = batchAtoms.Count > 0 ? PidAtoms.Average(batchAtoms) : null;
        batchAtoms.Clear();
        epochStage = stage;
        if (epochAtoms is null) return;
        weights = WeightsFrom(epochAtoms);
        model.FusionWeights = FusionPathWeights.From(weights, model.ModalityNames);
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
        return new EpochReport(t.Epoch, epochStage, m[0], m[1], m[2], m[3], m[4], t.ValidationMse, epochAtoms, weights, lambdas[0], lambdas[1], t.LearningRate, t.Seconds);
    }

    /// <inheritdoc />
    public override TrainingHistory History(IReadOnlyList<EpochReport> reports, int bestEpoch, bool stoppedEarly) =>
        new(reports, bestEpoch, frozenAt, stoppedEarly);

    FusionWeights WeightsFrom(PidAtoms atoms)
    {
        var w = options.UsePidWeights ? FusionWeights.FromAtoms(atoms, options.RedundancyAssignment, coin, options.SynergyRouting) : FusionWeights.Equal;
        return options.UseSynergyFeature ? w : w.WithoutSynergy();
    }

    /// <summary>Frees the loss-weight Scalars.</summary>
    public override void Dispose()
    {
        csWeight.Dispose();
        cmiWeight.Dispose();
        gaussianityWeight.Dispose();
    }
}
