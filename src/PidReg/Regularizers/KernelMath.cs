using System.Collections.Concurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Regularizers;

/// <summary>Gaussian-kernel building blocks shared by the Cauchy–Schwarz estimators.</summary>
internal static class KernelMath
{
    // TorchSharp 0.107 passes a Scalar's native handle to libtorch and then no longer references the Scalar, so the
    // finalizer of an implicitly converted temporary (`2 * t`, `t.clamp_min(0)`) can free it while the op still reads
    // it: brain-age fits crashed inside libtorch ("Unknown scalar type", "toDouble"), 3 of 3 runs of seed 1236.
    // Static Scalars are always reachable; per-call ones are `using` locals, alive until the op has returned.
    internal static readonly Scalar Zero = 0.0.ToScalar(), One = 1.0.ToScalar(), Two = 2.0.ToScalar();

    /// <summary>Squared Euclidean distances between the rows of a (n, d) and b (m, d): (n, m), clamped at 0.</summary>
    public static Tensor SquaredDistances(Tensor a, Tensor b)
    {
        if (a.dim() != 2 || b.dim() != 2 || a.shape[1] != b.shape[1])
            throw new ArgumentException($"SquaredDistances: need two matrices with equal column counts, got [{string.Join(",", a.shape)}] and [{string.Join(",", b.shape)}].");
        var aa = (a * a).sum(1, keepdim: true);                                    // (n, 1)
        var bb = ReferenceEquals(a, b) ? aa.t() : (b * b).sum(1, keepdim: true).t();  // (1, m); one row norm for a self-distance
        // ‖a‖² + ‖b‖² − 2 a bᵀ in one GEMM (alpha = −2 is exact; addmm takes plain floats, no Scalar to keep alive).
        return (aa + bb).addmm_(a, b.t(), beta: 1, alpha: -2).clamp_min(Zero);     // (n, m)
    }

    /// <summary>exp(-‖a_i - b_j‖² / (2σ²)) without the Parzen normalising constant (it cancels in every CS ratio).</summary>
    public static Tensor Gram(Tensor a, Tensor b, double sigma) => GramFromSquaredDistances(SquaredDistances(a, b), sigma);

    // In place: the scaled distances are a fresh temporary, and neither mul nor exp needs its input for the gradient.
    static Tensor GramFromSquaredDistances(Tensor d2, double sigma)
    {
        using var factor = (-1 / (2 * sigma * sigma)).ToScalar();
        return d2.mul(factor).exp_();
    }

    /// <summary>
    /// Median heuristic: the median Euclidean distance between distinct rows of x. Treated as a constant
    /// (no gradient), as kernel widths usually are. Falls back to 1 when all rows coincide.
    /// </summary>
    public static double MedianDistance(Tensor x)
    {
        using var scope = NewDisposeScope();
        return MedianFromSquaredDistances(SquaredDistances(x, x));
    }

    /// <summary>The Gram matrix of x with itself at the median-heuristic width, sharing one distance matrix: (n, n).</summary>
    public static (Tensor Gram, double Sigma) GramWithMedianWidth(Tensor x)
    {
        var d2 = SquaredDistances(x, x);  // (n, n)
        double sigma = MedianFromSquaredDistances(d2);
        return (GramFromSquaredDistances(d2, sigma), sigma);
    }

    static double MedianFromSquaredDistances(Tensor d2)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        long n = d2.shape[0];
        var upper = d2.detach().flatten().index_select(0, UpperTriangle(n, d2.device));  // (n(n-1)/2)
        // The median is one of the entries, so taking it in the tensor's own type and widening after is exact.
        double median = upper.numel() == 0 ? 0 : Math.Sqrt(upper.median().to_type(ScalarType.Float64).item<double>());
        return median > 1e-12 ? median : 1.0;
    }

    // Flat positions of the entries above the diagonal of an (n, n) matrix, row by row (the order masked_select with
    // a triu(1) mask gives), per size and device. Building that mask anew each call cost more than the median it feeds,
    // four times a batch. Detached from every dispose scope: one or two batch sizes per run, kept for the process.
    static readonly ConcurrentDictionary<(long, DeviceType, int), Tensor> UpperTriangleCache = new();

    internal static Tensor UpperTriangle(long n, Device device) =>
        UpperTriangleCache.GetOrAdd((n, device.type, device.index), _ =>
        {
            using var scope = NewDisposeScope();
            using var width = n.ToScalar();
            var rows = triu_indices(n, n, 1, device: device);  // (2, n(n-1)/2)
            return rows[0].mul(width).add_(rows[1]).DetachFromDisposeScope();
        });
}
