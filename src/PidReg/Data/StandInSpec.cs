namespace PidReg.Data;

/// <summary>Shape of a simulated stand-in (see <see cref="StandIns"/>).</summary>
/// <param name="Name">Registry name.</param>
/// <param name="Rows">Rows of the real set.</param>
/// <param name="Modalities">Modality name, width, and how strongly the latent target drives it.</param>
/// <param name="Target">Target name.</param>
/// <param name="TargetScale">The target lies in (-TargetScale, TargetScale).</param>
/// <param name="About">Banner text naming it a stand-in.</param>
public sealed record StandInSpec(string Name, int Rows, IReadOnlyList<(string Name, int Dims, double Signal)> Modalities, string Target, double TargetScale, string About);
