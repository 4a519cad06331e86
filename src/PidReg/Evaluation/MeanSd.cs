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

    /// <summary>
    /// "mean ± sd" with one rule for both numbers: the sd to two significant digits and the mean to the same decimal
    /// place, in fixed notation (never an exponent), e.g. "0.912345 ± 0.000041", "12.3 ± 1.4", "1235 ± 12". An sd of 0
    /// (what <see cref="Of"/> gives for one value: trained seeds never agree to the last bit) gives only the mean, to four
    /// significant digits: a "± 0" would claim a spread that was never measured.
    /// </summary>
    public override string ToString() => Format(Mean, Sd, showSd: Sd != 0);

    /// <summary>
    /// As <see cref="ToString()"/> for a summary of <paramref name="seeds"/> runs: one seed has no spread, so only the
    /// mean; several seeds always show their sd, 0 included.
    /// </summary>
    /// <param name="seeds">Runs behind the summary (range: at least 1).</param>
    public string ToString(int seeds)
    {
        if (seeds < 1) throw new ArgumentOutOfRangeException(nameof(seeds), seeds, "must be at least 1");
        return Format(Mean, Sd, showSd: seeds > 1);
    }

    static string Format(double mean, double sd, bool showSd)
    {
        var c = CultureInfo.InvariantCulture;
        if (!double.IsFinite(mean) || !double.IsFinite(sd)) return showSd ? $"{mean.ToString(c)} ± {sd.ToString(c)}" : mean.ToString(c);
        int decimals;
        if (sd > 0 && showSd)
        {
            // Round the sd first: 0.0996 becomes 0.10, whose second significant digit is the hundredths.
            double rounded = double.Parse(sd.ToString("G2", c), c);
            decimals = 1 - (int)Math.Floor(Math.Log10(rounded));
        }
        else decimals = mean == 0 ? 0 : 3 - (int)Math.Floor(Math.Log10(Math.Abs(mean)));
        decimals = Math.Clamp(decimals, 0, 15);
        var m = mean.ToString("F" + decimals, c);
        return showSd ? $"{m} ± {sd.ToString("F" + decimals, c)}" : m;
    }
}
