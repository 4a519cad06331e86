namespace PidReg.Information;

/// <summary>
/// Partial information decomposition of a jointly Gaussian (T, X1, X2) under a chosen <see cref="PidMeasure"/>, in bits.
/// <see cref="PidMeasure.Mmi"/> (the default of the covariance entry points): for a scalar target the exact closed form of
/// the ~I_union PID of Venkatesh et al. (NeurIPS 2023), which equals the MMI PID (Barrett 2015): R = min(I1, I2), the
/// stronger modality's unique = |I1 − I2|, S = I12 − max(I1, I2); a vector target minimises the union information
/// numerically (<see cref="SolverTolerance"/>). <see cref="PidMeasure.Dep"/>: I_dep in closed form.
/// <see cref="PidMeasure.Ccs"/>: I_ccs by seeded Monte Carlo.
/// A target that is a deterministic function of (X1, X2) (a singular covariance with T in the span of the sources) has
/// unbounded information: every entry point throws an <see cref="ArgumentException"/> saying so, rather than report the
/// ~20 bits a ridge would invent. Other singular covariances (collinear columns inside a block) get the smallest ridge
/// that makes them factorisable, reported in <see cref="PidDiagnostics.Ridge"/>.
/// More than two sources: <see cref="GaussianLatticePid"/>, the MMI PID on the whole redundancy lattice.
/// </summary>
public static class GaussianPid
{
    /// <summary>The solver stops when its certified optimality gap is below this (bits): well inside 1e-6 bits.</summary>
    public const double SolverTolerance = 1e-7;

    /// <summary>Iteration cap of the union solver; reaching it leaves <see cref="PidDiagnostics.Converged"/> false.</summary>
    public const int SolverMaxIterations = 20_000;

    /// <summary>Default Monte Carlo draws of the I_ccs redundancy: its standard error is then a few 1e-3 bits for atoms of about a bit.</summary>
    public const int DefaultMonteCarloDraws = 100_000;

    /// <summary>Fewest Monte Carlo draws accepted: below this the standard error is of the order of the atoms themselves.</summary>
    public const int MinMonteCarloDraws = 1_000;

    const double Ln2 = 0.6931471805599453;

    /// <summary>PID of a population covariance (or a plug-in estimate of one).</summary>
    /// <param name="covariance">Symmetric positive (semi)definite, ordered [target, X1, X2]; finite; no zero variances.</param>
    /// <param name="dims">Block sizes; their sum must equal the side of <paramref name="covariance"/>.</param>
    /// <param name="measure">The decomposition; default <see cref="PidMeasure.Mmi"/> (the paper's, and what the fusion weights use).</param>
    /// <param name="monteCarloDraws">Draws of the I_ccs Monte Carlo (ignored by the other measures). Default
    /// <see cref="DefaultMonteCarloDraws"/>; range ≥ <see cref="MinMonteCarloDraws"/>.</param>
    /// <param name="seed">Seed of the I_ccs Monte Carlo: the same seed gives bit-identical atoms. Default 0.</param>
    /// <exception cref="ArgumentException">Bad shape, non-finite entries, asymmetry, zero variance, not PSD, a target
    /// that is a deterministic function of the sources (unbounded information); the message names the problem.</exception>
    public static PidResult FromCovariance(double[,] covariance, PidDims dims, PidMeasure measure = PidMeasure.Mmi,
        int monteCarloDraws = DefaultMonteCarloDraws, int seed = 0)
    {
        CheckMeasure(measure, monteCarloDraws);
        return Compute(covariance, dims, 0, PidEstimate.PlugIn, new MeasureSettings(measure, monteCarloDraws, seed));
    }

    /// <summary>PID of a sample covariance (normalised by n − 1) of <paramref name="sampleCount"/> samples.</summary>
    /// <param name="covariance">As in <see cref="FromCovariance"/>.</param>
    /// <param name="dims">Block sizes.</param>
    /// <param name="sampleCount">n; must exceed m + a + b.</param>
    /// <param name="estimate">Plug-in, or corrected for the finite-sample bias of each log-determinant (<see cref="GaussianEntropyBias"/>);
    /// the corrected information terms are clipped at 0 and I12 at max(I1, I2). Then, per measure: MMI with a vector target
    /// scales the union information by corrected/plug-in I12, as Venkatesh et al. do, and with a scalar target takes the max
    /// of the corrected I1, I2; I_dep corrects the information of its conditional-independence model I_M(T; X1, X2) by the
    /// bias of an information between m and a + b dimensions (to first order the bias counts the free cross-covariances,
    /// m·a + m·b in both); I_ccs computes its redundancy on the sample covariance (no correction is known for the
    /// sign-restricted local co-information) and corrects only the information terms the other atoms derive from.</param>
    /// <param name="measure">As in <see cref="FromCovariance"/>.</param>
    /// <param name="monteCarloDraws">As in <see cref="FromCovariance"/>.</param>
    /// <param name="seed">As in <see cref="FromCovariance"/>.</param>
    public static PidResult FromSampleCovariance(double[,] covariance, PidDims dims, int sampleCount, PidEstimate estimate,
        PidMeasure measure = PidMeasure.Mmi, int monteCarloDraws = DefaultMonteCarloDraws, int seed = 0)
    {
        dims.Validate();
        if (sampleCount <= dims.Total)
            throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount,
                $"need more samples than dimensions (m + a + b = {dims.Total}) for a non-singular sample covariance");
        if (!Enum.IsDefined(estimate)) throw new ArgumentOutOfRangeException(nameof(estimate), estimate, "unknown estimate");
        CheckMeasure(measure, monteCarloDraws);
        return Compute(covariance, dims, sampleCount, estimate, new MeasureSettings(measure, monteCarloDraws, seed));
    }

    /// <summary>
    /// PID from samples (rows): optional target transform, standardisation, sample covariance, estimate, measure, and
    /// optional bootstrap percentile intervals (<see cref="PidSampleOptions"/>; its defaults are the kit's one default
    /// for explaining samples: bias-corrected, inverse-normal target, I_dep).
    /// </summary>
    /// <param name="target">n × m target samples.</param>
    /// <param name="x1">n × a samples of the first modality.</param>
    /// <param name="x2">n × b samples of the second modality.</param>
    /// <param name="options">Settings; null = defaults.</param>
    /// <exception cref="ArgumentException">Row counts differ, n ≤ m + a + b, non-finite or constant columns, a target
    /// determined by the sources; the message names block, row and column.</exception>
    public static PidResult FromSamples(double[,] target, double[,] x1, double[,] x2, PidSampleOptions? options = null) =>
        PidSampleEstimator.Estimate(target, x1, x2, (options ?? new PidSampleOptions()).Validate());

    internal static void CheckMeasure(PidMeasure measure, int monteCarloDraws)
    {
        if (!Enum.IsDefined(measure)) throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown measure: use Mmi, Dep or Ccs");
        if (monteCarloDraws < MinMonteCarloDraws)
            throw new ArgumentOutOfRangeException(nameof(monteCarloDraws), monteCarloDraws,
                $"I_ccs needs at least {MinMonteCarloDraws} Monte Carlo draws (default {DefaultMonteCarloDraws}); fewer leave a standard error as large as the atoms");
    }

    /// <summary>The measure and its Monte Carlo settings, passed down together.</summary>
    internal readonly record struct MeasureSettings(PidMeasure Measure, int MonteCarloDraws, int Seed)
    {
        public static MeasureSettings Mmi => new(PidMeasure.Mmi, DefaultMonteCarloDraws, 0);
    }

    internal static string Label(PidDims dims, int i) => LatticeDims.From(dims).ColumnLabel(i);

    // forceSolver: use the numerical solver even for a scalar target (tests compare it with the closed form).
    // jittered: the caller regularised a covariance it knows may be singular (a training batch with fewer rows than
    // dimensions fits the target exactly in-sample), so a singularity means "ridge it", not unbounded information.
    internal static PidResult Compute(double[,] covariance, PidDims dims, int sampleCount, PidEstimate estimate,
        MeasureSettings? settings = null, bool forceSolver = false, bool jittered = false)
    {
        var (measure, draws, seed) = settings ?? MeasureSettings.Mmi;
        dims.Validate();
        ArgumentNullException.ThrowIfNull(covariance);
        if (covariance.GetLength(0) != dims.Total || covariance.GetLength(1) != dims.Total)
            throw new ArgumentException(
                $"covariance is {covariance.GetLength(0)}×{covariance.GetLength(1)} but dims {dims} need {dims.Total}×{dims.Total}", nameof(covariance));
        var corr = CorrelationMatrix.FromCovariance(covariance, nameof(covariance), i => Label(dims, i));
        PidTerms? terms = null;
        GaussianLocalTerms? local = null;
        corr.EnsureFactorisable(v => (terms = PidTerms.TryCompute(v, dims.Total, dims)) is not null
                                     && (measure != PidMeasure.Ccs || (local = GaussianLocalTerms.TryCreate(v, dims)) is not null),
            nameof(covariance), jittered ? null : () => ThrowIfTargetDetermined(corr, dims, nameof(covariance)));
        var t = terms!;

        double i1 = Math.Max(t.MiX1Nats / Ln2, 0), i2 = Math.Max(t.MiX2Nats / Ln2, 0), i12 = Math.Max(t.MiJointNats / Ln2, 0);
        double i12PlugIn = Math.Max(i12, Math.Max(i1, i2));
        if (estimate == PidEstimate.BiasCorrected)
        {
            int m = dims.Target;
            i1 = Math.Max(i1 - GaussianEntropyBias.MutualInformationBias(m, dims.X1, sampleCount), 0);
            i2 = Math.Max(i2 - GaussianEntropyBias.MutualInformationBias(m, dims.X2, sampleCount), 0);
            i12 = Math.Max(i12 - GaussianEntropyBias.MutualInformationBias(m, dims.X1 + dims.X2, sampleCount), 0);
        }
        // Data processing: I12 ≥ max(I1, I2) holds exactly; restore it after rounding or bias correction.
        i12 = Math.Max(i12, Math.Max(i1, i2));
        return measure switch
        {
            PidMeasure.Dep => Dependency(corr, t, dims, sampleCount, estimate, i1, i2, i12),
            PidMeasure.Ccs => CommonChangeInSurprisal(corr, t, local!, dims, sampleCount, estimate, i1, i2, i12, draws, seed),
            _ => MinimumInformation(corr, t, dims, sampleCount, estimate, i1, i2, i12, i12PlugIn, forceSolver),
        };
    }

    static PidResult MinimumInformation(CorrelationMatrix corr, PidTerms t, PidDims dims, int sampleCount, PidEstimate estimate,
        double i1, double i2, double i12, double i12PlugIn, bool forceSolver)
    {
        double union;
        int iterations = 0;
        bool converged = true;
        double gap = 0;
        string method;
        if (dims.Target == 1 && !forceSolver)
        {
            union = Math.Max(i1, i2);
            method = "closed-form MMI";
        }
        else
        {
            var solution = UnionInformationSolver.Solve(t.CovT, t.CovTGivenX1, t.CovTGivenX2, dims.Target, SolverTolerance * Ln2, SolverMaxIterations);
            union = solution.UnionNats / Ln2;
            if (estimate == PidEstimate.BiasCorrected && i12PlugIn > 0) union *= i12 / i12PlugIn;
            (iterations, converged, gap) = (solution.Iterations, solution.Converged, solution.GapNats / Ln2);
            method = "union solver";
        }
        union = Math.Min(Math.Max(union, Math.Max(i1, i2)), Math.Min(i1 + i2, i12));
        if (estimate == PidEstimate.BiasCorrected) method += ", bias-corrected";

        var diagnostics = new PidDiagnostics(corr.Ridge, t.ConditionEstimate, iterations, converged, gap, sampleCount, union);
        return new PidResult(
            UniqueX1: Math.Max(union - i2, 0),
            UniqueX2: Math.Max(union - i1, 0),
            Redundancy: Math.Max(i1 + i2 - union, 0),
            Synergy: Math.Max(i12 - union, 0),
            MiX1: i1, MiX2: i2, MiJoint: i12, Method: method, Diagnostics: diagnostics);
    }

    static PidResult Dependency(CorrelationMatrix corr, PidTerms t, PidDims dims, int sampleCount, PidEstimate estimate,
        double i1, double i2, double i12)
    {
        double sourcesNats = DependencyLattice.MarkovSourceInformationNats(corr.Values, corr.Size, dims);
        // I_M(T; X1, X2) of the model with X1 ⟂ X2 given T; data processing in that model keeps it ≥ max(I1, I2).
        double markov = Math.Max(i1 + i2 - sourcesNats / Ln2, 0);
        if (estimate == PidEstimate.BiasCorrected)
            markov -= GaussianEntropyBias.MutualInformationBias(dims.Target, dims.X1 + dims.X2, sampleCount);
        markov = Math.Max(markov, Math.Max(i1, i2));
        // Every term of the max is ≤ min(I1, I2) and ≥ I1 + I2 − I12, so all four atoms are non-negative without clipping.
        double redundancy = Math.Max(0, Math.Max(i1 + i2 - markov, i1 + i2 - i12));
        string method = "closed-form I_dep" + (estimate == PidEstimate.BiasCorrected ? ", bias-corrected" : "");
        var diagnostics = new PidDiagnostics(corr.Ridge, t.ConditionEstimate, 0, true, 0, sampleCount, i1 + i2 - redundancy);
        // Max(0, ·) only removes rounding (an atom of -1e-17 printed as "-0"): the bounds above make every atom ≥ 0.
        return new PidResult(Math.Max(0, i1 - redundancy), Math.Max(0, i2 - redundancy), redundancy,
            Math.Max(0, i12 - i1 - i2 + redundancy), i1, i2, i12, method, diagnostics)
        {
            Measure = PidMeasure.Dep,
        };
    }

    static PidResult CommonChangeInSurprisal(CorrelationMatrix corr, PidTerms t, GaussianLocalTerms local, PidDims dims, int sampleCount,
        PidEstimate estimate, double i1, double i2, double i12, int draws, int seed)
    {
        var (redundancy, error) = CcsRedundancy.MonteCarlo(local, draws, seed);
        string method = "Monte Carlo I_ccs" + (estimate == PidEstimate.BiasCorrected ? ", bias-corrected" : "");
        var diagnostics = new PidDiagnostics(corr.Ridge, t.ConditionEstimate, 0, true, 0, sampleCount, i1 + i2 - redundancy);
        // Not clipped: I_ccs atoms can be slightly negative (and the Monte Carlo adds its own noise); the caller sees both.
        return new PidResult(i1 - redundancy, i2 - redundancy, redundancy, i12 - i1 - i2 + redundancy, i1, i2, i12, method, diagnostics)
        {
            Measure = PidMeasure.Ccs,
            MonteCarloError = error,
        };
    }

    /// <summary>
    /// Throws when the target is (partly) a deterministic function of the sources: the joint matrix then loses rank
    /// beyond what the target and source blocks lose on their own, and I(T; X1, X2) is unbounded.
    /// </summary>
    internal static void ThrowIfTargetDetermined(CorrelationMatrix corr, PidDims dims, string paramName) =>
        ThrowIfTargetDetermined(corr, dims.Target, "(X1, X2)", "both modalities", paramName);

    /// <summary>
    /// The rank test of <see cref="ThrowIfTargetDetermined(CorrelationMatrix, PidDims, string)"/> for a target in the first
    /// <paramref name="target"/> rows and every other row a source; <paramref name="sources"/> and <paramref name="allSources"/>
    /// name them in the message ("(X1, X2)", "both modalities").
    /// </summary>
    internal static void ThrowIfTargetDetermined(CorrelationMatrix corr, int target, string sources, string allSources, string paramName)
    {
        int[] targetIndex = DenseKernels.Range(0, target), sourceIndex = DenseKernels.Range(target, corr.Size - target), all = DenseKernels.Range(0, corr.Size);
        if (corr.Rank(all) < corr.Rank(targetIndex) + corr.Rank(sourceIndex))
            throw new ArgumentException(
                $"T is a deterministic function of {sources}: the information is unbounded (the target's variance given {allSources} " +
                "is zero to working precision, so no finite number of bits describes it); remove the target (or a " +
                "copy or combination of it) from the modalities, or model the measurement noise the target really has", paramName);
    }
}
