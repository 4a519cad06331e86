using System.Globalization;

namespace PidReg.Model;

/// <summary>
/// The four PID atoms (bits) of the latents about the transformed target, with the mutual informations
/// they come from: MiX1 = U1 + R, MiX2 = U2 + R, MiJoint = U1 + U2 + R + S.
/// </summary>
public sealed record PidAtoms(double UniqueX1, double UniqueX2, double Redundancy, double Synergy, double MiX1, double MiX2)
{
    /// <summary>U1 + U2 + R + S.</summary>
    public double Total => UniqueX1 + UniqueX2 + Redundancy + Synergy;

    /// <summary>The element-wise mean of several estimates (for example the batches of one epoch).</summary>
    public static PidAtoms Average(IReadOnlyCollection<PidAtoms> atoms)
    {
        if (atoms.Count == 0) throw new ArgumentException("PidAtoms.Average: no estimates to average.", nameof(atoms));
        return new(atoms.Average(a => a.UniqueX1), atoms.Average(a => a.UniqueX2), atoms.Average(a => a.Redundancy),
            atoms.Average(a => a.Synergy), atoms.Average(a => a.MiX1), atoms.Average(a => a.MiX2));
    }

    /// <summary>Largest absolute difference between the four atoms of two estimates.</summary>
    public double MaxAtomChange(PidAtoms other) =>
        new[] { UniqueX1 - other.UniqueX1, UniqueX2 - other.UniqueX2, Redundancy - other.Redundancy, Synergy - other.Synergy }
            .Max(Math.Abs);

    /// <inheritdoc />
    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "U1={0:F4} U2={1:F4} R={2:F4} S={3:F4} bits", UniqueX1, UniqueX2, Redundancy, Synergy);
}
