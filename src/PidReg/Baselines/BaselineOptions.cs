using PidReg.Training;

namespace PidReg.Baselines;

/// <summary>
/// Settings of a <see cref="BaselineRegressor"/>: the settings every model shares (<see cref="TrainingOptions"/>, with
/// PIDReg's defaults, so a comparison differs only in the fusion) and the baselines' own. <see cref="From"/> takes the
/// shared settings of any configuration, PIDReg's included.
/// </summary>
public sealed record BaselineOptions : TrainingOptions
{
    /// <summary>Settings with every default.</summary>
    public BaselineOptions()
    {
    }

    BaselineOptions(TrainingOptions shared) : base(shared)
    {
    }

    /// <summary>Rank r of the low-rank fusion (<see cref="BaselineKind.LowRankFusion"/> only). Default 4 (Liu et al. 2018 tune r in 1–16); range ≥ 1.</summary>
    public int Rank { get; init; } = 4;

    /// <summary>
    /// The baseline settings that match <paramref name="options"/>: every shared setting (capacity, optimiser, schedule,
    /// stopping, scaling, seed, threads, device) copied, the baselines' own at their defaults (baseline options come back
    /// as they are).
    /// </summary>
    public static BaselineOptions From(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options as BaselineOptions ?? new BaselineOptions(options);
    }

    /// <summary>Checks every field; the exception names the field, its value and the allowed range. Returns this.</summary>
    public override BaselineOptions Validate()
    {
        ValidateShared();
        Check(Rank >= 1, nameof(Rank), Rank, "must be ≥ 1");
        return this;
    }
}
