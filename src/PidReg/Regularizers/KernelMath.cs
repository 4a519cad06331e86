using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Regularizers;

/// <summary>Gaussian-kernel building blocks shared by the Cauchy–Schwarz estimators.</summary>
internal static class KernelMath
{
    /// <summary>Squared Euclidean distances between the rows of a (n, d) and b (m, d): (n, m), clamped at 0.</summary>
    public static Tensor SquaredDistances(Tensor a, Tensor b)
    {
        if (a.dim() != 2 || b.dim() != 2 || a.shape[1] != b.shape[1])
            throw new ArgumentException($"SquaredDistances: need two matrices with equal column counts, got [{string.Join(",", a.shape)}] and [{string.Join(",", b.shape)}].");
        // Explicit scalars held until the calls return: with implicit int → Scalar conversions the brain-age fits
        // crashed now and then inside libtorch ("Unknown scalar type", "toDouble"), a Scalar freed while in use.
        using var two = 2.0.ToScalar();
        using var zero = 0.0.ToScalar();
        var aa = a.square().sum(1, keepdim: true);                 // (n, 1)
        var bb = b.square().sum(1, keepdim: true).t();             // (1, m)
        return (aa + bb - a.mm(b.t()).mul(two)).clamp_min(zero);   // (n, m)
    }

    /// <summary>exp(-‖a_i - b_j‖² / (2σ²)) without the Parzen normalising constant (it cancels in every CS ratio).</summary>
    public static Tensor Gram(Tensor a, Tensor b, double sigma) =>
        (-SquaredDistances(a, b) / (2 * sigma * sigma)).exp();

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
        return ((-d2 / (2 * sigma * sigma)).exp(), sigma);
    }

    static double MedianFromSquaredDistances(Tensor d2)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        long n = d2.shape[0];
        var upper = d2.detach().masked_select(ones(n, n, dtype: ScalarType.Bool, device: d2.device).triu(1));  // (n(n-1)/2)
        double median = upper.numel() == 0 ? 0 : Math.Sqrt(upper.to_type(ScalarType.Float64).median().item<double>());
        return median > 1e-12 ? median : 1.0;
    }
}
