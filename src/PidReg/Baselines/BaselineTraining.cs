using System.Diagnostics;
using PidReg.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// The one training loop of every baseline, PIDReg's loop without the PID: seeded global generator, Adam,
/// ReduceLROnPlateau on validation MSE, gradient clipping, early stopping with the best epoch restored.
/// </summary>
internal static class BaselineTraining
{
    public static (Module<Tensor, Tensor, Tensor> Network, BaselineHistory History) Fit(
        Func<Module<Tensor, Tensor, Tensor>> build, TrainingData train, TrainingData validation, BaselineOptions o,
        IProgress<BaselineEpochReport>? progress, CancellationToken ct)
    {
        if (o.Threads > 0) set_num_threads(o.Threads);
        // Seeded before the network exists: initial weights, dropout masks and shuffles all come from this generator.
        random.manual_seed(o.Seed);
        var network = build();
        var optimizer = new AdamOptimizer(network.parameters(), o.LearningRate);
        var scheduler = new PlateauSchedule(optimizer, o.PlateauFactor, o.PlateauPatience, o.MinLearningRate);
        using var averaging = WeightAverage.ForRun(network, o.WeightAveragingEpochs, o.Epochs, train.Rows, o.BatchSize);
        var reports = new List<BaselineEpochReport>();
        int bestEpoch = 0;
        double bestValidation = double.PositiveInfinity;
        Dictionary<string, Tensor>? best = null;
        try
        {
            for (int epoch = 1; epoch <= o.Epochs; epoch++)
            {
                ct.ThrowIfCancellationRequested();
                using var pause = PidReg.Torch.CollectionPause.Begin();  // no Scalar finalized mid-op (see there)
                using var epochScope = NewDisposeScope();
                var clock = Stopwatch.StartNew();
                double learningRate = optimizer.LearningRate;
                network.train();
                double mseSum = 0;
                var batches = TrainingSteps.Batches(train.Rows, o.BatchSize, minBatch: 4);
                for (int b = 0; b < batches.Count; b++)
                {
                    using var scope = NewDisposeScope();
                    var index = batches[b];
                    optimizer.ZeroGrad();
                    var prediction = network.forward(train.X1.index(index), train.X2.index(index));  // (B, t)
                    var mse = functional.mse_loss(prediction, train.Y.index(index));
                    double value = mse.to_type(ScalarType.Float64).item<double>();
                    if (!double.IsFinite(value))
                        throw DivergenceRule.Diverged("Baseline training", epoch, $"the MSE became {value} in batch {b + 1}", learningRate);
                    mse.backward();
                    nn.utils.clip_grad_norm_(network.parameters(), o.GradientClip);
                    optimizer.Step();
                    averaging?.Update();
                    mseSum += value;
                }
                double validationMse = TrainingSteps.ValidateKeepingBest(network, averaging, () => Evaluate(network, validation), bestValidation, ref best);
                DivergenceRule.Check("Baseline training", epoch, mseSum / batches.Count, validationMse, bestValidation, learningRate);
                bool improved = validationMse < bestValidation;
                scheduler.Step(validationMse);
                var report = new BaselineEpochReport(epoch, mseSum / batches.Count, validationMse, learningRate, clock.Elapsed.TotalSeconds);
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
        }
        catch
        {
            network.Dispose();
            throw;
        }
        finally
        {
            TrainingSteps.DisposeAll(best);
            optimizer.Dispose();
        }
        network.eval();
        return (network, new BaselineHistory(reports, bestEpoch, reports.Count < o.Epochs));
    }

    /// <summary>Validation MSE in evaluation mode, in chunks to bound memory.</summary>
    static double Evaluate(Module<Tensor, Tensor, Tensor> network, TrainingData data)
    {
        const long chunk = 4096;
        network.eval();
        double squaredError = 0;
        using (no_grad())
        {
            for (long start = 0; start < data.Rows; start += chunk)
            {
                using var scope = NewDisposeScope();
                long rows = Math.Min(chunk, data.Rows - start);
                var prediction = network.forward(data.X1.narrow(0, start, rows), data.X2.narrow(0, start, rows));  // (b, t)
                var error = prediction - data.Y.narrow(0, start, rows);  // (b, t)
                squaredError += (error * error).sum().to_type(ScalarType.Float64).item<double>();
            }
        }
        network.train();
        return squaredError / (data.Rows * data.Y.shape[1]);
    }
}
