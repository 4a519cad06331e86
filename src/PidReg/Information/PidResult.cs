using System.Globalization;

namespace PidReg.Information;

/// <summary>
/// A partial information decomposition of I(T; X1, X2), in bits, under <see cref="Measure"/>. The atoms are consistent:
/// UniqueX1 + Redundancy = MiX1, UniqueX2 + Redundancy = MiX2, and all four atoms sum to MiJoint (for MMI up to the
/// clipping at 0 of a bias-corrected estimate whose information terms came out negative). MMI and I_dep atoms are
/// non-negative; I_ccs atoms may be slightly negative and are reported as computed.
/// </summary>
/// <param name="UniqueX1">Information about T only X1 has.</param>
/// <param name="UniqueX2">Information about T only X2 has.</param>
/// <param name="Redundancy">Information both modalities have.</param>
/// <param name="Synergy">Information only the pair has.</param>
/// <param name="MiX1">I(T; X1).</param>
/// <param name="MiX2">I(T; X2).</param>
/// <param name="MiJoint">I(T; X1, X2).</param>
/// <param name="Method">How the atoms were found: "closed-form MMI", "union solver", "closed-form I_dep" or "Monte Carlo I_ccs"; "bias-corrected" is appended for corrected estimates.</param>
/// <param name="Diagnostics">Numerical details (ridge, conditioning, solver convergence).</param>
/// <param name="Intervals">Bootstrap percentile intervals, when requested from samples; otherwise null.</param>
public sealed record PidResult(
    double UniqueX1, double UniqueX2, double Redundancy, double Synergy,
    double MiX1, double MiX2, double MiJoint, string Method, PidDiagnostics Diagnostics,
    PidIntervals? Intervals = null)
{
    /// <summary>
    /// Joint normality of the decomposed sample (target after its transform, X1, X2), the assumption the atoms rest
    /// on, when the caller had the samples and ran the tests (<c>PidRegRegressor.LatentPid</c>); otherwise null.
    /// </summary>
    public PidReg.Diagnostics.MultivariateNormality? Normality { get; init; }

    /// <summary>Why <see cref="Normality"/> is missing although the tests were attempted (e.g. a constant column); else null.</summary>
    public string? NormalityNote { get; init; }

    /// <summary>The decomposition behind the atoms. Default <see cref="PidMeasure.Mmi"/>.</summary>
    public PidMeasure Measure { get; init; } = PidMeasure.Mmi;

    /// <summary>
    /// Standard error (bits) of the Monte Carlo I_ccs redundancy, which every atom inherits (each is an information term
    /// plus or minus the redundancy); null for the closed-form measures.
    /// </summary>
    public double? MonteCarloError { get; init; }

    /// <summary>U1 + U2 + R + S.</summary>
    public double Total => UniqueX1 + UniqueX2 + Redundancy + Synergy;

    /// <summary>One line with the atoms and information terms in bits, invariant culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"U1={UniqueX1:0.######} U2={UniqueX2:0.######} R={Redundancy:0.######} S={Synergy:0.######} " +
        $"I(T;X1)={MiX1:0.######} I(T;X2)={MiX2:0.######} I(T;X1,X2)={MiJoint:0.######} bits ({Method})");
}
