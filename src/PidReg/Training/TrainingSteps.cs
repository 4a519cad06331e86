using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>The pieces PIDReg's trainer and the baselines' loop share: batching, validation and best-epoch snapshots.</summary>
internal static class TrainingSteps
{
    /// <summary>
    /// Shuffled index batches from the global (seeded) generator; a remainder shorter than
    /// <paramref name="minBatch"/> joins the last batch, so every batch keeps enough rows for BatchNorm
    /// (and, in PIDReg, for the batch PID).
    /// </summary>
    public static List<Tensor> Batches(long rows, int batchSize, int minBatch)
    {
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

    /// <summary>A detached copy of every parameter and buffer, outliving the caller's dispose scope (the best epoch so far).</summary>
    public static Dictionary<string, Tensor> Snapshot(nn.Module network)
    {
        using var _ = no_grad();
        return network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    /// <summary>
    /// The validation MSE of the weights the run keeps (the moving average when there is one, else the live weights) and,
    /// when it is below <paramref name="bestValidation"/>, a fresh snapshot of those weights in <paramref name="best"/>.
    /// The live weights are back in the network afterwards, so training goes on from them.
    /// </summary>
    public static double ValidateKeepingBest(nn.Module network, WeightAverage? average, Func<double> validate, double bestValidation,
        ref Dictionary<string, Tensor>? best)
    {
        average?.Swap();
        try
        {
            double validationMse = validate();
            if (validationMse < bestValidation)
            {
                DisposeAll(best);
                best = Snapshot(network);
            }
            return validationMse;
        }
        finally
        {
            average?.Swap();
        }
    }

    /// <summary>Frees a snapshot's tensors.</summary>
    public static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null) return;
        foreach (var t in tensors.Values) t.Dispose();
        tensors.Clear();
    }
}
