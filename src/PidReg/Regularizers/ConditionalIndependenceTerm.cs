using static TorchSharp.torch;

namespace PidReg.Regularizers;

/// <summary>
/// The conditional-independence term of PIDReg with M modalities: Σ_m I_CS(Z_m; X_−m | X_m), where X_−m is every input
/// but the m-th. Each latent should carry nothing of the other modalities beyond what its own input already says; for two
/// modalities this is CMI1 + CMI2 = I(Z1; X2 | X1) + I(Z2; X1 | X2) of <see cref="ConditionalCsMutualInformation.EstimatePair"/>,
/// summed over the directions as there (not averaged), so its loss weight means the same per direction.
/// </summary>
public static class ConditionalIndependenceTerm
{
    /// <summary>
    /// Σ_m I_CS(Z_m; X_−m | X_m) in nats for one batch; differentiable in the latents.
    /// <see cref="CmiEstimator.Proper"/>: the kernel of X_−m is the product of the other inputs' Gram matrices, each at its
    /// own median width (a Gaussian kernel with one width per modality, so a wide modality does not swamp the distances of a
    /// narrow one); the joint kernel of (X_−m, X_m) is then the product of all M input Grams, the same for every m, and is
    /// formed once, as the two-modality estimator shares K1 ⊙ K2. <see cref="CmiEstimator.Reference"/>: the reference's
    /// formula per direction with X_−m the columns of the other inputs side by side.
    /// For two modalities both give <see cref="ConditionalCsMutualInformation.EstimatePair"/> bit for bit.
    /// </summary>
    /// <param name="latents">Z_1 … Z_M, each (B, d).</param>
    /// <param name="inputs">X_1 … X_M, each (B, d_m), in the same modality order; they carry no gradient here.</param>
    /// <param name="estimator">Which estimator; default <see cref="CmiEstimator.Proper"/>.</param>
    /// <exception cref="ArgumentException">Fewer than two modalities, counts that differ, or row counts that differ (named).</exception>
    public static Tensor Estimate(IReadOnlyList<Tensor> latents, IReadOnlyList<Tensor> inputs, CmiEstimator estimator = CmiEstimator.Proper)
    {
        ArgumentNullException.ThrowIfNull(latents);
        ArgumentNullException.ThrowIfNull(inputs);
        if (latents.Count < 2 || latents.Count != inputs.Count)
            throw new ArgumentException($"need one latent and one input per modality, at least two modalities; got {latents.Count} latents and {inputs.Count} inputs", nameof(latents));
        long rows = latents[0].shape[0];
        for (int m = 0; m < latents.Count; m++)
            if (latents[m].shape[0] != rows || inputs[m].shape[0] != rows)
                throw new ArgumentException($"ConditionalIndependenceTerm: row counts differ (Z1 {rows}, Z{m + 1} {latents[m].shape[0]}, X{m + 1} {inputs[m].shape[0]}).", nameof(latents));
        if (!Enum.IsDefined(estimator)) throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "unknown CMI estimator");

        int count = latents.Count;
        if (estimator == CmiEstimator.Reference)
        {
            var sum = ConditionalCsMutualInformation.Estimate(latents[0], Others(inputs, 0), inputs[0], estimator);
            for (int m = 1; m < count; m++) sum = sum + ConditionalCsMutualInformation.Estimate(latents[m], Others(inputs, m), inputs[m], estimator);
            return sum;
        }
        if (rows < 2) throw new ArgumentException($"ConditionalIndependenceTerm: need at least 2 rows, got {rows}.", nameof(latents));
        var grams = new Tensor[count];
        Tensor all;
        using (no_grad())
        {
            for (int m = 0; m < count; m++) grams[m] = KernelMath.GramWithMedianWidth(inputs[m]).Gram;  // (B, B)
            all = grams[0] * grams[1];                                                                    // (B, B)
            for (int m = 2; m < count; m++) all = all * grams[m];                                         // (B, B), ⊙ of every input Gram
        }
        var total = ConditionalCsMutualInformation.FromGrams(KernelMath.GramWithMedianWidth(latents[0]).Gram, grams[0], all);
        for (int m = 1; m < count; m++)
            total = total + ConditionalCsMutualInformation.FromGrams(KernelMath.GramWithMedianWidth(latents[m]).Gram, grams[m], all);
        return total;
    }

    // X_−m: the other input itself for two modalities, else the other inputs' columns side by side, (B, Σ_{j≠m} d_j).
    static Tensor Others(IReadOnlyList<Tensor> inputs, int m) =>
        inputs.Count == 2 ? inputs[1 - m] : cat([.. inputs.Where((_, j) => j != m)], 1);
}
