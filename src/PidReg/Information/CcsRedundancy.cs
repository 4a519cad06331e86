namespace PidReg.Information;

/// <summary>
/// The I_ccs redundancy of Ince (2017) for a Gaussian: the expectation, over the Gaussian itself, of the local
/// co-information counted only where its sign and those of the three local informations agree.
/// </summary>
internal static class CcsRedundancy
{
    const double Ln2 = 0.6931471805599453;

    /// <summary>
    /// The local redundancy (any unit) of one point: c = i1 + i2 − i12 when sign(i1) = sign(i2) = sign(i12) = sign(c),
    /// else 0. Ince's rule: a common change in surprisal is only redundant where both sources and the pair move the
    /// belief about t the same way and the co-information says they overlap in that move (c &gt; 0, all gains) or in the
    /// same misinformation (c &lt; 0, all losses).
    /// </summary>
    /// <remarks>
    /// Values within <see cref="ZeroBand"/> bits of 0 count as 0: a source independent of the target has i ≡ 0, and the
    /// rounding noise of the quadratic forms must not give it a random sign that switches whole co-informations on.
    /// </remarks>
    public static double Local(double i1, double i2, double i12)
    {
        double c = i1 + i2 - i12;
        int s = Sign(c);
        return s != 0 && Sign(i1) == s && Sign(i2) == s && Sign(i12) == s ? c : 0;
    }

    /// <summary>Local terms this close to 0 (bits) have no sign: far above rounding of the quadratic forms, far below any meaningful surprisal.</summary>
    public const double ZeroBand = 1e-10;

    static int Sign(double v) => v > ZeroBand ? 1 : v < -ZeroBand ? -1 : 0;

    /// <summary>Monte Carlo estimate (bits) and its standard error from <paramref name="draws"/> seeded Gaussian draws.</summary>
    public static (double Bits, double StandardError) MonteCarlo(GaussianLocalTerms terms, int draws, int seed)
    {
        var dims = terms.Dims;
        int m = dims.Target, a = dims.X1, b = dims.X2, p = dims.Total;
        var rng = new Random(seed);
        var z = new double[p];
        var v = new double[p];
        var row = new double[p];
        var work = new double[p];
        double sum = 0, sumSquares = 0;
        for (int d = 0; d < draws; d++)
        {
            FillStandardNormal(rng, z);
            // v = L z with L the factor of [X1, X2, T]: a draw from the Gaussian in that order.
            var l = terms.JointFactor;
            for (int i = 0; i < p; i++) v[i] = DenseKernels.Dot(l.Slice(i * p, i + 1), z.AsSpan(0, i + 1));
            v.AsSpan(a + b, m).CopyTo(row);
            v.AsSpan(0, a + b).CopyTo(row.AsSpan(m));
            var (i1, i2, i12) = terms.Evaluate(row, work);
            double r = Local(i1, i2, i12) / Ln2;
            sum += r;
            sumSquares += r * r;
        }
        double mean = sum / draws;
        double variance = Math.Max(sumSquares / draws - mean * mean, 0) * draws / Math.Max(draws - 1, 1);
        return (mean, Math.Sqrt(variance / draws));
    }

    /// <summary>Box–Muller on <see cref="Random"/>: the same seed gives the same draws on every machine and thread count.</summary>
    static void FillStandardNormal(Random rng, Span<double> z)
    {
        for (int i = 0; i < z.Length; i += 2)
        {
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1)), angle = 2.0 * Math.PI * u2;
            z[i] = radius * Math.Cos(angle);
            if (i + 1 < z.Length) z[i + 1] = radius * Math.Sin(angle);
        }
    }
}
