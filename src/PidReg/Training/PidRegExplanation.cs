using System.Globalization;
using PidReg.Diagnostics;
using PidReg.Model;

namespace PidReg.Training;

/// <summary>
/// What a fitted PIDReg model says about its modalities: the atoms (bits, epoch-averaged batch PID of the best epoch,
/// or the frozen ones; MMI, the paper's measure), the fusion weights it predicts with, and the bottleneck λs (near 1:
/// the latent keeps its signal; near 0: mostly noise).
/// </summary>
/// <param name="Atoms">The two-modality atoms U1, U2, R, S; null when no epoch estimated the PID or the model has more than two modalities (see <see cref="LatticeAtoms"/>).</param>
/// <param name="PathWeights">The weight of every fusion path ("a", "b", "a*b", …).</param>
/// <param name="Lambdas">λ_m of every bottleneck, in modality order.</param>
/// <param name="FrozenAtEpoch">Epoch at whose end the weights froze, or null.</param>
public sealed record PidRegExplanation(PidAtoms? Atoms, FusionPathWeights PathWeights, IReadOnlyList<double> Lambdas, int? FrozenAtEpoch)
{
    /// <summary>
    /// The atoms on the redundancy lattice of the M modalities, keyed by antichain (sets of 1-based modality indices:
    /// "{1}{2}{3}", "{1}{23}", …, "{123}"); for two modalities the four of <see cref="Atoms"/>. Null when no epoch
    /// estimated the PID. MMI atoms are non-negative on any lattice (see <see cref="Information.LatticePid"/>).
    /// </summary>
    public IReadOnlyDictionary<string, double>? LatticeAtoms { get; init; }

    /// <summary>The weights (W1, W2, W3) of a two-modality model; null for more modalities (see <see cref="PathWeights"/>).</summary>
    public FusionWeights? Weights => PathWeights.ModalityCount == 2 ? PathWeights.ToFusionWeights() : null;

    /// <summary>λ of modality 1.</summary>
    public double Lambda1 => Lambdas[0];

    /// <summary>λ of modality 2.</summary>
    public double Lambda2 => Lambdas[1];

    /// <summary>
    /// Joint normality of (y′, Z1, …, Z_M), the assumption the atoms rest on, when the explanation was made on data
    /// (<see cref="PidRegRegressor.Explain(PidReg.Data.MultimodalDataset)"/>); null otherwise or when the tests could not run.
    /// </summary>
    public MultivariateNormality? Normality { get; init; }

    /// <summary>Why <see cref="Normality"/> is missing although data were given (e.g. a constant latent dimension); else null.</summary>
    public string? NormalityNote { get; init; }

    /// <summary>Equal when every value is, the λs and lattice atoms compared entry by entry.</summary>
    public bool Equals(PidRegExplanation? other) =>
        other is not null && Equals(Atoms, other.Atoms) && PathWeights.Equals(other.PathWeights) && Lambdas.SequenceEqual(other.Lambdas)
        && FrozenAtEpoch == other.FrozenAtEpoch && Equals(Normality, other.Normality) && NormalityNote == other.NormalityNote
        && (LatticeAtoms is null ? other.LatticeAtoms is null : other.LatticeAtoms is not null && LatticeAtoms.SequenceEqual(other.LatticeAtoms));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Atoms, PathWeights, FrozenAtEpoch);

    /// <inheritdoc />
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string atoms = Atoms is not null ? "MMI atoms " + Atoms
            : LatticeAtoms is not null ? "MMI lattice atoms " + string.Join(" ", LatticeAtoms.Select(a => string.Create(c, $"{a.Key}={a.Value:F4}")))
            : "no PID";
        string weights = Weights?.ToString() ?? PathWeights.ToString();
        return string.Create(c, $"{atoms}; {weights}; λ=({string.Join(", ", Lambdas.Select(l => l.ToString("F4", c)))}); ")
            + (FrozenAtEpoch is int e ? $"weights frozen at epoch {e}" : "weights never froze")
            + (Normality is { } m ? string.Format(c,
                "; joint normality (n = {0}, p = {1}): Mardia skewness p = {2:G3}, kurtosis p = {3:G3}, Henze-Zirkler p = {4:G3}",
                m.Samples, m.Dimensions, m.SkewnessPValue, m.KurtosisPValue, m.HenzeZirkler.PValue) : "")
            + (NormalityNote is { } note ? $"; joint normality not tested: {note}" : "");
    }
}
