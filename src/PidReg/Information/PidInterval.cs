using System.Globalization;

namespace PidReg.Information;

/// <summary>A percentile bootstrap interval, in bits.</summary>
/// <param name="Lower">Lower percentile.</param>
/// <param name="Upper">Upper percentile.</param>
public readonly record struct PidInterval(double Lower, double Upper)
{
    /// <summary>"[lower, upper]" with invariant culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Lower:0.####}, {Upper:0.####}]");
}
