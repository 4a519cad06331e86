using MathNet.Numerics;

namespace PidReg.Information;

/// <summary>
/// Finite-sample bias of Gaussian log-determinant (entropy) estimates, in closed form. If S is the sample
/// covariance of n samples normalised by n − 1 (mean removed), (n − 1) S is Wishart with n − 1 degrees of freedom, so
/// E[ln det S] = ln det Σ + Σ_{i=1..p} ψ((n − i)/2) + p ln(2/(n − 1)).
/// Subtracting this from each log-determinant of a mutual information gives the bias correction of
/// Venkatesh et al. (NeurIPS 2023), who use the asymptotically equal Σ ln(1 − i/n) (Cai et al. 2015).
/// </summary>
public static class GaussianEntropyBias
{
    /// <summary>E[ln det S] − ln det Σ for a p-dimensional sample covariance from n samples (nats).</summary>
    /// <param name="dimension">p (range: p ≥ 0).</param>
    /// <param name="sampleCount">n (range: n &gt; p).</param>
    public static double LogDeterminantBias(int dimension, int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        if (sampleCount <= dimension)
            throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount, $"need more samples than dimensions ({dimension}) for a non-singular sample covariance");
        double s = dimension * Math.Log(2.0 / (sampleCount - 1));
        for (int i = 1; i <= dimension; i++) s += SpecialFunctions.DiGamma((sampleCount - i) / 2.0);
        return s;
    }

    /// <summary>
    /// Expected excess (bits) of the plug-in I(A; B) over the truth, for blocks of <paramref name="dimA"/> and
    /// <paramref name="dimB"/> dimensions: ½[b(p_A) + b(p_B) − b(p_A + p_B)] / ln 2 with b = <see cref="LogDeterminantBias"/>.
    /// </summary>
    public static double MutualInformationBias(int dimA, int dimB, int sampleCount) =>
        0.5 * (LogDeterminantBias(dimA, sampleCount) + LogDeterminantBias(dimB, sampleCount)
               - LogDeterminantBias(dimA + dimB, sampleCount)) / Math.Log(2);
}
