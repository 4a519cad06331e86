using PidReg.Information;
using static TorchSharp.torch;

namespace PidReg.Model;

/// <summary>
/// What each product path adds about the target beyond its members' own latents, per batch:
/// I(y′; ⊙_{m ∈ P} Z_m | Z_m for m ∈ P) in bits under the Gaussian of [y′, the members, the product], for every product
/// path P in the order of <see cref="FusionPath.All"/>, and whether it credibly adds any (<see cref="Adds"/>): what decides
/// under <see cref="SynergyRouting.ConditionalProduct"/> whether the synergy also weights the product path. Everything here is detached.
/// <para>
/// Why this and not the synergy atom: a Gaussian PID sees only linear structure, so its S cannot tell suppression (which
/// a modality's own path carries) from an interaction (which only the product carries). Conditioning on the members
/// removes everything the modality paths already give a linear read-out, including the linear part of a product of
/// uncentred latents, so what is left is the interaction alone: about 0 for a suppressor, large for image halves read
/// together. It stays a Gaussian (linear-in-the-product) measure, so it sees an interaction only as far as the product
/// coordinates carry it linearly.
/// </para>
/// </summary>
public static class BatchProductInformation
{
    /// <summary>
    /// I(y′; Z_P | Z_m, m ∈ P) (bits) for every product path P of the latents. <see cref="PidEstimate.BiasCorrected"/>
    /// subtracts the Wishart bias of each of the four log-determinants (<see cref="GaussianEntropyBias"/>), which matters:
    /// for two 64-wide latents at 256 rows the plug-in value of a product that carries nothing is about
    /// ½ log2 of a ratio of 63 and 127 residual degrees of freedom, near 0.5 bits. The bias-corrected value of a path P
    /// needs B &gt; t + (|P| + 1)·d rows (t + 3d for a pair); a path the batch is too small for is NaN, no evidence either
    /// way (three 64-wide latents at 256 rows: the pairs are estimated, the product of all three needs 258 rows).
    /// Values are not clipped (a bias-corrected 0 scatters around 0); the fusion rule clips them.
    /// </summary>
    /// <param name="yPrime">The transformed target, (B, t).</param>
    /// <param name="latents">Z_1 … Z_M, each (B, d) with the same d; 2 ≤ M ≤ <see cref="RedundancyLattice.MaxSources"/>.</param>
    /// <param name="estimate">Plug-in or bias-corrected, as in <see cref="BatchPid.Estimate"/>.</param>
    /// <exception cref="ArgumentException">Too few or too many latents, shapes that differ (named).</exception>
    /// <exception cref="InvalidOperationException">A covariance stays singular under the largest jitter (NaN or constant latents).</exception>
    public static double[] Estimate(Tensor yPrime, IReadOnlyList<Tensor> latents, PidEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(yPrime);
        ArgumentNullException.ThrowIfNull(latents);
        RedundancyLattice.CheckSourceCount(latents.Count, nameof(latents));
        if (!Enum.IsDefined(estimate)) throw new ArgumentOutOfRangeException(nameof(estimate), estimate, "unknown estimate");
        for (int m = 0; m < latents.Count; m++)
            if (latents[m].dim() != 2 || latents[m].shape[0] != yPrime.shape[0] || latents[m].shape[1] != latents[0].shape[1])
                throw new ArgumentException($"latent Z{m + 1} is [{string.Join(", ", latents[m].shape)}]; every latent must be (B, d) with the target's B = {yPrime.shape[0]} rows and Z1's d = {latents[0].shape[1]} (the product is elementwise)", nameof(latents));

        using var _ = no_grad();
        using var scope = NewDisposeScope();
        int rows = checked((int)yPrime.shape[0]), t = checked((int)yPrime.shape[1]), d = checked((int)latents[0].shape[1]);
        var products = FusionPath.All([.. Enumerable.Range(1, latents.Count).Select(m => $"Z{m}")]).Where(p => p.IsProduct).ToArray();
        var result = new double[products.Length];
        for (int k = 0; k < products.Length; k++)
        {
            var members = products[k].Members.Select(m => latents[m]).ToArray();
            if (estimate != PidEstimate.PlugIn && !Estimable(t, d, members.Length, rows))
            {
                result[k] = double.NaN;
                continue;
            }
            var product = members[0];
            for (int j = 1; j < members.Length; j++) product = product * members[j];  // (B, d)
            var factor = BatchPid.JitteredFactorTargetLast(yPrime, [.. members, product]);  // ((|P| + 1) d + t)², lower
            double bits = TargetInformation(factor, t, members.Length * d, d);
            if (estimate != PidEstimate.PlugIn) bits -= ConditionalBias(t, d, members.Length * d, rows);
            result[k] = bits;
        }
        return result;
    }

    /// <summary>
    /// I(y′; A | C) in bits from the lower Cholesky factor L of the covariance of [C, A, y′] (c, a and t columns): the
    /// factor of a leading block is the leading block of L, so y′'s rows [L_yC, L_yA, L_yy] give both residual covariances
    /// of y′, given C: L_yA L_yAᵀ + L_yy L_yyᵀ, and given C and A: L_yy L_yyᵀ; the information is half the log of the ratio
    /// of their determinants. It equals <see cref="GaussianInformation.ConditionalMutualInformation"/>'s four log-determinants
    /// (tested) from the one factorisation the jitter check already made, where those took four of their own: for two
    /// 64-wide latents that was most of a stage-1 epoch's batch-PID time. The determinant ratio is at least 1 (for one
    /// target column a ratio of sums of squares), so the value needs no clipping at 0.
    /// </summary>
    internal static double TargetInformation(Tensor factor, int t, int c, int a)
    {
        var target = factor.narrow(0, c + a, t);                                   // (t, c + a + t): [L_yC, L_yA, L_yy]
        var rest = target.narrow(1, c, a + t);                                     // (t, a + t): [L_yA, L_yy]
        double givenC = LogDeterminant(linalg.cholesky(rest.mm(rest.t())));       // log det(L_yA L_yAᵀ + L_yy L_yyᵀ)
        double givenCa = LogDeterminant(target.narrow(1, c + a, t));             // log det(L_yy L_yyᵀ)
        return 0.5 * (givenC - givenCa) / Math.Log(2);

        // log det(L Lᵀ) of a lower triangular (t, t) L.
        static double LogDeterminant(Tensor lower) => 2 * lower.diagonal().log().sum().item<double>();
    }

    /// <summary>
    /// <see cref="NullStandardDeviation"/> of every product path of <paramref name="modalityCount"/> latents, in the order of
    /// <see cref="Estimate"/>: 0 under the plug-in estimate, which has no margin (its bias, about 0.5 bits at d = 64 and
    /// B = 256, dwarfs the noise), and NaN for a path the batch is too small for, where <see cref="Estimate"/> gives NaN.
    /// </summary>
    internal static double[] NullStandardDeviations(int targetDim, int latentDim, int modalityCount, int sampleCount, PidEstimate estimate) =>
        [.. ProductMemberCounts(modalityCount).Select(members =>
            estimate == PidEstimate.PlugIn ? 0
            : Estimable(targetDim, latentDim, members, sampleCount) ? NullStandardDeviation(targetDim, latentDim, members, sampleCount)
            : double.NaN)];

    /// <summary>One true verdict per product path of <paramref name="modalityCount"/> latents: every product used.</summary>
    internal static bool[] AllUsed(int modalityCount) => [.. ProductMemberCounts(modalityCount).Select(_ => true)];

    // The number of members of each product path, in path order.
    static IEnumerable<int> ProductMemberCounts(int modalityCount) =>
        FusionPath.All([.. Enumerable.Range(1, modalityCount).Select(m => $"Z{m}")]).Where(p => p.IsProduct).Select(p => p.Members.Count);

    // The bias-corrected information of a product of `members` latents needs more rows than its covariance's dimensions.
    static bool Estimable(int targetDim, int latentDim, int members, int sampleCount) => sampleCount > targetDim + (members + 1) * latentDim;

    /// <summary>
    /// Standard deviations by which the mean estimate must clear 0 before a product path counts as adding information.
    /// Why 3: a product that adds nothing then passes in about 1 epoch in 700, while a real interaction clears it easily
    /// (Bimodal MNIST: a mean 0.13–0.15 bits above the margin every epoch); at 2 the small suppressor OASIS-1 passed in
    /// about a third of its epochs on some seeds.
    /// </summary>
    public const double EvidenceMargin = 3;

    /// <summary>
    /// Whether each product path credibly adds information: the mean of several batch estimates (an epoch's) exceeds
    /// <see cref="EvidenceMargin"/> standard deviations of that mean under "adds nothing", √(Σ sd_i²) / n. Batches too small
    /// to estimate a path (NaN) do not count; a path no batch could estimate is kept, as before the first verdict: there is
    /// no evidence against it, and keeping it is the measured <see cref="SynergyRouting.ModalitiesAndProduct"/> rule.
    /// </summary>
    /// <param name="estimates">Per batch, <see cref="Estimate"/>'s values and their <see cref="NullStandardDeviation"/>s
    /// (0 for the plug-in estimate, which has no margin; NaN where the value is NaN), path by path; at least one batch,
    /// all of the same length.</param>
    /// <exception cref="ArgumentException">No batches, or batches with different numbers of paths.</exception>
    public static bool[] Adds(IReadOnlyList<(double[] Bits, double[] NullSd)> estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        if (estimates.Count == 0) throw new ArgumentException("no batch estimates to judge", nameof(estimates));
        int paths = estimates[0].Bits.Length;
        if (estimates.Any(e => e.Bits.Length != paths || e.NullSd.Length != paths))
            throw new ArgumentException($"every batch needs one estimate and one standard deviation per product path ({paths})", nameof(estimates));
        return [.. Enumerable.Range(0, paths).Select(k =>
        {
            var judged = estimates.Where(e => double.IsFinite(e.Bits[k])).ToArray();
            return judged.Length == 0
                || judged.Average(e => e.Bits[k]) - EvidenceMargin * Math.Sqrt(judged.Sum(e => e.NullSd[k] * e.NullSd[k])) / judged.Length > 0;
        })];
    }

    /// <summary>
    /// The standard deviation (bits) of one batch's estimate of a product path that adds nothing, the noise its
    /// information must rise above. For a scalar target the plug-in value is then −½ log of a Beta((n − 1 − c − b)/2, b/2)
    /// variable (b = d product columns, c = the members' columns; the residual sums of squares with and without the
    /// product), whose log has variance ψ′((n − 1 − c − b)/2) − ψ′((n − 1 − c)/2); a t-column target is taken as t
    /// such columns (variance × t), an approximation. Two 8-wide latents at 64 rows: 0.069 bits; two 64-wide at 256: 0.092.
    /// </summary>
    /// <param name="targetDim">t ≥ 1.</param>
    /// <param name="latentDim">d ≥ 1.</param>
    /// <param name="members">|P| ≥ 2, the modalities the product path multiplies.</param>
    /// <param name="sampleCount">n &gt; t + (|P| + 1)·d.</param>
    public static double NullStandardDeviation(int targetDim, int latentDim, int members, int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 2);
        int residual = sampleCount - 1 - members * latentDim - latentDim;
        if (residual < 1)
            throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount, $"need more than {sampleCount - residual} rows for a product of {members} latents of size {latentDim}");
        double variance = TriGamma(residual / 2.0) - TriGamma((residual + latentDim) / 2.0);
        return 0.5 * Math.Sqrt(targetDim * variance) / Math.Log(2);
    }

    /// <summary>
    /// ψ′(x) for x &gt; 0 (Math.NET has no trigamma): ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 6, then the asymptotic series
    /// 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + 1/(42x⁷) − 1/(30x⁹), whose first omitted term is below 1e-9 there.
    /// </summary>
    internal static double TriGamma(double x)
    {
        double sum = 0;
        for (; x < 6; x++) sum += 1 / (x * x);
        double inv = 1 / x, inv2 = inv * inv;
        return sum + inv + inv2 / 2 + inv * inv2 * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 / 30)));
    }

    /// <summary>
    /// Expected excess (bits) of the plug-in I(A; B | C) over the truth: ½[b(a + c) + b(b + c) − b(c) − b(a + b + c)] / ln 2
    /// with b = <see cref="GaussianEntropyBias.LogDeterminantBias"/>, the conditional form of
    /// <see cref="GaussianEntropyBias.MutualInformationBias"/>.
    /// </summary>
    internal static double ConditionalBias(int dimA, int dimB, int dimGiven, int sampleCount) =>
        0.5 * (GaussianEntropyBias.LogDeterminantBias(dimA + dimGiven, sampleCount) + GaussianEntropyBias.LogDeterminantBias(dimB + dimGiven, sampleCount)
               - GaussianEntropyBias.LogDeterminantBias(dimGiven, sampleCount) - GaussianEntropyBias.LogDeterminantBias(dimA + dimB + dimGiven, sampleCount)) / Math.Log(2);
}
