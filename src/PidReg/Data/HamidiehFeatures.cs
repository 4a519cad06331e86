namespace PidReg.Data;

/// <summary>
/// Hamidieh's (2018) 81 composition features: number_of_elements, then for each of 8 element
/// properties the 10 statistics mean, wtd_mean, gmean, wtd_gmean, entropy, wtd_entropy, range,
/// wtd_range, std, wtd_std (column names as in UCI train.csv, e.g. wtd_gmean_ThermalConductivity).
/// An element missing a property is left out of that property's statistics and the proportions
/// are not renormalised (Hamidieh's rule); electron affinity gets +1.5 kJ/mol first.
/// </summary>
public static class HamidiehFeatures
{
    /// <summary>Property names as they appear in UCI column names, in order.</summary>
    public static IReadOnlyList<string> PropertyNames { get; } =
        ["atomic_mass", "fie", "atomic_radius", "Density", "ElectronAffinity", "FusionHeat", "ThermalConductivity", "Valence"];

    /// <summary>Statistic names, in order.</summary>
    public static IReadOnlyList<string> StatisticNames { get; } =
        ["mean", "wtd_mean", "gmean", "wtd_gmean", "entropy", "wtd_entropy", "range", "wtd_range", "std", "wtd_std"];

    /// <summary>The 81 feature names in UCI train.csv order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["number_of_elements", .. PropertyNames.SelectMany(p => StatisticNames.Select(s => $"{s}_{p}"))];

    /// <summary>Hamidieh adds this to every electron affinity (kJ/mol) before the statistics.</summary>
    public const double ElectronAffinityOffset = 1.5;

    /// <summary>
    /// The 81 features of one material from its 86 raw coefficients. A property missing for every
    /// element of the material gives NaN statistics (the caller decides; the SuperCon rebuild drops such rows).
    /// </summary>
    public static double[] Compute(ReadOnlySpan<double> coefficients, ElementTable elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (coefficients.Length != ElementTable.ElementCount)
            throw new ArgumentException($"expected {ElementTable.ElementCount} coefficients (H..Rn), got {coefficients.Length}.", nameof(coefficients));
        var present = new List<int>();
        double total = 0;
        for (int i = 0; i < coefficients.Length; i++)
        {
            if (coefficients[i] < 0 || !double.IsFinite(coefficients[i]))
                throw new ArgumentException($"coefficient of {elements.Symbols[i]} is {coefficients[i]}; coefficients must be finite and ≥ 0.", nameof(coefficients));
            if (coefficients[i] > 0) { present.Add(i); total += coefficients[i]; }
        }
        if (present.Count == 0)
            throw new ArgumentException("the material has no element with a positive coefficient.", nameof(coefficients));
        var features = new double[Names.Count];
        features[0] = present.Count;
        var t = new List<double>(present.Count);
        var p = new List<double>(present.Count);
        for (int k = 0; k < PropertyNames.Count; k++)
        {
            t.Clear();
            p.Clear();
            foreach (int i in present)
            {
                double v = elements.Properties[i, k];
                if (double.IsNaN(v)) continue;
                t.Add(k == 4 ? v + ElectronAffinityOffset : v);
                p.Add(coefficients[i] / total);
            }
            Statistics(t, p).CopyTo(features, 1 + k * StatisticNames.Count);
        }
        return features;
    }

    static double[] Statistics(List<double> t, List<double> p)
    {
        int n = t.Count;
        if (n == 0) return Enumerable.Repeat(double.NaN, 10).ToArray();
        double mean = t.Average();
        double wtdMean = 0, lnMean = 0, wtdLn = 0, sumAbs = 0, sumPAbs = 0;
        for (int i = 0; i < n; i++)
        {
            wtdMean += p[i] * t[i];
            lnMean += Math.Log(Math.Abs(t[i])) / n;
            wtdLn += p[i] * Math.Log(Math.Abs(t[i]));
            sumAbs += Math.Abs(t[i]);
            sumPAbs += p[i] * Math.Abs(t[i]);
        }
        double entropy = 0, wtdEntropy = 0, var = 0, wtdVar = 0;
        double pMax = double.NegativeInfinity, pMin = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            entropy -= XLogX(sumAbs > 0 ? Math.Abs(t[i]) / sumAbs : 0);
            wtdEntropy -= XLogX(sumPAbs > 0 ? p[i] * Math.Abs(t[i]) / sumPAbs : 0);
            var += (t[i] - mean) * (t[i] - mean) / n;
            wtdVar += p[i] * (t[i] - wtdMean) * (t[i] - wtdMean);
            pMax = Math.Max(pMax, p[i] * t[i]);
            pMin = Math.Min(pMin, p[i] * t[i]);
        }
        return [mean, wtdMean, Math.Exp(lnMean), Math.Exp(wtdLn), entropy, wtdEntropy, t.Max() - t.Min(), pMax - pMin, Math.Sqrt(var), Math.Sqrt(wtdVar)];
    }

    // 0 ln 0 = 0 by continuity (an element with a zero property value adds no entropy).
    static double XLogX(double w) => w > 0 ? w * Math.Log(w) : 0;
}
