namespace PidReg.Data;

/// <summary>
/// Knobs of <see cref="SyntheticPidGenerator"/>. The strengths are signal-to-noise ratios of latent
/// components; they move mass between the atoms, and the exact atoms come from the population
/// covariance (<see cref="SyntheticPidGenerator.TrueAtoms"/>), not from the knobs.
/// </summary>
public sealed record SyntheticPidOptions
{
    /// <summary>SNR of the component copied into both modalities (redundancy). Default 1. Range ≥ 0.</summary>
    public double Redundancy { get; init; } = 1.0;

    /// <summary>SNR of the component only modality 1 sees. Default 0.5. Range ≥ 0.</summary>
    public double Unique1 { get; init; } = 0.5;

    /// <summary>SNR of the component only modality 2 sees. Default 0. Range ≥ 0.</summary>
    public double Unique2 { get; init; }

    /// <summary>
    /// Synergy strength. Gaussian and heavy-tailed variants: SNR of a pair where X1 holds target + noise and
    /// X2 holds that noise, so only the pair cancels it. Nonlinear variants: variance of the nonlinear term.
    /// Default 1. Range ≥ 0.
    /// </summary>
    public double Synergy { get; init; } = 1.0;

    /// <summary>Observed dimensions of modality 1. Default 16. Must hold its latents: ≥ 3 + Nuisance1 (+1 for nonlinear variants).</summary>
    public int Dims1 { get; init; } = 16;

    /// <summary>Observed dimensions of modality 2. Default 16. Must be ≥ 3 + Nuisance2 (+1 for nonlinear variants).</summary>
    public int Dims2 { get; init; } = 16;

    /// <summary>Latent nuisance sources of modality 1, unrelated to the target. Default 4. Range ≥ 0.</summary>
    public int Nuisance1 { get; init; } = 4;

    /// <summary>Latent nuisance sources of modality 2. Default 4. Range ≥ 0.</summary>
    public int Nuisance2 { get; init; } = 4;

    /// <summary>Standard deviation of independent noise on every observed dimension (keeps covariances full rank). Default 0.1. Range &gt; 0.</summary>
    public double ObservationNoise { get; init; } = 0.1;

    /// <summary>Source distribution and synergy form. Default Gaussian.</summary>
    public SyntheticVariant Variant { get; init; } = SyntheticVariant.Gaussian;

    /// <summary>Degrees of freedom of the heavy-tailed variant's Student-t sources. Default 4. Range &gt; 2 (finite variance).</summary>
    public double DegreesOfFreedom { get; init; } = 4;

    /// <summary>Seed of the random embedding matrices. Default 0.</summary>
    public int EmbeddingSeed { get; init; }

    /// <summary>Checks the options; messages name the field.</summary>
    public SyntheticPidOptions Validate()
    {
        static void NonNegative(double v, string name)
        {
            if (!(v >= 0) || double.IsInfinity(v)) throw new ArgumentOutOfRangeException(name, v, "must be finite and ≥ 0");
        }
        NonNegative(Redundancy, nameof(Redundancy));
        NonNegative(Unique1, nameof(Unique1));
        NonNegative(Unique2, nameof(Unique2));
        NonNegative(Synergy, nameof(Synergy));
        if (Nuisance1 < 0) throw new ArgumentOutOfRangeException(nameof(Nuisance1), Nuisance1, "must be ≥ 0");
        if (Nuisance2 < 0) throw new ArgumentOutOfRangeException(nameof(Nuisance2), Nuisance2, "must be ≥ 0");
        int extra = Variant is SyntheticVariant.Multiplicative or SyntheticVariant.Xor ? 1 : 0;
        if (Dims1 < 3 + extra + Nuisance1)
            throw new ArgumentOutOfRangeException(nameof(Dims1), Dims1, $"must be ≥ {3 + extra + Nuisance1} (3{(extra > 0 ? " + 1" : "")} latent components + Nuisance1) so no information is lost");
        if (Dims2 < 3 + extra + Nuisance2)
            throw new ArgumentOutOfRangeException(nameof(Dims2), Dims2, $"must be ≥ {3 + extra + Nuisance2} (3{(extra > 0 ? " + 1" : "")} latent components + Nuisance2) so no information is lost");
        if (!(ObservationNoise > 0) || double.IsInfinity(ObservationNoise))
            throw new ArgumentOutOfRangeException(nameof(ObservationNoise), ObservationNoise, "must be finite and > 0");
        if (!Enum.IsDefined(Variant)) throw new ArgumentOutOfRangeException(nameof(Variant), Variant, "unknown variant");
        if (!(DegreesOfFreedom > 2) || double.IsInfinity(DegreesOfFreedom))
            throw new ArgumentOutOfRangeException(nameof(DegreesOfFreedom), DegreesOfFreedom, "must be finite and > 2 (finite variance)");
        return this;
    }
}
