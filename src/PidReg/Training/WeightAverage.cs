using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// An exponential moving average of a network's parameters and BatchNorm statistics (Polyak averaging; the form of
/// timm's ModelEmaV2): after every optimizer step, average ← d · average + (1 − d) · live, with the decay warmed up as
/// d_t = min(d, (1 + t) / (10 + t)) so the first steps are not tied to the random initial weights. Validation,
/// checkpoints and predictions use the average, which is smoother than the live weights when small batches make every
/// step noisy. Buffers that are not BatchNorm statistics (such as PIDReg's fusion weights) are never averaged.
/// </summary>
internal sealed class WeightAverage : IDisposable
{
    readonly Tensor[] live;
    readonly Tensor[] average;  // outside every dispose scope
    readonly double decay;
    long updates;

    /// <summary>Starts the average at the network's current weights. <paramref name="decay"/> in [0, 1).</summary>
    public WeightAverage(nn.Module network, double decay)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(decay >= 0 && decay < 1))
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "must be in [0, 1)");
        this.decay = decay;
        live = network.parameters().Cast<Tensor>()
            .Concat(network.named_buffers().Where(b => b.name.EndsWith("running_mean", StringComparison.Ordinal) || b.name.EndsWith("running_var", StringComparison.Ordinal)).Select(b => b.buffer))
            .ToArray();
        using var _ = no_grad();
        average = live.Select(t => t.detach().clone().DetachFromDisposeScope()).ToArray();
    }

    /// <summary>
    /// The per-step decay for an average over about <paramref name="epochs"/> epochs of <paramref name="stepsPerEpoch"/>
    /// steps: 1 − 1 / (epochs · steps), so the horizon means the same on a 3-batch and a 200-batch data set.
    /// </summary>
    public static double DecayFor(double epochs, int stepsPerEpoch) => 1 - 1 / Math.Max(1, epochs * stepsPerEpoch);

    /// <summary>
    /// The average a training run uses, or null when <paramref name="horizonEpochs"/> is 0. The horizon is capped at a
    /// tenth of <paramref name="maxEpochs"/>, so a short run (a notebook's quick mode) is not dominated by its first,
    /// poor weights.
    /// </summary>
    public static WeightAverage? ForRun(nn.Module network, double horizonEpochs, int maxEpochs, long trainingRows, int batchSize) =>
        horizonEpochs > 0
            ? new WeightAverage(network, DecayFor(Math.Min(horizonEpochs, maxEpochs / 10.0), (int)Math.Max(1, trainingRows / batchSize)))
            : null;

    /// <summary>Folds the live weights into the average (call after each optimizer step).</summary>
    public void Update()
    {
        updates++;
        double d = Math.Min(decay, (1.0 + updates) / (10.0 + updates));
        using var _ = no_grad();
        using var keep = d.ToScalar();
        using var blend = (1 - d).ToScalar();
        for (int i = 0; i < live.Length; i++)
            average[i].mul_(keep).add_(live[i], alpha: blend);
    }

    /// <summary>Exchanges live and averaged weights in the network; a second call swaps them back.</summary>
    public void Swap()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        for (int i = 0; i < live.Length; i++)
        {
            var held = live[i].clone();
            live[i].copy_(average[i]);
            average[i].copy_(held);
        }
    }

    /// <summary>Frees the averaged copies.</summary>
    public void Dispose()
    {
        foreach (var t in average) t.Dispose();
    }
}
