using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace PidReg.Diagnostics;

/// <summary>
/// Mardia's (1970) tests of multivariate normality from the sample's multivariate skewness and kurtosis, with
/// gᵢⱼ = (xᵢ − x̄)ᵀ S⁻¹ (xⱼ − x̄) and S the maximum-likelihood covariance (divisor n):
/// b₁ = (1/n²) Σᵢⱼ gᵢⱼ³ and b₂ = (1/n) Σᵢ gᵢᵢ². Under normality n b₁ / 6 is asymptotically χ² with
/// p(p + 1)(p + 2)/6 degrees of freedom, and (b₂ − p(p + 2)) / √(8p(p + 2)/n) is asymptotically N(0, 1)
/// (two-sided). The same definitions as R's MVN package (Korkmaz et al. 2014).
/// </summary>
/// <param name="Samples">Rows n.</param>
/// <param name="Dimensions">Columns p.</param>
/// <param name="Skewness">b₁; 0 for a symmetric population.</param>
/// <param name="SkewnessStatistic">n b₁ / 6.</param>
/// <param name="SkewnessDegreesOfFreedom">p(p + 1)(p + 2)/6.</param>
/// <param name="SkewnessPValue">Upper χ² tail of <paramref name="SkewnessStatistic"/>.</param>
/// <param name="CorrectedSkewnessStatistic">
/// Small-sample version n k b₁ / 6 with k = (p + 1)(n + 1)(n + 3) / (n((n + 1)(p + 1) − 6)) (Mardia 1974), which
/// matches the χ² mean better for small n; R's MVN uses it below n = 20.
/// </param>
/// <param name="CorrectedSkewnessPValue">Upper χ² tail of <paramref name="CorrectedSkewnessStatistic"/>.</param>
/// <param name="Kurtosis">b₂; p(p + 2) for a normal population.</param>
/// <param name="KurtosisStatistic">(b₂ − p(p + 2)) / √(8p(p + 2)/n).</param>
/// <param name="KurtosisPValue">Two-sided normal tail of <paramref name="KurtosisStatistic"/>.</param>
/// <param name="CorrectedKurtosisStatistic">
/// b₂ standardised by its exact mean p(p + 2)(n − 1)/(n + 1) and variance
/// 8p(p + 2)(n − 3)(n − p − 1)(n − p + 1) / ((n + 1)²(n + 3)(n + 5)) under normality (Mardia 1974). The asymptotic
/// version drifts when p is large against n: at p = 129 (a 64 + 64 latent PID) and n = 2000 its mean shift alone is
/// −2 standard deviations, so Gaussian latents would be rejected.
/// </param>
/// <param name="CorrectedKurtosisPValue">Two-sided normal tail of <paramref name="CorrectedKurtosisStatistic"/>.</param>
public sealed record MardiaTest(
    int Samples,
    int Dimensions,
    double Skewness,
    double SkewnessStatistic,
    double SkewnessDegreesOfFreedom,
    double SkewnessPValue,
    double CorrectedSkewnessStatistic,
    double CorrectedSkewnessPValue,
    double Kurtosis,
    double KurtosisStatistic,
    double KurtosisPValue,
    double CorrectedKurtosisStatistic,
    double CorrectedKurtosisPValue)
{
    /// <summary>Mardia's skewness and kurtosis tests of the rows of <paramref name="samples"/>.</summary>
    /// <param name="samples">n × p observations (rows), finite, n ≥ p + 2, nonsingular covariance.</param>
    /// <exception cref="ArgumentException">A non-finite value, too few rows, a constant column or a singular covariance; the message names which.</exception>
    public static MardiaTest FromSamples(double[,] samples) => FromWhitened(WhitenedSample.From(samples, "Mardia test"));

    internal static MardiaTest FromWhitened(WhitenedSample w)
    {
        int n = w.Rows, p = w.Columns;
        // Σᵢⱼ gᵢⱼ³ over the full square: diagonal once, off-diagonal pairs twice.
        double cubes = w.SumOverRows(i =>
        {
            double gii = w.Inner(i, i), s = gii * gii * gii;
            for (int j = i + 1; j < n; j++)
            {
                double g = w.Inner(i, j);
                s += 2 * g * g * g;
            }
            return s;
        });
        double squares = w.SumOverRows(i => { double g = w.Inner(i, i); return g * g; });
        double b1 = cubes / ((double)n * n), b2 = squares / n;

        double df = p * (p + 1.0) * (p + 2.0) / 6;
        double skew = n * b1 / 6;
        double k = (p + 1.0) * (n + 1.0) * (n + 3.0) / (n * ((n + 1.0) * (p + 1.0) - 6));
        double skewCorrected = k * skew;
        double kurt = (b2 - p * (p + 2.0)) * Math.Sqrt(n / (8.0 * p * (p + 2.0)));
        double exactMean = p * (p + 2.0) * (n - 1.0) / (n + 1.0);
        double exactVariance = 8.0 * p * (p + 2.0) * (n - 3.0) * (n - p - 1.0) * (n - p + 1.0) / ((n + 1.0) * (n + 1.0) * (n + 3.0) * (n + 5.0));
        // n ≥ p + 2 keeps (n − p − 1) > 0; n = 3 (p = 1) makes the variance 0, where the statistic says nothing.
        double kurtCorrected = exactVariance > 0 ? (b2 - exactMean) / Math.Sqrt(exactVariance) : 0;
        return new MardiaTest(n, p, b1, skew, df, UpperChiSquare(df, skew), skewCorrected, UpperChiSquare(df, skewCorrected),
            b2, kurt, TwoSided(kurt), kurtCorrected, TwoSided(kurtCorrected));
    }

    static double TwoSided(double z) => 2 * Normal.CDF(0, 1, -Math.Abs(z));

    /// <summary>P(χ²_df ≥ x), from the regularised upper incomplete gamma (no 1 − CDF cancellation for small tails).</summary>
    static double UpperChiSquare(double df, double x) => x <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);

    /// <summary>The statistics and p-values, culture-invariant.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Mardia (n = {Samples}, p = {Dimensions}): skewness b1 = {Skewness:G5}, chi2({SkewnessDegreesOfFreedom:G6}) = {SkewnessStatistic:G5}, p = {SkewnessPValue:G3} " +
        $"(small-sample {CorrectedSkewnessPValue:G3}); kurtosis b2 = {Kurtosis:G5}, z = {KurtosisStatistic:G4}, p = {KurtosisPValue:G3} (exact moments {CorrectedKurtosisPValue:G3})");
}
