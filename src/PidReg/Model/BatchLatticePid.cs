using PidReg.Information;
using static TorchSharp.torch;

namespace PidReg.Model;

/// <summary>
/// The per-batch PID of M latents (paper step 4 for M ≥ 2 modalities): the covariance of [y′, standardised Z_1, …,
/// standardised Z_M] in float64 with the jitter of <see cref="BatchPid"/>, I(T; Z_A) for every non-empty set A of
/// latents, and the atoms on the whole redundancy lattice. Everything here is detached. y′ is the target after
/// <see cref="BatchPid.TransformTarget"/>.
/// <para>
/// Two latents go through exactly the computation of <see cref="BatchPid.Estimate"/>, so two-modality PIDReg keeps its
/// atoms bit for bit. For a scalar target those are the MMI lattice atoms; for a vector target they are the ~I_union PID
/// of <see cref="GaussianPid"/> (the measure two-modality PIDReg has always used), whose redundancy can fall below the
/// lattice's min(I1, I2). Three or more latents use the MMI redundancy of <see cref="GaussianLatticePid"/>
/// (min over the sets of an antichain of I(T; Z_A)) for every target, ~I_union being defined for two sources only.
/// </para>
/// </summary>
public static class BatchLatticePid
{
    /// <summary>
    /// Atoms (bits) of y′ (B, t) and the latents Z_1 … Z_M (B, d_m). <see cref="PidEstimate.BiasCorrected"/> needs
    /// B &gt; t + Σ d_m (each I(T; Z_A) then loses its first-order bias, is clipped at 0 and raised to its subsets', as in
    /// <see cref="GaussianLatticePid.FromSampleCovariance"/>); <see cref="PidEstimate.PlugIn"/> works for any B ≥ 2.
    /// </summary>
    /// <param name="yPrime">The transformed target, (B, t).</param>
    /// <param name="latents">Z_1 … Z_M, each (B, d_m); 2 ≤ M ≤ <see cref="RedundancyLattice.MaxSources"/>.</param>
    /// <param name="estimate">Plug-in or bias-corrected, as in <see cref="BatchPid.Estimate"/>.</param>
    /// <exception cref="ArgumentException">Too few or too many latents, row counts that differ (named), too few rows for
    /// the bias-corrected estimate.</exception>
    /// <exception cref="InvalidOperationException">The covariance stays singular under the largest jitter (NaN or constant latents).</exception>
    public static LatticeAtoms Estimate(Tensor yPrime, IReadOnlyList<Tensor> latents, PidEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(yPrime);
        ArgumentNullException.ThrowIfNull(latents);
        RedundancyLattice.CheckSourceCount(latents.Count, nameof(latents));
        if (!Enum.IsDefined(estimate)) throw new ArgumentOutOfRangeException(nameof(estimate), estimate, "unknown estimate");
        for (int m = 0; m < latents.Count; m++)
            if (latents[m].dim() != 2 || latents[m].shape[0] != yPrime.shape[0])
                throw new ArgumentException($"latent Z{m + 1} is [{string.Join(", ", latents[m].shape)}]; every latent must be (B, d) with the target's B = {yPrime.shape[0]} rows", nameof(latents));
        if (latents.Count == 2)
        {
            var pair = BatchPid.Compute(yPrime, latents[0], latents[1], estimate);
            return LatticeAtoms.TwoModalities(pair.UniqueX1, pair.UniqueX2, pair.Redundancy, pair.Synergy, pair.MiX1, pair.MiX2, pair.MiJoint);
        }

        using var _ = no_grad();
        using var scope = NewDisposeScope();
        int rows = checked((int)yPrime.shape[0]);
        var dims = new LatticeDims(checked((int)yPrime.shape[1]), [.. latents.Select(z => checked((int)z.shape[1]))]);
        var covariance = BatchPid.JitteredCovariance(yPrime, latents);
        if (estimate != PidEstimate.PlugIn && rows <= dims.Total)
            throw new ArgumentOutOfRangeException(nameof(yPrime), rows,
                $"the bias-corrected batch PID needs more rows than dimensions ({dims.SumText} = {dims.Total}): use larger batches or the plug-in estimate");
        return LatticeAtoms.From(GaussianLatticePid.FromBatchCovariance(covariance, dims, estimate == PidEstimate.PlugIn ? 0 : rows, estimate));
    }
}
