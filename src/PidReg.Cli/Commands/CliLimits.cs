namespace PidReg.Cli.Commands;

/// <summary>
/// Upper bounds on the counts a user can ask for, checked before any work: an absurd value (a typo, 2147483647) must be a
/// message naming the limit, not an out-of-memory crash or a run of years. Each limit is far above any sensible use.
/// </summary>
internal static class CliLimits
{
    public const int MaxEpochs = 100_000;
    public const int MaxSeeds = 1_000;
    public const int MaxBatchSize = 1_000_000;
    public const int MaxLatentDim = 4_096;
    public const int MaxHiddenDim = 16_384;
    public const int MaxRows = 100_000_000;
    public const int MaxPatience = 100_000;
    public const int MaxThreads = 1_024;
    public const int MaxJobs = 1_024;
    public const int MaxBenchRows = 10_000_000;
    public const int MaxRepeats = 1_000_000;

    /// <summary>Throws when <paramref name="value"/> is outside [<paramref name="min"/>, <paramref name="max"/>], naming the flag and the range.</summary>
    public static void Check(string flag, long value, long min, long max)
    {
        if (value < min || value > max)
            throw new ArgumentException(FormattableString.Invariant($"{flag} {value}: must be between {min} and {max}."));
    }

    /// <summary>Like <see cref="Check(string, long, long, long)"/> for a rate: finite, in (0, <paramref name="max"/>].</summary>
    public static void CheckRate(string flag, double value, double max)
    {
        if (!(value > 0 && value <= max))
            throw new ArgumentException(FormattableString.Invariant($"{flag} {value}: must be a number in (0, {max}]."));
    }
}
