using System.Globalization;
using PidReg.Model;

namespace PidReg.Training;

/// <summary>
/// What a fitted PIDReg model says about its modalities: the atoms (bits, epoch-averaged batch PID of the best epoch,
/// or the frozen ones), the fusion weights it predicts with, and the bottleneck λs (near 1: the latent keeps its
/// signal; near 0: mostly noise).
/// </summary>
public sealed record PidRegExplanation(PidAtoms? Atoms, FusionWeights Weights, double Lambda1, double Lambda2, int? FrozenAtEpoch)
{
    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0}; {1}; λ=({2:F4}, {3:F4}); {4}", Atoms?.ToString() ?? "no PID", Weights, Lambda1, Lambda2,
        FrozenAtEpoch is int e ? $"weights frozen at epoch {e}" : "weights never froze");
}
