using System.Globalization;
using PidReg.Diagnostics;
using PidReg.Model;

namespace PidReg.Training;

/// <summary>
/// What a fitted PIDReg model says about its modalities: the atoms (bits, epoch-averaged batch PID of the best epoch,
/// or the frozen ones), the fusion weights it predicts with, and the bottleneck λs (near 1: the latent keeps its
/// signal; near 0: mostly noise).
/// </summary>
public sealed record PidRegExplanation(PidAtoms? Atoms, FusionWeights Weights, double Lambda1, double Lambda2, int? FrozenAtEpoch)
{
    /// <summary>
    /// Joint normality of (y′, Z1, Z2), the assumption the atoms rest on, when the explanation was made on data
    /// (<see cref="PidRegRegressor.Explain(PidReg.Data.MultimodalDataset)"/>); null otherwise or when the tests could not run.
    /// </summary>
    public MultivariateNormality? Normality { get; init; }

    /// <summary>Why <see cref="Normality"/> is missing although data were given (e.g. a constant latent dimension); else null.</summary>
    public string? NormalityNote { get; init; }

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0}; {1}; λ=({2:F4}, {3:F4}); {4}", Atoms is null ? "no PID" : "MMI atoms " + Atoms, Weights, Lambda1, Lambda2,
        FrozenAtEpoch is int e ? $"weights frozen at epoch {e}" : "weights never froze")
        + (Normality is { } m ? string.Format(CultureInfo.InvariantCulture,
            "; joint normality (n = {0}, p = {1}): Mardia skewness p = {2:G3}, kurtosis p = {3:G3}, Henze-Zirkler p = {4:G3}",
            m.Samples, m.Dimensions, m.SkewnessPValue, m.KurtosisPValue, m.HenzeZirkler.PValue) : "")
        + (NormalityNote is { } note ? $"; joint normality not tested: {note}" : "");
}
