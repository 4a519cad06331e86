namespace PidReg.Information;

/// <summary>
/// The partial information decomposition of a jointly Gaussian (T, X1, …, XM) on the whole redundancy lattice
/// (<see cref="RedundancyLattice"/>, 2 ≤ M ≤ <see cref="RedundancyLattice.MaxSources"/>), in bits, with the minimum
/// mutual information redundancy of Barrett (2015, "Exploration of synergistic and redundant information sharing in
/// static and dynamical Gaussian systems", Phys. Rev. E 91): I∩(α) = min over the source sets A of α of I(T; X_A).
/// Barrett shows this is the PID of the Williams–Beer axioms for Gaussians with a scalar target and two sources; for more
/// sources or a vector target it is the MMI measure by definition, which this type uses for every target.
/// <para>
/// With two sources and a scalar target the atoms equal those of <see cref="GaussianPid"/> under
/// <see cref="PidMeasure.Mmi"/>. With two sources and a vector target they can differ: <see cref="GaussianPid"/> then
/// minimises the ~I_union of Venkatesh et al. (2023), whose redundancy I1 + I2 − I∪ is at most min(I1, I2) and falls
/// below it when the sources inform different target components; here the redundancy stays min(I1, I2).
/// </para>
/// The atoms are non-negative for any number of sources (see <see cref="LatticePid"/>), unlike what is sometimes
/// assumed of MMI beyond two sources; they are reported as computed, never clipped.
/// A target that is a deterministic function of the sources has unbounded information and is refused, as in
/// <see cref="GaussianPid"/>; other singular covariances get the smallest ridge that makes every factor exist.
/// </summary>
public static class GaussianLatticePid
{
    /// <summary>The <see cref="LatticePid.Method"/> of a plug-in result; the bias-corrected one appends ", bias-corrected".</summary>
    public const string MethodName = "MMI lattice (redundancy = min over sets of I(T; X_set))";

    /// <summary>The decomposition of a population covariance (or a plug-in estimate of one).</summary>
    /// <param name="covariance">Symmetric positive (semi)definite, ordered [target, X1, …, XM]; finite; no zero variances.</param>
    /// <param name="dims">Block sizes; their sum must equal the side of <paramref name="covariance"/>.</param>
    /// <exception cref="ArgumentException">Bad shape, non-finite entries, asymmetry, zero variance, not PSD, fewer than 2 or
    /// more than <see cref="RedundancyLattice.MaxSources"/> sources, a target that is a deterministic function of the
    /// sources; the message names the problem.</exception>
    public static LatticePid FromCovariance(double[,] covariance, LatticeDims dims) =>
        Compute(covariance, dims, 0, PidEstimate.PlugIn);

    /// <summary>The decomposition of a sample covariance (normalised by n − 1) of <paramref name="sampleCount"/> samples.</summary>
    /// <param name="covariance">As in <see cref="FromCovariance"/>.</param>
    /// <param name="dims">Block sizes.</param>
    /// <param name="sampleCount">n; must exceed the total dimension.</param>
    /// <param name="estimate">Plug-in, or corrected: each I(T; X_A) loses the first-order bias of an information between
    /// m and dim(X_A) dimensions (<see cref="GaussianEntropyBias"/>) and is clipped at 0, then raised to the largest of
    /// its subsets' (data processing), as <see cref="GaussianPid"/> does with I1, I2 and I12.</param>
    public static LatticePid FromSampleCovariance(double[,] covariance, LatticeDims dims, int sampleCount, PidEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(dims);
        dims.Validate();
        if (sampleCount <= dims.Total)
            throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount,
                $"need more samples than dimensions ({dims.Total} in dims {dims}) for a non-singular sample covariance");
        if (!Enum.IsDefined(estimate)) throw new ArgumentOutOfRangeException(nameof(estimate), estimate, "unknown estimate");
        return Compute(covariance, dims, sampleCount, estimate);
    }

    /// <summary>
    /// The decomposition of samples (rows): each target column transformed, every column standardised, the sample
    /// covariance, then <see cref="FromSampleCovariance"/> with <paramref name="estimate"/>. The defaults are those of
    /// <see cref="PidSampleOptions"/> (bias-corrected, inverse-normal target); there is no bootstrap here.
    /// </summary>
    /// <param name="target">n × m target samples.</param>
    /// <param name="sources">n × d_i samples of each source, 2 to <see cref="RedundancyLattice.MaxSources"/> of them.</param>
    /// <param name="estimate">As in <see cref="FromSampleCovariance"/>; default bias-corrected.</param>
    /// <param name="transform">Applied to each target column before standardising; default inverse-normal.</param>
    /// <exception cref="ArgumentException">Too few or too many sources, row counts that differ, n not above the total
    /// dimension, non-finite or constant columns, two sources with the same columns, a target column inside a source, a
    /// target determined by the sources; the message names block, row and column (sources are X1, X2, …).</exception>
    public static LatticePid FromSamples(double[,] target, IReadOnlyList<double[,]> sources,
        PidEstimate estimate = PidEstimate.BiasCorrected, TargetTransform transform = TargetTransform.InverseNormal)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sources);
        RedundancyLattice.CheckSourceCount(sources.Count, nameof(sources));
        if (!Enum.IsDefined(estimate)) throw new ArgumentOutOfRangeException(nameof(estimate), estimate, "unknown estimate");
        if (!Enum.IsDefined(transform)) throw new ArgumentOutOfRangeException(nameof(transform), transform, "unknown target transform");
        var named = sources.Select((block, i) => (Block: block ?? throw new ArgumentNullException(nameof(sources), $"source X{i + 1} is null"), Name: $"X{i + 1}")).ToArray();
        int n = target.GetLength(0);
        foreach (var (block, name) in named)
            if (block.GetLength(0) != n)
                throw new ArgumentException($"row counts differ: target {n}, {name} {block.GetLength(0)}; rows are samples and must align", nameof(sources));
        var dims = new LatticeDims(target.GetLength(1), [.. named.Select(s => s.Block.GetLength(1))]);
        if (dims.Target < 1) throw new ArgumentException("target has no columns", nameof(target));
        for (int i = 0; i < named.Length; i++)
            if (dims.Sources[i] < 1) throw new ArgumentException($"{named[i].Name} has no columns", nameof(sources));
        dims.Validate();
        if (n <= dims.Total)
            throw new ArgumentException($"{n} rows but {dims.SumText} = {dims.Total} dimensions: need more samples than dimensions (reduce dimensions or add rows)");
        // The shared input checks of the two-source path, block by block, then overlap.
        PidReg.Data.InputValidation.CheckMatrix(target, "target", eachColumnNonConstant: true);
        foreach (var (block, name) in named) PidReg.Data.InputValidation.CheckMatrix(block, name, eachColumnNonConstant: true);
        PidSampleEstimator.CheckNoOverlap(target, named);
        var z = PidSampleEstimator.Standardise(target, named, dims.Total, [.. Enumerable.Range(0, n)], transform, throwOnConstant: true)!;
        return Compute(PidSampleEstimator.Covariance(z, n, dims.Total), dims, n, estimate);
    }

    /// <summary>
    /// The decomposition of a training batch's covariance that the caller regularised because it may be singular (a batch
    /// with fewer rows than dimensions fits the target exactly in-sample): a singularity then means "ridge it", not
    /// unbounded information, as in the two-source batch PID. <paramref name="sampleCount"/> is 0 for the plug-in estimate.
    /// </summary>
    internal static LatticePid FromBatchCovariance(double[,] covariance, LatticeDims dims, int sampleCount, PidEstimate estimate) =>
        Compute(covariance, dims, sampleCount, estimate, jittered: true);

    static LatticePid Compute(double[,] covariance, LatticeDims dims, int sampleCount, PidEstimate estimate, bool jittered = false)
    {
        ArgumentNullException.ThrowIfNull(dims);
        dims.Validate();
        ArgumentNullException.ThrowIfNull(covariance);
        if (covariance.GetLength(0) != dims.Total || covariance.GetLength(1) != dims.Total)
            throw new ArgumentException(
                $"covariance is {covariance.GetLength(0)}×{covariance.GetLength(1)} but dims {dims} need {dims.Total}×{dims.Total}", nameof(covariance));
        int m = dims.Target, sources = dims.SourceCount, all = (1 << sources) - 1;
        var lattice = RedundancyLattice.Create(sources);
        var corr = CorrelationMatrix.FromCovariance(covariance, nameof(covariance), dims.ColumnLabel);
        int[] target = DenseKernels.Range(0, m);
        var blocks = Enumerable.Range(0, sources).Select(dims.SourceIndices).ToArray();
        var setIndices = new int[all + 1][];
        for (int s = 1; s <= all; s++)
            setIndices[s] = [.. Enumerable.Range(0, sources).Where(i => (s >> i & 1) == 1).SelectMany(i => blocks[i])];

        var information = new double[all + 1];
        // One ridge for every set, so the 2^M − 1 informations describe one covariance and stay mutually consistent.
        corr.EnsureFactorisable(v =>
        {
            for (int s = 1; s <= all; s++)
                if (double.IsNaN(information[s] = GaussianInformation.ConditionalBits(v, corr.Size, target, setIndices[s], [])))
                    return false;
            return true;
        }, nameof(covariance), jittered ? null : () => GaussianPid.ThrowIfTargetDetermined(corr, m,
            "(" + string.Join(", ", Enumerable.Range(1, sources).Select(i => $"X{i}")) + ")", "all sources", nameof(covariance)));

        for (int s = 1; s <= all; s++)
        {
            // Exact information is non-negative; rounding can leave -1e-16.
            information[s] = Math.Max(information[s], 0);
            if (estimate == PidEstimate.BiasCorrected)
                information[s] = Math.Max(information[s] - GaussianEntropyBias.MutualInformationBias(m, setIndices[s].Length, sampleCount), 0);
        }
        // Data processing: I(T; X_A) ≥ I(T; X_B) for B ⊂ A holds exactly; restore it after rounding or bias correction.
        // Masks in increasing order visit every subset first.
        for (int s = 1; s <= all; s++)
            for (int rest = s; rest != 0; rest &= rest - 1)
                information[s] = Math.Max(information[s], information[s & ~(rest & -rest)]);

        var redundancies = lattice.Antichains.Select(a => a.Masks.Min(mask => information[mask])).ToArray();
        string method = MethodName + (estimate == PidEstimate.BiasCorrected ? ", bias-corrected" : "");
        return new LatticePid(lattice, lattice.Atoms(redundancies), redundancies, information, method, corr.Ridge, sampleCount);
    }
}
