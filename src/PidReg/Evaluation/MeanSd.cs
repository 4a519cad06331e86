using System.Globalization;

namespace PidReg.Evaluation;

/// <summary>Mean and sample standard deviation (n − 1) of a metric over seeds; Sd is 0 for a single seed.</summary>
public sealed record MeanSd(double Mean, double Sd)
{
    /// <summary>Mean and sd of the values (at least one).</summary>
    public static MeanSd Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("MeanSd.Of: no values.", nameof(values));
        double mean = values.Average();
        double sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return new MeanSd(mean, sd);
    }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0:G4} ± {1:G2}", Mean, Sd);
}
