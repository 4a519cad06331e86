using System.Diagnostics;
using PidReg.Information;
using PidReg.Model;
using PidReg.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// Trains a <see cref="PidRegModel"/> (the paper's steps 1–10) in one readable loop. The only place in the kit that
/// seeds the global torch generator.
/// </summary>
public sealed class Trainer
{
    /// <summary>Stores the (validated) options.</summary>
    public Trainer(PidRegOptions options) => Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();

    /// <summary>The settings.</summary>
    public PidRegOptions Options { get; }

    /// <summary>When set, <see cref="Fit"/> adds each step phase's wall time to it (`pidreg bench train`).</summary>
    internal TrainingProfile? Profile { get; init; }

    /// <summary>
    /// Builds a model for the data's widths and trains it on standardised tensors; returns the model with its best
    /// epoch restored. Throws before training on NaN/infinity or mismatched shapes, and stops with a message naming
    /// the loss term that became NaN.
    /// </summary>
    public TrainingResult Fit(TrainingData train, TrainingData validation, IProgress<EpochReport>? progress = null, CancellationToken ct = default)
    {
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        var o = Options;
        var profile = Profile;
        train.Validate("training");
        validation.Validate("validation");
        if (validation.X1.shape[1] != train.X1.shape[1] || validation.X2.shape[1] != train.X2.shape[1] || validation.Y.shape[1] != train.Y.shape[1])
            throw new ArgumentException("Trainer: validation columns (X1, X2, target) must match the training data's.");
        int targetDim = (int)train.Y.shape[1];
        // The bias-corrected PID needs more rows than covariance dimensions: that sets the smallest usable batch.
        int minBatch = o.PidEstimate == PidEstimate.BiasCorrected ? targetDim + 2 * o.LatentDim + 1 : 4;
        if (Math.Min(o.BatchSize, train.Rows) < minBatch)
            throw new ArgumentException(
                $"Trainer: batches of {Math.Min(o.BatchSize, train.Rows)} rows are too small for the bias-corrected batch PID of a {targetDim + 2 * o.LatentDim}-dimensional covariance " +
                $"(target {targetDim} + 2 × LatentDim {o.LatentDim}); use BatchSize ≥ {minBatch} with at least as many training rows, a smaller LatentDim, or PidEstimate.PlugIn.");

        var device = o.ResolveDevice();
        if (o.Threads > 0) set_num_threads(o.Threads);
        random.manual_seed(o.Seed);
        var coin = new Random(o.Seed);
        var model = new PidRegModel(train.X1.shape[1], train.X2.shape[1], targetDim, o.HiddenDim, o.LatentDim,
            o.Dropout1, o.Dropout2, o.InitialTheta, o.UseBottleneck, o.FusionLayout);
        model.to(device);
        var (x1All, x2All, yAll) = (OnDevice(train.X1, device), OnDevice(train.X2, device), OnDevice(train.Y, device));
        using var networkOptimizer = new AdamOptimizer(model.NetworkParameters(), o.LearningRate);
        using var thetaOptimizer = new AdamOptimizer(model.ThetaParameters(), o.ThetaLearningRate);
        var scheduler = new PlateauSchedule(networkOptimizer, o.PlateauFactor, o.PlateauPatience, o.MinLearningRate);
        var detector = new StabilityDetector(o.StabilityWindow, o.StabilityToleranceBits, o.StabilityPatience);
        using var averaging = WeightAverage.ForRun(model, o.WeightAveragingEpochs, o.Epochs, train.Rows, o.BatchSize);

        // Kept-alive Scalars for the loss weights (see PidReg.Regularizers.KernelMath.Zero).
        using var csWeight = o.CsWeight.ToScalar();
        using var cmiWeight = o.CmiWeight.ToScalar();
        using var gaussianityWeight = o.GaussianityWeight.ToScalar();
        var reports = new List<EpochReport>();
        int stage = 1, bestEpoch = 0;
        int? frozenAt = null;
        double bestValidation = double.PositiveInfinity;
        PidAtoms? lastAtoms = null, bestAtoms = null;
        Dictionary<string, Tensor>? best = null;
        try
        {
            for (int epoch = 1; epoch <= o.Epochs; epoch++)
            {
                ct.ThrowIfCancellationRequested();
                using var pause = PidReg.Torch.CollectionPause.Begin();  // no Scalar finalized mid-op (see there)
                using var epochScope = NewDisposeScope();  // the permutation and batch indices
                var clock = Stopwatch.StartNew();
                double learningRate = networkOptimizer.LearningRate;
                model.train();
                var batchAtoms = new List<PidAtoms>();
                double mseSum = 0, csSum = 0, cmiSum = 0, gaussSum = 0, totalSum = 0;
                var batches = TrainingSteps.Batches(train.Rows, o.BatchSize, minBatch);
                for (int b = 0; b < batches.Count; b++)
                {
                    using var scope = NewDisposeScope();
                    profile?.Start();
                    var index = batches[b].to(device);
                    var x1 = x1All.index(index);  // (B, d1)
                    var x2 = x2All.index(index);  // (B, d2)
                    var y = yAll.index(index);    // (B, t)

                    networkOptimizer.ZeroGrad();
                    thetaOptimizer.ZeroGrad();
                    var latents = model.Encode(x1, x2);  // R1, R2, Z1, Z2: (B, d)
                    profile?.Lap(TrainingProfile.Encoders);
                    Tensor? yPrime = stage == 1 ? BatchPid.TransformTarget(y, o.TargetTransform) : null;  // (B, t) float64
                    var weights = model.FusionWeights;
                    if (stage == 1)
                    {
                        PidAtoms atoms;
                        try { atoms = BatchPid.Estimate(yPrime!, latents.Z1, latents.Z2, o.PidEstimate); }
                        catch (InvalidOperationException e) when (!latents.Z1.isfinite().all().item<bool>() || !latents.Z2.isfinite().all().item<bool>())
                        {
                            // Latents that are no longer numbers are the divergence itself, not a PID problem.
                            throw DivergenceRule.Diverged("PIDReg training", epoch, $"the latents Z1, Z2 stopped being finite numbers in batch {b + 1} ({e.Message})", learningRate);
                        }
                        batchAtoms.Add(atoms);
                        weights = WeightsFrom(atoms, coin);
                    }
                    profile?.Lap(TrainingProfile.BatchPid);
                    var prediction = model.Head(latents.Z1, latents.Z2, weights);  // (B, t)

                    var mse = nn.functional.mse_loss(prediction, y);
                    profile?.Lap(TrainingProfile.Predictor);
                    var cs = o.UseCsLoss
                        ? CauchySchwarzDivergence.ToStandardNormal(latents.R1) + CauchySchwarzDivergence.ToStandardNormal(latents.R2)
                        : zeros(1, device: device).squeeze();
                    profile?.Lap(TrainingProfile.Cs);
                    var cmi = o.UseCmiLoss
                        ? ConditionalCsMutualInformation.EstimatePair(latents.Z1, latents.Z2, x1, x2, o.CmiEstimator)
                        : zeros(1, device: device).squeeze();
                    profile?.Lap(TrainingProfile.Cmi);
                    var gauss = o.UseGaussianityLoss && stage == 1
                        ? GaussianityLoss.Compute(yPrime!.to_type(latents.Z1.dtype), latents.Z1, latents.Z2)
                        : zeros(1, device: device).squeeze();
                    profile?.Lap(TrainingProfile.Gaussianity);
                    var loss = mse + cs.mul(csWeight) + cmi.mul(cmiWeight) + gauss.mul(gaussianityWeight);

                    double mseValue = Finite(mse, "MSE", epoch, b, learningRate), csValue = Finite(cs, "Cauchy–Schwarz (CS)", epoch, b, learningRate);
                    double cmiValue = Finite(cmi, "conditional CS-CMI", epoch, b, learningRate), gaussValue = Finite(gauss, "Gaussianity (−log W')", epoch, b, learningRate);
                    double totalValue = Finite(loss, "total", epoch, b, learningRate);
                    profile?.Lap(TrainingProfile.LossReadout);
                    loss.backward();
                    profile?.Lap(TrainingProfile.Backward);
                    nn.utils.clip_grad_norm_(model.PredictorParameters(), o.PredictorGradientClip);
                    networkOptimizer.Step();
                    if (o.UseBottleneck) thetaOptimizer.Step();
                    averaging?.Update();
                    profile?.Lap(TrainingProfile.OptimizerStep);

                    mseSum += mseValue; csSum += csValue; cmiSum += cmiValue; gaussSum += gaussValue; totalSum += totalValue;
                }

                PidAtoms? epochAtoms = batchAtoms.Count > 0 ? PidAtoms.Average(batchAtoms) : null;
                int epochStage = stage;
                if (epochAtoms is not null)
                {
                    lastAtoms = epochAtoms;
                    model.FusionWeights = WeightsFrom(epochAtoms, coin);
                    if (detector.Add(epochAtoms))
                    {
                        stage = 2;  // freeze: the weights stay, the PID and the Gaussianity term stop
                        frozenAt = epoch;
                    }
                }

                profile?.Start();
                double validationMse = TrainingSteps.ValidateKeepingBest(model, averaging, () => Evaluate(model, validation, device), bestValidation, ref best);
                DivergenceRule.Check("PIDReg training", epoch, mseSum / batches.Count, validationMse, bestValidation, learningRate);
                bool improved = validationMse < bestValidation;
                profile?.Lap(TrainingProfile.Validation);
                scheduler.Step(validationMse);
                var (lambda1, lambda2) = model.Lambdas;
                int n = batches.Count;
                var report = new EpochReport(epoch, epochStage, mseSum / n, csSum / n, cmiSum / n, gaussSum / n, totalSum / n,
                    validationMse, epochAtoms, model.FusionWeights, lambda1, lambda2, learningRate, clock.Elapsed.TotalSeconds);
                reports.Add(report);
                progress?.Report(report);

                if (improved)
                {
                    bestValidation = validationMse;
                    bestEpoch = epoch;
                    bestAtoms = lastAtoms;
                }
                else if (epoch - bestEpoch >= o.EarlyStoppingPatience)
                {
                    break;
                }
            }
            if (best is not null) model.load_state_dict(best);
        }
        finally
        {
            TrainingSteps.DisposeAll(best);
        }
        model.eval();
        bool stoppedEarly = reports.Count < o.Epochs;
        return new TrainingResult(model, new TrainingHistory(reports, bestEpoch, frozenAt, stoppedEarly), bestAtoms);
    }

    /// <summary>MSE of the model (evaluation mode, stored weights) on standardised data, in chunks to bound memory.</summary>
    public static double Evaluate(PidRegModel model, TrainingData data, Device? device = null)
    {
        const long chunk = 4096;
        model.eval();
        double squaredError = 0;
        using (no_grad())
        {
            for (long start = 0; start < data.Rows; start += chunk)
            {
                using var scope = NewDisposeScope();
                long end = Math.Min(start + chunk, data.Rows);
                var x1 = OnDevice(data.X1.narrow(0, start, end - start), device ?? CPU);
                var x2 = OnDevice(data.X2.narrow(0, start, end - start), device ?? CPU);
                var y = OnDevice(data.Y.narrow(0, start, end - start), device ?? CPU);
                var prediction = model.forward(x1, x2);  // (b, t)
                var error = prediction - y;  // (b, t)
                squaredError += (error * error).sum().to_type(ScalarType.Float64).item<double>();
            }
        }
        model.train();
        return squaredError / (data.Rows * data.Y.shape[1]);
    }

    static Tensor OnDevice(Tensor t, Device device) => t.device_type == device.type ? t : t.to(device);

    FusionWeights WeightsFrom(PidAtoms atoms, Random coin)
    {
        var weights = Options.UsePidWeights ? FusionWeights.FromAtoms(atoms, Options.RedundancyAssignment, coin, Options.SynergyRouting) : FusionWeights.Equal;
        return Options.UseSynergyFeature ? weights : weights.WithoutSynergy();
    }

    static double Finite(Tensor term, string name, int epoch, int batch, double learningRate)
    {
        double value = term.to_type(ScalarType.Float64).item<double>();
        if (!double.IsFinite(value))
            throw DivergenceRule.Diverged("PIDReg training", epoch, $"the {name} loss became {value} in batch {batch + 1}", learningRate);
        return value;
    }
}
