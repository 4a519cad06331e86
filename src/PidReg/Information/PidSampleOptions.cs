namespace PidReg.Information;

/// <summary>
/// Settings of <see cref="GaussianPid.FromSamples"/>. The defaults are the kit's one default for the PID of samples,
/// shared by the library, <c>pidreg pid --data</c> and the notebooks: bias-corrected information, an inverse-normal
/// target, and I_dep.
/// </summary>
public sealed record PidSampleOptions
{
    /// <summary>
    /// Plug-in or bias-corrected information. Default <see cref="PidEstimate.BiasCorrected"/>: the plug-in estimate of a
    /// Gaussian information is biased upwards by about (dimensions of one side × the other) / 2n nats, which at the
    /// dimensions of learned latents is a sizeable fake synergy; <see cref="PidEstimate.PlugIn"/> is what the reference computes.
    /// </summary>
    public PidEstimate Estimate { get; init; } = PidEstimate.BiasCorrected;

    /// <summary>
    /// Marginal transform of each target column before standardising. Default <see cref="TargetTransform.InverseNormal"/>:
    /// the atoms assume a jointly Gaussian sample, and a skewed or heavy-tailed target is the usual way that fails.
    /// </summary>
    public TargetTransform TargetTransform { get; init; } = TargetTransform.InverseNormal;

    /// <summary>
    /// The decomposition. Default <see cref="PidMeasure.Dep"/>, because an explanation of samples should let each
    /// modality show what only it knows: MMI gives the weaker modality a unique atom of 0 by construction for a scalar
    /// target and books the rest as synergy (its redundancy and synergy are never below I_dep's); I_ccs has per-sample
    /// terms but needs Monte Carlo and can give negative atoms; I_dep is closed-form, deterministic, non-negative, and
    /// works for any block sizes.
    /// </summary>
    public PidMeasure Measure { get; init; } = PidMeasure.Dep;

    /// <summary>
    /// Monte Carlo draws of the I_ccs redundancy (other measures ignore it); each bootstrap resample repeats them.
    /// Default <see cref="GaussianPid.DefaultMonteCarloDraws"/>. Range ≥ <see cref="GaussianPid.MinMonteCarloDraws"/>.
    /// </summary>
    public int MonteCarloDraws { get; init; } = GaussianPid.DefaultMonteCarloDraws;

    /// <summary>Most bootstrap resamples accepted: 100,000 already pins a 95 % percentile to about 0.1 % of the interval's width.</summary>
    public const int MaxBootstrapReplicates = 100_000;

    /// <summary>Bootstrap resamples for percentile intervals; 0 = no intervals. Default 0. Range: 0 or 10 to <see cref="MaxBootstrapReplicates"/>.</summary>
    public int BootstrapReplicates { get; init; }

    /// <summary>Coverage of each bootstrap interval. Default 0.95. Range: (0, 1).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>
    /// Seed of the bootstrap (replicate r draws from a generator seeded by (Seed, r), so results do not depend on threads)
    /// and of the I_ccs Monte Carlo (the same draws for every resample). Default 0.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Threads for the bootstrap; -1 = all cores. Default -1. Range: -1 or ≥ 1.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field outside its range, naming the field.</exception>
    public PidSampleOptions Validate()
    {
        if (!Enum.IsDefined(Estimate)) throw new ArgumentOutOfRangeException(nameof(Estimate), Estimate, "unknown estimate");
        if (!Enum.IsDefined(TargetTransform)) throw new ArgumentOutOfRangeException(nameof(TargetTransform), TargetTransform, "unknown target transform");
        if (!Enum.IsDefined(Measure)) throw new ArgumentOutOfRangeException(nameof(Measure), Measure, "unknown measure: use Mmi, Dep or Ccs");
        if (MonteCarloDraws < GaussianPid.MinMonteCarloDraws)
            throw new ArgumentOutOfRangeException(nameof(MonteCarloDraws), MonteCarloDraws,
                $"must be at least {GaussianPid.MinMonteCarloDraws} (default {GaussianPid.DefaultMonteCarloDraws}); fewer leave an I_ccs standard error as large as the atoms");
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
