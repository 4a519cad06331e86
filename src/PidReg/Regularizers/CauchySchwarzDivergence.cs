using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Regularizers;

/// <summary>
/// Cauchy–Schwarz divergence between two samples with a Gaussian kernel (Principe 2010):
/// D_CS(p‖q) = log mean K_pp + log mean K_qq − 2 log mean K_pq, estimated with Parzen windows
/// (V-statistics, diagonal included). Zero iff the two Parzen densities coincide.
/// </summary>
public static class CauchySchwarzDivergence
{
    /// <summary>The CS divergence between the rows of p (n, d) and q (m, d) with kernel width sigma (&gt; 0).</summary>
    public static Tensor Estimate(Tensor p, Tensor q, double sigma)
    {
        if (!(sigma > 0) || double.IsInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "kernel width must be finite and > 0");
        var kpp = KernelMath.Gram(p, p, sigma).mean();  // ()
        var kqq = KernelMath.Gram(q, q, sigma).mean();  // ()
        var kpq = KernelMath.Gram(p, q, sigma).mean();  // ()
        return kpp.log() + kqq.log() - kpq.log().mul(KernelMath.Two);
    }

    /// <summary>
    /// The paper's CS(R) term: divergence between the batch r (B, d) and an equal batch drawn from N(0, I)
    /// with the global torch generator, kernel width = median pairwise distance of r, clamped at 0
    /// (a negative Parzen estimate is sampling noise, not information).
    /// </summary>
    public static Tensor ToStandardNormal(Tensor r)
    {
        var reference = randn_like(r);                            // (B, d)
        var (kpp, sigma) = KernelMath.GramWithMedianWidth(r);     // (B, B)
        Tensor logKqq;
        using (no_grad())
            logKqq = KernelMath.Gram(reference, reference, sigma).mean().log();  // (), the reference batch carries no gradient
        var kpq = KernelMath.Gram(r, reference, sigma);           // (B, B)
        return (kpp.mean().log() + logKqq - kpq.mean().log().mul(KernelMath.Two)).clamp_min(KernelMath.Zero);
    }
}
