using System.Globalization;
using PidReg.Information;

namespace PidReg.Diagnostics;

/// <summary>
/// Is a sample plausibly multivariate normal? Mardia's skewness and kurtosis tests and the Henze–Zirkler test on the
/// same rows. The Gaussian PID is exact only when (y′, Z1, Z2) is jointly Gaussian (the paper's premise); this is
/// the evidence to print beside its atoms. Small p-values mean the atoms rest on a violated assumption. A large
/// p-value is no proof of normality: Mardia's tests miss what does not move the third and fourth moments, and
/// Henze–Zirkler loses its calibration in high dimension (see <see cref="HenzeZirklerTest"/>).
/// </summary>
/// <param name="Mardia">Mardia's skewness and kurtosis tests.</param>
/// <param name="HenzeZirkler">The Henze–Zirkler test.</param>
public sealed record MultivariateNormality(MardiaTest Mardia, HenzeZirklerTest HenzeZirkler)
{
    /// <summary>Significance level of <see cref="IsRejected"/>'s default.</summary>
    public const double DefaultAlpha = 0.05;

    /// <summary>Rows n.</summary>
    public int Samples => Mardia.Samples;

    /// <summary>Columns p.</summary>
    public int Dimensions => Mardia.Dimensions;

    /// <summary>
    /// The skewness p-value used in <see cref="IsRejected"/>: always the small-sample corrected one (R's MVN switches
    /// at n = 20). The correction factor tends to 1 as n grows, and it was the better calibrated at every n we checked
    /// (Kolmogorov–Smirnov distance from uniform over 300 Gaussian replicates, p = 3: 0.093 against 0.166 at n = 50,
    /// 0.035 against 0.048 at n = 200).
    /// </summary>
    public double SkewnessPValue => Mardia.CorrectedSkewnessPValue;

    /// <summary>
    /// The kurtosis p-value used in <see cref="IsRejected"/>: the one from b₂'s exact mean and variance, which stays
    /// calibrated when the dimension is large against n (latent PIDs have p = 1 + 2 × latent size).
    /// </summary>
    public double KurtosisPValue => Mardia.CorrectedKurtosisPValue;

    /// <summary>
    /// Does any of the three tests (<see cref="SkewnessPValue"/>, <see cref="KurtosisPValue"/>, Henze–Zirkler) reject
    /// normality at level <paramref name="alpha"/>? No multiplicity correction: on Gaussian data (p = 3, n = 200) "any"
    /// rejects about 13 % of the time at α = 0.05.
    /// </summary>
    /// <param name="alpha">Range: 0 &lt; α &lt; 1.</param>
    public bool IsRejected(double alpha = DefaultAlpha)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be in (0, 1)");
        return SkewnessPValue < alpha || KurtosisPValue < alpha || HenzeZirkler.PValue < alpha;
    }

    /// <summary>All three tests on the rows of <paramref name="samples"/>.</summary>
    /// <param name="samples">n × p observations (rows), finite, n ≥ p + 2, nonsingular covariance.</param>
    /// <exception cref="ArgumentException">A non-finite value, too few rows, a constant column or a singular covariance; the message names which.</exception>
    public static MultivariateNormality FromSamples(double[,] samples)
    {
        var w = WhitenedSample.From(samples, "multivariate normality test");
        return new MultivariateNormality(MardiaTest.FromWhitened(w), HenzeZirklerTest.FromWhitened(w));
    }

    /// <summary>
    /// Squared Mahalanobis distances dᵢ² = (xᵢ − x̄)ᵀ S⁻¹ (xᵢ − x̄) of the rows, in row order: under normality roughly
    /// χ²_p, so sorted against χ²_p quantiles they give the QQ chart of the joint assumption. With S the
    /// maximum-likelihood covariance they average exactly p.
    /// </summary>
    /// <param name="samples">As for <see cref="FromSamples"/>.</param>
    /// <exception cref="ArgumentException">As for <see cref="FromSamples"/>.</exception>
    public static double[] SquaredDistances(double[,] samples)
    {
        var w = WhitenedSample.From(samples, "Mahalanobis distances");
        var d = new double[w.Rows];
        for (int i = 0; i < d.Length; i++) d[i] = w.Inner(i, i);
        return d;
    }

    /// <summary>
    /// The joint diagnostic of what a sample PID decomposes: [target, X1, X2] side by side, the target after
    /// <paramref name="transform"/> (column by column, as <see cref="GaussianPid.FromSamples"/> does), because that
    /// is the variable the PID assumes Gaussian.
    /// </summary>
    /// <param name="target">n × m target columns.</param>
    /// <param name="x1">n × a, modality 1.</param>
    /// <param name="x2">n × b, modality 2.</param>
    /// <param name="transform">The PID's target transform (applied to all rows, before any thinning).</param>
    /// <param name="maxRows">
    /// The tests cost O(n² p): above this many rows they run on <paramref name="maxRows"/> evenly spaced rows
    /// (deterministic; the result's <see cref="Samples"/> says how many). Range: ≥ 2. Default: all rows.
    /// </param>
    /// <exception cref="ArgumentException">Row counts differ, or the joint sample fails <see cref="FromSamples"/>'s checks.</exception>
    public static MultivariateNormality FromPidBlocks(double[,] target, double[,] x1, double[,] x2, TargetTransform transform = TargetTransform.None, int maxRows = int.MaxValue)
    {
        PidSampleEstimator.CheckAligned(target, x1, x2);
        return FromPidBlocks(target, [x1, x2], transform, maxRows);
    }

    /// <summary>
    /// As <see cref="FromPidBlocks(double[,], double[,], double[,], TargetTransform, int)"/> for any number of sources:
    /// the joint sample (target after <paramref name="transform"/>, X1, …, X_M), evenly thinned to <paramref name="maxRows"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Row counts that differ (named), or a sample the tests cannot whiten.</exception>
    public static MultivariateNormality FromPidBlocks(double[,] target, IReadOnlyList<double[,]> sources, TargetTransform transform = TargetTransform.None, int maxRows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sources);
        if (maxRows < 2) throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "must be at least 2 (and above the joint dimension)");
        int n = target.GetLength(0), m = target.GetLength(1);
        for (int s = 0; s < sources.Count; s++)
            if (sources[s].GetLength(0) != n)
                throw new ArgumentException($"row counts differ: target {n}, X{s + 1} {sources[s].GetLength(0)}; rows are samples and must align", nameof(sources));
        int width = m + sources.Sum(x => x.GetLength(1));
        var joint = new double[n, width];
        for (int j = 0; j < m; j++)
        {
            var column = new double[n];
            for (int i = 0; i < n; i++) column[i] = target[i, j];
            if (transform == TargetTransform.InverseNormal) column = InverseNormalTransform.Apply(column);
            else if (transform == TargetTransform.ReferenceBlend) column = InverseNormalTransform.ApplyBlended(column);
            for (int i = 0; i < n; i++) joint[i, j] = column[i];
        }
        for (int s = 0, offset = m; s < sources.Count; offset += sources[s].GetLength(1), s++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < sources[s].GetLength(1); j++) joint[i, offset + j] = sources[s][i, j];
        int kept = Math.Min(n, maxRows);
        if (kept == n) return FromSamples(joint);
        var thinned = new double[kept, width];
        for (int i = 0; i < kept; i++)
            for (int j = 0; j < width; j++) thinned[i, j] = joint[(int)((long)i * n / kept), j];
        return FromSamples(thinned);
    }

    /// <summary>Rows the reports test at most (<c>pidreg pid --data</c>, <c>pidreg fit</c>, the latent diagnostics): about 0.4 s at p = 129.</summary>
    public const int ReportRows = 2000;

    /// <summary>One line per test, culture-invariant.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Mardia}\n{HenzeZirkler}\njoint normality {(IsRejected() ? "rejected" : "not rejected")} at alpha = {DefaultAlpha}");
}
