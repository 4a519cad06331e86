using System.Collections.Concurrent;
using MathNet.Numerics.Distributions;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Regularizers;

/// <summary>
/// The Shapiro–Francia statistic W' (Shapiro &amp; Francia 1972; as R's nortest::sf.test): the squared
/// correlation between the sorted sample and Blom's normal scores Φ⁻¹((i − 3/8)/(n + 1/4)).
/// W' ∈ (0, 1]; values near 1 mean the sample looks Gaussian. Differentiable through the sort.
/// </summary>
public static class ShapiroFrancia
{
    static readonly ConcurrentDictionary<int, double[]> ScoreCache = new();

    // The centred scores and their sum of squares as tensors, per size, type and device: a training step would
    // otherwise copy n doubles into a new tensor every batch. Detached from every dispose scope; they live as long as
    // the process, like the arrays above (one batch size or two per run).
    static readonly ConcurrentDictionary<(int, ScalarType, DeviceType, int), (Tensor Centered, Tensor SumOfSquares)> CenteredScoreCache = new();

    /// <summary>Blom's approximate expected normal order statistics for a sample of size n (n ≥ 3).</summary>
    public static double[] BlomScores(int n)
    {
        if (n < 3) throw new ArgumentOutOfRangeException(nameof(n), n, "the Shapiro–Francia statistic needs at least 3 values");
        return ScoreCache.GetOrAdd(n, size =>
            Enumerable.Range(1, size).Select(i => Normal.InvCDF(0, 1, (i - 0.375) / (size + 0.25))).ToArray());
    }

    /// <summary>W' of all entries of x (any shape, at least 3 entries, not all equal).</summary>
    public static Tensor Statistic(Tensor x)
    {
        var values = x.flatten();  // (n)
        int n = checked((int)values.shape[0]);
        var (centeredScores, scoreSumOfSquares) = CenteredScores(n, values.dtype, values.device);  // (n), ()
        var sorted = values.sort().Values;                // (n)
        var centered = sorted - sorted.mean();            // (n)
        var covariance = (centered * centeredScores).sum();
        return covariance * covariance / ((centered * centered).sum() * scoreSumOfSquares);
    }

    static (Tensor Centered, Tensor SumOfSquares) CenteredScores(int n, ScalarType dtype, Device device) =>
        CenteredScoreCache.GetOrAdd((n, dtype, device.type, device.index), key =>
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var scores = tensor(BlomScores(n), dtype: dtype, device: device);  // (n)
            var centered = scores - scores.mean();                              // (n)
            return (centered.DetachFromDisposeScope(), (centered * centered).sum().DetachFromDisposeScope());
        });

    /// <summary>W' of a plain sample, for checks and notebooks.</summary>
    public static double Statistic(double[] sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("ShapiroFrancia.Statistic: the sample contains NaN or infinity.", nameof(sample));
        if (sample.Length < 3)
            throw new ArgumentException($"ShapiroFrancia.Statistic: need at least 3 values, got {sample.Length}.", nameof(sample));
        if (sample.All(v => v == sample[0]))
            throw new ArgumentException("ShapiroFrancia.Statistic: the sample is constant; W' is undefined.", nameof(sample));
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        return Statistic(tensor(sample, dtype: ScalarType.Float64)).item<double>();
    }
}
