namespace PidReg.Information;

/// <summary>Bootstrap percentile intervals for every atom and information term of a <see cref="PidResult"/>.</summary>
/// <param name="UniqueX1">Interval of <see cref="PidResult.UniqueX1"/>.</param>
/// <param name="UniqueX2">Interval of <see cref="PidResult.UniqueX2"/>.</param>
/// <param name="Redundancy">Interval of <see cref="PidResult.Redundancy"/>.</param>
/// <param name="Synergy">Interval of <see cref="PidResult.Synergy"/>.</param>
/// <param name="MiX1">Interval of <see cref="PidResult.MiX1"/>.</param>
/// <param name="MiX2">Interval of <see cref="PidResult.MiX2"/>.</param>
/// <param name="MiJoint">Interval of <see cref="PidResult.MiJoint"/>.</param>
/// <param name="Level">Coverage of each interval, e.g. 0.95.</param>
/// <param name="Replicates">Bootstrap resamples behind the percentiles (resamples with a constant column are dropped).</param>
public sealed record PidIntervals(
    PidInterval UniqueX1, PidInterval UniqueX2, PidInterval Redundancy, PidInterval Synergy,
    PidInterval MiX1, PidInterval MiX2, PidInterval MiJoint, double Level, int Replicates)
{
    /// <summary>The four atoms' intervals, invariant culture.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Level:P0} intervals ({Replicates} resamples): U1 {UniqueX1} U2 {UniqueX2} R {Redundancy} S {Synergy}");
}
