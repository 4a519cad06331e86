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
        var optimizer = optim.Adam(network.parameters(), o.LearningRate);
        var scheduler = optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor: o.PlateauFactor, patience: o.PlateauPatience, min_lr: [o.MinLearningRate]);
        var reports = new List<BaselineEpochReport>();
        int bestEpoch = 0;
        double bestValidation = double.PositiveInfinity;
        Dictionary<string, Tensor>? best = null;
        try
        {
            for (int epoch = 1; epoch <= o.Epochs; epoch++)
            {
                ct.ThrowIfCancellationRequested();
                using var epochScope = NewDisposeScope();
                var clock = Stopwatch.StartNew();
                double learningRate = optimizer.ParamGroups.First().LearningRate;
                network.train();
                double mseSum = 0;
                var batches = Batches(train.Rows, o.BatchSize);
                for (int b = 0; b < batches.Count; b++)
                {
                    using var scope = NewDisposeScope();
                    var index = batches[b];
                    optimizer.zero_grad();
                    var prediction = network.forward(train.X1.index(index), train.X2.index(index));  // (B, t)
                    var mse = functional.mse_loss(prediction, train.Y.index(index));
                    double value = mse.to_type(ScalarType.Float64).item<double>();
                    if (!double.IsFinite(value))
                        throw new InvalidOperationException(
                            $"Baseline training: the MSE became {value} at epoch {epoch}, batch {b + 1}; training stopped. Check the inputs for extreme values, or lower LearningRate.");
                    mse.backward();
                    nn.utils.clip_grad_norm_(network.parameters(), o.GradientClip);
                    optimizer.step();
                    mseSum += value;
                }
                double validationMse = Evaluate(network, validation);
                scheduler.step(validationMse);
                var report = new BaselineEpochReport(epoch, mseSum / batches.Count, validationMse, learningRate, clock.Elapsed.TotalSeconds);
                reports.Add(report);
                progress?.Report(report);
                if (validationMse < bestValidation)
                {
                    bestValidation = validationMse;
                    bestEpoch = epoch;
                    DisposeAll(best);
                    best = Snapshot(network);
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
            DisposeAll(best);
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
                squaredError += (prediction - data.Y.narrow(0, start, rows)).pow(2).sum().to_type(ScalarType.Float64).item<double>();
            }
        }
        network.train();
        return squaredError / (data.Rows * data.Y.shape[1]);
    }

    // As PIDReg's trainer: a shuffled permutation from the seeded generator; a remainder of fewer than 4 rows joins the
    // last batch, because BatchNorm cannot train on a batch of one.
    static List<Tensor> Batches(long rows, int batchSize)
    {
        const int minBatch = 4;
        var order = randperm(rows);
        var batches = new List<Tensor>();
        for (long start = 0; start < rows; start += batchSize)
        {
            long end = Math.Min(start + batchSize, rows);
            if (rows - end > 0 && rows - end < minBatch) end = rows;
            batches.Add(order.narrow(0, start, end - start));
            if (end == rows) break;
        }
        return batches;
    }

    static Dictionary<string, Tensor> Snapshot(Module network)
    {
        using var _ = no_grad();
        return network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null) return;
        foreach (var t in tensors.Values) t.Dispose();
        tensors.Clear();
    }
}
