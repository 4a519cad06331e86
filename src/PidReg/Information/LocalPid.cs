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
    public int Count => MiX1.Length;

    /// <summary>Local unique information of X1 per row: i(t; x1) − r.</summary>
    public double[] UniqueX1 { get; } = Combine(MiX1, Redundancy, (i, r) => i - r);

    /// <summary>Local unique information of X2 per row: i(t; x2) − r.</summary>
    public double[] UniqueX2 { get; } = Combine(MiX2, Redundancy, (i, r) => i - r);

    /// <summary>Local synergy per row: i(t; x1, x2) − i(t; x1) − i(t; x2) + r.</summary>
    public double[] Synergy { get; } = MiJoint.Select((i12, k) => i12 - MiX1[k] - MiX2[k] + Redundancy[k]).ToArray();

    static double[] Combine(double[] a, double[] b, Func<double, double, double> f) => a.Select((x, k) => f(x, b[k])).ToArray();

    /// <summary>Row counts and the mean local atoms, invariant culture.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Count} rows, mean U1={UniqueX1.Average():0.####} U2={UniqueX2.Average():0.####} R={Redundancy.Average():0.####} S={Synergy.Average():0.####} " +
        $"i(T;X1)={MiX1.Average():0.####} i(T;X2)={MiX2.Average():0.####} i(T;X1,X2)={MiJoint.Average():0.####} bits");
}
