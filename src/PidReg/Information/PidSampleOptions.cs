namespace PidReg.Information;

/// <summary>Settings of <see cref="GaussianPid.FromSamples"/>.</summary>
public sealed record PidSampleOptions
{
    /// <summary>Plug-in or bias-corrected information. Default <see cref="PidEstimate.PlugIn"/> (what the reference computes).</summary>
    public PidEstimate Estimate { get; init; } = PidEstimate.PlugIn;

    /// <summary>Marginal transform of each target column before standardising. Default <see cref="TargetTransform.None"/>.</summary>
    public TargetTransform TargetTransform { get; init; } = TargetTransform.None;

    /// <summary>Most bootstrap resamples accepted: 100,000 already pins a 95 % percentile to about 0.1 % of the interval's width.</summary>
    public const int MaxBootstrapReplicates = 100_000;

    /// <summary>Bootstrap resamples for percentile intervals; 0 = no intervals. Default 0. Range: 0 or 10 to <see cref="MaxBootstrapReplicates"/>.</summary>
    public int BootstrapReplicates { get; init; }

    /// <summary>Coverage of each bootstrap interval. Default 0.95. Range: (0, 1).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Seed of the bootstrap; replicate r draws from a generator seeded by (Seed, r), so results do not depend on threads. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Threads for the bootstrap; -1 = all cores. Default -1. Range: -1 or ≥ 1.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field outside its range, naming the field.</exception>
    public PidSampleOptions Validate()
    {
        if (!Enum.IsDefined(Estimate)) throw new ArgumentOutOfRangeException(nameof(Estimate), Estimate, "unknown estimate");
        if (!Enum.IsDefined(TargetTransform)) throw new ArgumentOutOfRangeException(nameof(TargetTransform), TargetTransform, "unknown target transform");
        if (BootstrapReplicates != 0 && BootstrapReplicates < 10)
            throw new ArgumentOutOfRangeException(nameof(BootstrapReplicates), BootstrapReplicates, "must be 0 (no intervals) or at least 10");
        if (BootstrapReplicates > MaxBootstrapReplicates)
            throw new ArgumentOutOfRangeException(nameof(BootstrapReplicates), BootstrapReplicates,
                $"must be at most {MaxBootstrapReplicates} (more resamples do not sharpen the intervals, only use memory and time)");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "must be in (0, 1)");
        if (MaxDegreeOfParallelism != -1 && MaxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "must be -1 (all cores) or at least 1");
        return this;
    }
}
