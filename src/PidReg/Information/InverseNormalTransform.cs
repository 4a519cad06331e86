using System.Globalization;
using MathNet.Numerics.Distributions;

namespace PidReg.Information;

/// <summary>Marginal Gaussianisation of a target column before a Gaussian PID (the paper's pipeline, step 3).</summary>
public static class InverseNormalTransform
{
    /// <summary>
    /// Rank-based inverse normal transform: Φ⁻¹((r − 3/8)/(n + 1/4)) with Blom's offsets and r the 1-based rank,
    /// tied values sharing their average rank (so ties map to one value).
    /// </summary>
    /// <param name="values">At least one finite value.</param>
    /// <exception cref="ArgumentException">Empty input or a non-finite value (its index is named).</exception>
    public static double[] Apply(ReadOnlySpan<double> values)
    {
        Check(values);
        int n = values.Length;
        var ranks = AverageRanks(values);
        var z = new double[n];
        for (int i = 0; i < n; i++) z[i] = Normal.InvCDF(0, 1, (ranks[i] - 0.375) / (n + 0.25));
        return z;
    }

    /// <summary>
    /// The reference implementation's blend (PIDReg <c>robust_gaussianize</c>, strength 0.6):
    /// 0.6 × g + 0.4 × clip(z-score, ±3), where inside [Q1 − 2 IQR, Q3 + 2 IQR] g = Φ⁻¹((r + ½)/(n_in + 1)) with r the
    /// 0-based rank among those inliers (ties in input order), and outliers get g = ∓2.5 + ½ · clip((x − bound)/sd, ±3).
    /// Fewer than two inliers leaves the column unchanged, as in the reference.
    /// </summary>
    /// <param name="values">At least one finite value.</param>
    /// <exception cref="ArgumentException">Empty input or a non-finite value (its index is named).</exception>
    public static double[] ApplyBlended(ReadOnlySpan<double> values)
    {
        const double strength = 0.6;
        Check(values);
        int n = values.Length;
        double mean = 0;
        foreach (var v in values) mean += v;
        mean /= n;
        double var = 0;
        foreach (var v in values) var += (v - mean) * (v - mean);
        double sd = Math.Sqrt(var / n); // numpy's default ddof = 0, as the reference
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double q1 = Quantiles.Linear(sorted, 0.25), q3 = Quantiles.Linear(sorted, 0.75), iqr = q3 - q1;
        double lower = q1 - 2 * iqr, upper = q3 + 2 * iqr;

        var vals = values.ToArray();
        var inliers = Enumerable.Range(0, n).Where(i => vals[i] >= lower && vals[i] <= upper).ToArray();
        if (inliers.Length < 2) return vals;
        var order = inliers.OrderBy(i => vals[i]).ThenBy(i => i).ToArray();
        var g = new double[n];
        for (int r = 0; r < order.Length; r++) g[order[r]] = Normal.InvCDF(0, 1, (r + 0.5) / (order.Length + 1));
        for (int i = 0; i < n; i++)
        {
            double x = vals[i];
            if (x < lower) g[i] = -2.5 + 0.5 * Math.Clamp((x - lower) / (sd + 1e-10), -3, 0);
            else if (x > upper) g[i] = 2.5 + 0.5 * Math.Clamp((x - upper) / (sd + 1e-10), 0, 3);
        }
        var result = new double[n];
        for (int i = 0; i < n; i++)
            result[i] = (1 - strength) * Math.Clamp((vals[i] - mean) / (sd + 1e-10), -3, 3) + strength * g[i];
        return result;
    }

    /// <summary>1-based ranks, ties averaged.</summary>
    internal static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        var vals = values.ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort((double[])vals.Clone(), order);
        var ranks = new double[n];
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && vals[order[end + 1]] == vals[order[start]]) end++;
            double rank = 0.5 * (start + end) + 1;
            for (int k = start; k <= end; k++) ranks[order[k]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    static void Check(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) throw new ArgumentException("cannot transform an empty column", nameof(values));
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"value at row {i} is {values[i]}; every value must be finite"), nameof(values));
    }
}
