namespace PidReg.Information;

/// <summary>Sample quantiles of sorted data, one rule for the whole kit.</summary>
internal static class Quantiles
{
    /// <summary>
    /// Linear interpolation between order statistics (Hyndman and Fan's type 7, numpy's and R's default): the q-th
    /// quantile of <paramref name="sorted"/> (ascending, not empty), q in [0, 1].
    /// </summary>
    public static double Linear(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
