using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Regularizers;

/// <summary>
/// Conditional Cauchy–Schwarz mutual information I_CS(Z; X | C): the conditional CS divergence
/// (Yu et al. 2023, "The conditional Cauchy–Schwarz divergence") between p(z, x | c) and p(z | c) p(x | c).
/// In the paper Z = Z1, X = X2, C = X1: it measures how much of the other modality leaked into a latent.
/// </summary>
/// <remarks>
/// Derivation of <see cref="CmiEstimator.Proper"/>: write each integral ∫ f dz dx dc as E_p[f / p(z, x, c)]
/// and replace every density by its Parzen estimate at the samples. With Gram matrices L (z), K (x), M (c)
/// and row sums S^M_j = Σ_i M_ji, S^KM_j = Σ_i K_ji M_ji, S^LM_j = Σ_i L_ji M_ji, S^KLM_j = Σ_i K_ji L_ji M_ji:
///   ∫ p(z,x|c)²          ≈ Σ_j S^KLM_j / (S^M_j)²
///   ∫ p(z|c)² p(x|c)²    ≈ Σ_j (S^KM_j)² (S^LM_j)² / ((S^M_j)⁴ S^KLM_j)
///   ∫ p(z,x|c) p(z|c) p(x|c) ≈ Σ_j S^KM_j S^LM_j / (S^M_j)³
/// (the Parzen constants and powers of n cancel in the log-ratio). The third sum is Σ_j √(a_j b_j) of the
/// first two, so the estimate is ≥ 0 by the Cauchy–Schwarz inequality and 0 iff a_j ∝ b_j.
/// </remarks>
public static class ConditionalCsMutualInformation
{
    /// <summary>The reference's width factor: 0.05 × its median distance.</summary>
    public const double ReferenceWidthFactor = 0.05;

    /// <summary>I_CS(latent; other | condition) in nats; all three (B, ·) with equal row counts.</summary>
    public static Tensor Estimate(Tensor latent, Tensor other, Tensor condition, CmiEstimator estimator = CmiEstimator.Proper)
    {
        long rows = latent.shape[0];
        if (other.shape[0] != rows || condition.shape[0] != rows)
            throw new ArgumentException($"ConditionalCsMutualInformation: row counts differ (latent {rows}, other {other.shape[0]}, condition {condition.shape[0]}).");
        if (rows < 2)
            throw new ArgumentException($"ConditionalCsMutualInformation: need at least 2 rows, got {rows}.");
        return estimator switch
        {
            CmiEstimator.Proper => Proper(latent, other, condition),
            CmiEstimator.Reference => Reference(latent, other, condition),
            _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "unknown CMI estimator"),
        };
    }

    /// <summary>
    /// CMI1 + CMI2 = I(Z1; X2 | X1) + I(Z2; X1 | X2) of one batch. The proper estimator computes the input Gram
    /// matrices once for both terms (the inputs carry no gradient).
    /// </summary>
    public static Tensor EstimatePair(Tensor z1, Tensor z2, Tensor x1, Tensor x2, CmiEstimator estimator = CmiEstimator.Proper)
    {
        if (estimator != CmiEstimator.Proper)
            return Estimate(z1, x2, x1, estimator) + Estimate(z2, x1, x2, estimator);
        long rows = z1.shape[0];
        if (z2.shape[0] != rows || x1.shape[0] != rows || x2.shape[0] != rows)
            throw new ArgumentException($"ConditionalCsMutualInformation: row counts differ (z1 {rows}, z2 {z2.shape[0]}, x1 {x1.shape[0]}, x2 {x2.shape[0]}).");
        Tensor gram1, gram2, gram12;
        using (no_grad())
        {
            gram1 = KernelMath.GramWithMedianWidth(x1).Gram;  // (B, B)
            gram2 = KernelMath.GramWithMedianWidth(x2).Gram;  // (B, B)
            gram12 = gram1 * gram2;                           // (B, B), K ⊙ M of both terms (the product commutes exactly)
        }
        return FromGrams(KernelMath.GramWithMedianWidth(z1).Gram, gram1, gram12)
             + FromGrams(KernelMath.GramWithMedianWidth(z2).Gram, gram2, gram12);
    }

    static Tensor Proper(Tensor latent, Tensor other, Tensor condition)
    {
        var k = KernelMath.GramWithMedianWidth(other).Gram;      // (B, B)
        var m = KernelMath.GramWithMedianWidth(condition).Gram;  // (B, B)
        return FromGrams(KernelMath.GramWithMedianWidth(latent).Gram, m, k * m);
    }

    // l: Gram of the latent, m: of the condition, km = K ⊙ M with K the other modality's; all (B, B).
    internal static Tensor FromGrams(Tensor l, Tensor m, Tensor km)
    {
        var sM = m.sum(1);              // (B)
        var sKM = km.sum(1);            // (B)
        var sLM = (l * m).sum(1);       // (B)
        var sKLM = (km * l).sum(1);     // (B)
        var sM2 = sM * sM;              // (B)
        var joint = (sKLM / sM2).sum();
        var product = (sKM * sKM * (sLM * sLM) / (sM2 * sM2 * sKLM)).sum();
        var cross = (sKM * sLM / (sM2 * sM)).sum();
        return (joint.log() + product.log() - cross.log().mul(KernelMath.Two)).clamp_min(KernelMath.Zero);
    }

    static Tensor Reference(Tensor latent, Tensor other, Tensor condition)
    {
        using var eps = 1e-6.ToScalar();   // kept-alive Scalars: see KernelMath.Zero
        using var minusTwo = (-2.0).ToScalar();
        using var ceiling = 1e4.ToScalar();
        var all = cat([condition, other, latent], 1);  // (B, dc + dx + dz)
        double medianSquared = KernelMath.MedianDistance(all);
        double sigma = ReferenceWidthFactor * Math.Sqrt(0.5 * medianSquared * medianSquared);
        var m = KernelMath.Gram(condition, condition, sigma);  // (B, B)
        var k = KernelMath.Gram(other, other, sigma);          // (B, B)
        var l = KernelMath.Gram(latent, latent, sigma);        // (B, B)
        var sM = m.sum(1);
        var sKM = (k * m).sum(1);
        var sLM = (l * m).sum(1);
        var sKLM = (k * l * m).sum(1);
        var sL = l.sum(1);
        var sKL = (k * l).sum(1);
        var term1 = (sM * sKM * sLM).sum().clamp_min(eps).log().mul(minusTwo);
        var term2 = (sKLM * (sL * sL)).sum().clamp_min(eps).log();
        var term3 = (sKL * sKL * (sLM * sLM) / sKLM.clamp_min(eps)).sum().clamp_min(eps).log();
        return (term1 + term2 + term3).clamp(KernelMath.Zero, ceiling);
    }
}
