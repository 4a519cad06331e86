using System.Diagnostics;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// The one training loop of every model, in one method: seed, build, then per epoch shuffle, and per batch zero_grad,
/// loss, backward, clip, step and weight average; then the objective's end of epoch, validation, the divergence rule,
/// the plateau schedule, the report and early stopping; finally the best epoch restored. What differs between models
/// is their <see cref="TrainingObjective{TReport, THistory}"/>. The only place in the kit that seeds the global torch
/// generator.
/// </summary>
internal static class Trainer
{
    /// <summary>
    /// Seeds, builds the objective (so its network's initial weights come from the seeded generator) and trains it on
    /// standardised tensors; the network ends in evaluation mode with its best epoch restored, and is disposed when
    /// training fails. Loss values stay on the device during an epoch and are read once at its end; a term that became
    /// NaN or infinite is reported with its batch.
    /// </summary>
    public static THistory Fit<TReport, THistory>(Func<TrainingObjective<TReport, THistory>> build, TrainingData train, TrainingData validation,
        TrainingOptions o, IProgress<TReport>? progress = null, CancellationToken ct = default, TrainingProfile? profile = null)
    {
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        train.Validate("training");
        validation.Validate("validation");
        if (validation.X.Count != train.X.Count || validation.X.Zip(train.X).Any(p => p.First.shape[1] != p.Second.shape[1]) || validation.Y.shape[1] != train.Y.shape[1])
            throw new ArgumentException("Trainer: validation columns (every modality and the target) must match the training data's.");
        int minBatch = o.MinimumBatchRows((int)train.Y.shape[1], train.X.Count);
        var device = o.ResolveDevice();
        if (o.Threads > 0) set_num_threads(o.Threads);
        // Seeded before the network exists: initial weights, noise, dropout masks and shuffles all come from this generator.
        random.manual_seed(o.Seed);
        var objective = build();
        var network = objective.Network;
        TrainingData? trainOn = null, validationOn = null;
        var optimizers = new List<AdamOptimizer>();
        Dictionary<string, Tensor>? best = null;
        try
        {
            network.to(device);
            (trainOn, validationOn) = (train.On(device), validation.On(device));
            optimizers.AddRange(objective.ParameterGroups.Select(g => new AdamOptimizer(g.Parameters, g.LearningRate)));
            var scheduler = new PlateauSchedule(optimizers[0], o.PlateauFactor, o.PlateauPatience, o.MinLearningRate);
            using var averaging = WeightAverage.ForRun(network, o.WeightAveragingEpochs, o.Epochs, train.Rows, o.BatchSize);
            var reports = new List<TReport>();
            int bestEpoch = 0;
            double bestValidation = double.PositiveInfinity;
            for (int epoch = 1; epoch <= o.Epochs; epoch++)
            {
                ct.ThrowIfCancellationRequested();
                using var pause = PidReg.Torch.CollectionPause.Begin();  // no Scalar finalized mid-op (see there)
                using var epochScope = NewDisposeScope();  // the permutation, the batch indices and the terms
                var clock = Stopwatch.StartNew();
                double learningRate = optimizers[0].LearningRate;
                network.train();
                var batches = TrainingSteps.Batches(train.Rows, o.BatchSize, minBatch);
                var terms = new List<Tensor>(batches.Count);
                try
                {
                    for (int b = 0; b < batches.Count; b++)
                    {
                        using var scope = NewDisposeScope();
                        profile?.Start();
                        var index = OnDevice(batches[b], device);
                        var x = trainOn.X.Select(t => t.index(index)).ToArray();  // (B, d_m) each
                        var y = trainOn.Y.index(index);                           // (B, t)

                        foreach (var optimizer in optimizers) optimizer.ZeroGrad();
                        var loss = objective.Loss(new Batch(x, y, epoch, b, learningRate, profile));
                        loss.Total.backward();
                        profile?.Lap(TrainingProfile.Backward);
                        nn.utils.clip_grad_norm_(objective.ClippedParameters, o.GradientClip);
                        foreach (var optimizer in optimizers) optimizer.Step();
                        averaging?.Update();
                        profile?.Lap(TrainingProfile.OptimizerStep);
                        terms.Add(loss.Terms.MoveToOuterDisposeScope());
                    }
                }
                catch (TrainingDivergedException)
                {
                    Means(terms, objective, epoch, learningRate);  // an earlier batch's term that stopped being a number is the first sign
                    throw;
                }
                profile?.Start();
                var means = Means(terms, objective, epoch, learningRate);
                profile?.Lap(TrainingProfile.LossReadout);
                objective.EndEpoch(epoch);

                profile?.Start();
                double validationMse = TrainingSteps.ValidateKeepingBest(network, averaging, () => Evaluate(objective, validationOn), bestValidation, ref best);
                DivergenceRule.Check(objective.Who, epoch, means[0], validationMse, bestValidation, learningRate);
                bool improved = validationMse < bestValidation;
                profile?.Lap(TrainingProfile.Validation);
                scheduler.Step(validationMse);
                var report = objective.Report(new EpochTotals(epoch, means, validationMse, learningRate, clock.Elapsed.TotalSeconds));
                reports.Add(report);
                progress?.Report(report);

                if (improved)
                {
                    bestValidation = validationMse;
                    bestEpoch = epoch;
                }
                else if (epoch - bestEpoch >= o.EarlyStoppingPatience)
                {
                    break;
                }
            }
            if (best is not null) network.load_state_dict(best);
            network.eval();
            return objective.History(reports, bestEpoch, reports.Count < o.Epochs);
        }
        catch
        {
            network.Dispose();
            throw;
        }
        finally
        {
            objective.Dispose();
            TrainingSteps.DisposeAll(best);
            foreach (var optimizer in optimizers) optimizer.Dispose();
            if (trainOn is not null && !ReferenceEquals(trainOn, train)) trainOn.Dispose();
            if (validationOn is not null && !ReferenceEquals(validationOn, validation)) validationOn.Dispose();
        }
    }

    /// <summary>MSE of the objective's forward pass (evaluation mode) on standardised data, in chunks to bound memory.</summary>
    static double Evaluate<TReport, THistory>(TrainingObjective<TReport, THistory> objective, TrainingData data)
    {
        const long chunk = 4096;
        objective.Network.eval();
        double squaredError = 0;
        using (no_grad())
        {
            for (long start = 0; start < data.Rows; start += chunk)
            {
                using var scope = NewDisposeScope();
                long rows = Math.Min(chunk, data.Rows - start);
                var prediction = objective.Forward(data.X.Select(x => x.narrow(0, start, rows)).ToArray());  // (b, t)
                var error = prediction - data.Y.narrow(0, start, rows);  // (b, t)
                squaredError += (error * error).sum().to_type(ScalarType.Float64).item<double>();
            }
        }
        objective.Network.train();
        return squaredError / (data.Rows * data.Y.shape[1]);
    }

    /// <summary>
    /// Each term's mean over the epoch's batches, summed on the host in batch order (so the numbers equal a per-batch
    /// readout's); one device read for the whole epoch. Throws naming the first batch and term that is not a number.
    /// </summary>
    static double[] Means<TReport, THistory>(List<Tensor> terms, TrainingObjective<TReport, THistory> objective, int epoch, double learningRate)
    {
        int k = objective.TermNames.Count;
        if (terms.Count == 0) return new double[k];
        using var scope = NewDisposeScope();
        var values = stack(terms).cpu().data<double>().ToArray();  // (batches, k), row-major
        var sums = new double[k];
        for (int b = 0; b < terms.Count; b++)
            for (int j = 0; j < k; j++)
            {
                double value = values[b * k + j];
                if (!double.IsFinite(value))
                    throw DivergenceRule.Diverged(objective.Who, epoch,
                        string.Create(CultureInfo.InvariantCulture, $"the {objective.TermNames[j]} loss became {value} in batch {b + 1}"), learningRate);
                sums[j] += value;
            }
        return sums.Select(s => s / terms.Count).ToArray();
    }

    static Tensor OnDevice(Tensor t, Device device) => t.device_type == device.type ? t : t.to(device);
}
