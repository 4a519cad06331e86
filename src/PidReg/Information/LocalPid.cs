namespace PidReg.Information;

/// <summary>
/// Local (pointwise) information of each row of a sample under a fitted Gaussian, in bits:
/// i(t; s) = log2 p(t | s) / p(t). A local information is negative where the sources make the observed target less
/// likely than it was a priori (misinformation). Sample averages converge to I(T; X1), I(T; X2), I(T; X1, X2) and the
/// I_ccs redundancy as rows are drawn from the fitted Gaussian.
/// </summary>
/// <param name="MiX1">i(t; x1) per row.</param>
/// <param name="MiX2">i(t; x2) per row.</param>
/// <param name="MiJoint">i(t; x1, x2) per row.</param>
/// <param name="Redundancy">Local I_ccs redundancy per row: the local co-information i(t;x1) + i(t;x2) − i(t;x1,x2)
/// where it and the three local informations share one sign, else 0.</param>
/// <param name="Ridge">Ridge added to the fitted correlation matrix so its factors exist (0 when none was needed).</param>
public sealed record LocalPid(double[] MiX1, double[] MiX2, double[] MiJoint, double[] Redundancy, double Ridge)
{
    /// <summary>Rows.</summary>
    /// <exception cref="ArgumentException">At construction, when the four arrays differ in length.</exception>
    public int Count { get; } = CheckLengths(MiX1, MiX2, MiJoint, Redundancy);

    static int CheckLengths(double[] i1, double[] i2, double[] i12, double[] r)
    {
        ArgumentNullException.ThrowIfNull(i1);
        ArgumentNullException.ThrowIfNull(i2);
        ArgumentNullException.ThrowIfNull(i12);
        ArgumentNullException.ThrowIfNull(r);
        if (i2.Length != i1.Length || i12.Length != i1.Length || r.Length != i1.Length)
            throw new ArgumentException($"local terms must have one value per row each, got MiX1 {i1.Length}, MiX2 {i2.Length}, MiJoint {i12.Length}, Redundancy {r.Length}");
        return i1.Length;
    }

    /// <summary>Local unique information of X1 per row: i(t; x1) − r.</summary>
    public double[] UniqueX1 { get; } = Combine(MiX1, Redundancy, (i, r) => i - r);

    /// <summary>Local unique information of X2 per row: i(t; x2) − r.</summary>
    public double[] UniqueX2 { get; } = Combine(MiX2, Redundancy, (i, r) => i - r);

    /// <summary>Local synergy per row: i(t; x1, x2) − i(t; x1) − i(t; x2) + r.</summary>
    public double[] Synergy { get; } = MiJoint.Select((i12, k) => i12 - MiX1[k] - MiX2[k] + Redundancy[k]).ToArray();

    static double[] Combine(double[] a, double[] b, Func<double, double, double> f) => a.Select((x, k) => f(x, b[k])).ToArray();

    /// <summary>Row count and the mean local atoms (NaN for no rows), invariant culture.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Count} rows, mean U1={Mean(UniqueX1):0.####} U2={Mean(UniqueX2):0.####} R={Mean(Redundancy):0.####} S={Mean(Synergy):0.####} " +
        $"i(T;X1)={Mean(MiX1):0.####} i(T;X2)={Mean(MiX2):0.####} i(T;X1,X2)={Mean(MiJoint):0.####} bits");

    static double Mean(double[] v) => v.Length == 0 ? double.NaN : v.Average();
}
