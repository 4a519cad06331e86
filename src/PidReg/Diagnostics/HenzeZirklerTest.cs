using System.Globalization;
using MathNet.Numerics;

namespace PidReg.Diagnostics;

/// <summary>
/// The Henze–Zirkler (1990) test of multivariate normality: a weighted L² distance between the empirical
/// characteristic function of the whitened sample and that of N(0, I),
/// HZ = (1/n) Σᵢⱼ exp(−β²Dᵢⱼ/2) − 2(1 + β²)^(−p/2) Σᵢ exp(−β²Dᵢ / (2(1 + β²))) + n(1 + 2β²)^(−p/2),
/// Dᵢⱼ = (xᵢ − xⱼ)ᵀ S⁻¹ (xᵢ − xⱼ), Dᵢ = (xᵢ − x̄)ᵀ S⁻¹ (xᵢ − x̄), S the maximum-likelihood covariance, and the
/// smoothing β = ((2p + 1)/4)^(1/(p+4)) n^(1/(p+4)) / √2 optimal for a normal density. The p-value treats HZ as
/// log-normal with its exact mean and variance under normality (Henze &amp; Zirkler 1990, as R's MVN package).
/// Consistent against every fixed non-normal alternative, unlike Mardia's tests. The log-normal approximation is
/// good in low dimension (p = 3: Kolmogorov–Smirnov distance 0.036 from uniform over 300 Gaussian replicates at
/// n = 200) but collapses as p grows: at p = 33 the null p-values bunch toward 0.5 (KS 0.215), at p = 129 almost all
/// sit near 0.5, so the test neither rejects nor reassures there; read Mardia's corrected tests for latent PIDs.
/// </summary>
/// <param name="Samples">Rows n.</param>
/// <param name="Dimensions">Columns p.</param>
/// <param name="Beta">Smoothing β.</param>
/// <param name="Statistic">HZ ≥ 0; larger means farther from normal. In high dimension it differs from 1 by less than double precision resolves; the p-value is computed from the excess over 1 directly.</param>
/// <param name="LogMean">Mean of log HZ in the log-normal approximation.</param>
/// <param name="LogSd">Standard deviation of log HZ in the log-normal approximation.</param>
/// <param name="PValue">Upper log-normal tail of <paramref name="Statistic"/>.</param>
public sealed record HenzeZirklerTest(int Samples, int Dimensions, double Beta, double Statistic, double LogMean, double LogSd, double PValue)
{
    /// <summary>The Henze–Zirkler test of the rows of <paramref name="samples"/>.</summary>
    /// <param name="samples">n × p observations (rows), finite, n ≥ p + 2, nonsingular covariance.</param>
    /// <exception cref="ArgumentException">A non-finite value, too few rows, a constant column or a singular covariance; the message names which.</exception>
    public static HenzeZirklerTest FromSamples(double[,] samples) => FromWhitened(WhitenedSample.From(samples, "Henze-Zirkler test"));

    internal static HenzeZirklerTest FromWhitened(WhitenedSample w)
    {
        int n = w.Rows, p = w.Columns;
        double beta = 1 / Math.Sqrt(2) * Math.Pow((2.0 * p + 1) / 4, 1.0 / (p + 4)) * Math.Pow(n, 1.0 / (p + 4));
        double b2 = beta * beta;
        // HZ and its null mean are 1 plus terms that shrink like exp(−p): at a latent PID's p = 129 they are near
        // 1e-20, below double precision next to 1. So everything is computed as the excess over 1 and logs use log1p.
        // Excess of HZ: (2/n) Σᵢ<ⱼ exp(−β²Dᵢⱼ/2) − 2(1 + β²)^(−p/2) Σᵢ exp(−β²Dᵢ/(2(1 + β²))) + n(1 + 2β²)^(−p/2),
        // the diagonal of the first sum (Dᵢᵢ = 0) being the 1; Dᵢⱼ = gᵢᵢ + gⱼⱼ − 2gᵢⱼ.
        var diag = new double[n];
        for (int i = 0; i < n; i++) diag[i] = w.Inner(i, i);
        double offDiagonal = w.SumOverRows(i =>
        {
            double s = 0;
            for (int j = i + 1; j < n; j++) s += 2 * Math.Exp(-b2 / 2 * (diag[i] + diag[j] - 2 * w.Inner(i, j)));
            return s;
        });
        double centre = 0;
        for (int i = 0; i < n; i++) centre += Math.Exp(-b2 / (2 * (1 + b2)) * diag[i]);
        double excess = offDiagonal / n - 2 * Math.Pow(1 + b2, -p / 2.0) * centre + n * Math.Pow(1 + 2 * b2, -p / 2.0);
        double hz = 1 + excess;

        // Mean and variance of HZ under normality (Henze & Zirkler 1990, Theorem 2.1 and its corollary); the mean as
        // 1 − deficit.
        double a = 1 + 2 * b2, wb = (1 + b2) * (1 + 3 * b2), b4 = b2 * b2, b8 = b4 * b4;
        double deficit = Math.Pow(a, -p / 2.0) * (1 + p * b2 / a + p * (p + 2.0) * b4 / (2 * a * a));
        double mu = 1 - deficit;
        double si2 = 2 * Math.Pow(1 + 4 * b2, -p / 2.0)
            + 2 * Math.Pow(a, -p) * (1 + 2 * p * b4 / (a * a) + 3 * p * (p + 2.0) * b8 / (4 * Math.Pow(a, 4)))
            - 4 * Math.Pow(wb, -p / 2.0) * (1 + 3 * p * b4 / (2 * wb) + p * (p + 2.0) * b8 / (2 * wb * wb));
        // Log-normal with that mean and variance: σ² = log(1 + si2/μ²), μ_log = log μ − σ²/2.
        double ratio = si2 / (mu * mu);
        double logSd = Math.Sqrt(Log1p(ratio));
        double logMean = Log1p(-deficit) - 0.5 * Log1p(ratio);
        double pValue = !(hz > 0) ? 1
            : logSd > 0 ? 0.5 * SpecialFunctions.Erfc((Log1p(excess) - logMean) / (logSd * Math.Sqrt(2)))
            : double.NaN; // si2 underflowed: no spread left to compare against (p in the thousands)
        return new HenzeZirklerTest(n, p, beta, hz, logMean, logSd, pValue);
    }

    /// <summary>log(1 + x) without the cancellation of Math.Log(1 + x) for tiny x (series to x⁴: relative error below 1e-12 for |x| &lt; 1e-4).</summary>
    static double Log1p(double x) => Math.Abs(x) < 1e-4 ? x * (1 - x * (0.5 - x * (1.0 / 3 - x / 4))) : Math.Log(1 + x);

    /// <summary>The statistic and p-value, culture-invariant.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Henze-Zirkler (n = {Samples}, p = {Dimensions}, beta = {Beta:G4}): HZ = {Statistic:G5}, p = {PValue:G3}");
}
