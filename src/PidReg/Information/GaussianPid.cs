namespace PidReg.Information;

/// <summary>
/// Partial information decomposition of a jointly Gaussian (T, X1, X2) under the ~I_union PID of
/// Venkatesh et al. (NeurIPS 2023). A scalar target uses the exact closed form (it equals the MMI PID, Barrett 2015):
/// R = min(I1, I2), the stronger modality's unique = |I1 − I2|, S = I12 − max(I1, I2). A vector target minimises the
/// union information numerically (<see cref="SolverTolerance"/>). All values in bits.
/// </summary>
public static class GaussianPid
{
    /// <summary>The solver stops when its certified optimality gap is below this (bits): well inside 1e-6 bits.</summary>
    public const double SolverTolerance = 1e-7;

    /// <summary>Iteration cap of the union solver; reaching it leaves <see cref="PidDiagnostics.Converged"/> false.</summary>
    public const int SolverMaxIterations = 20_000;

    const double Ln2 = 0.6931471805599453;

    /// <summary>PID of a population covariance (or a plug-in estimate of one).</summary>
    /// <param name="covariance">Symmetric positive (semi)definite, ordered [target, X1, X2]; finite; no zero variances.</param>
    /// <param name="dims">Block sizes; their sum must equal the side of <paramref name="covariance"/>.</param>
    /// <exception cref="ArgumentException">Bad shape, non-finite entries, asymmetry, zero variance, not PSD; the message names the problem.</exception>
    public static PidResult FromCovariance(double[,] covariance, PidDims dims) =>
        Compute(covariance, dims, 0, PidEstimate.PlugIn);

    /// <summary>PID of a sample covariance (normalised by n − 1) of <paramref name="sampleCount"/> samples.</summary>
    /// <param name="covariance">As in <see cref="FromCovariance"/>.</param>
    /// <param name="dims">Block sizes.</param>
    /// <param name="sampleCount">n; must exceed m + a + b.</param>
    /// <param name="estimate">Plug-in, or corrected for the finite-sample bias of each log-determinant (<see cref="GaussianEntropyBias"/>);
    /// the corrected information terms are clipped at 0 and I12 at max(I1, I2); for a vector target the union information
    /// is scaled by corrected/plug-in I12, as Venkatesh et al. do, and for a scalar target it is max of the corrected I1, I2.</param>
    public static PidResult FromSampleCovariance(double[,] covariance, PidDims dims, int sampleCount, PidEstimate estimate)
    {
        dims.Validate();
        if (sampleCount <= dims.Total)
            throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount,
                $"need more samples than dimensions (m + a + b = {dims.Total}) for a non-singular sample covariance");
        if (!Enum.IsDefined(estimate)) throw new ArgumentOutOfRangeException(nameof(estimate), estimate, "unknown estimate");
        return Compute(covariance, dims, sampleCount, estimate);
    }

    /// <summary>
    /// PID from samples (rows): optional target transform, standardisation, sample covariance, estimate, and
    /// optional bootstrap percentile intervals (<see cref="PidSampleOptions"/>).
    /// </summary>
    /// <param name="target">n × m target samples.</param>
    /// <param name="x1">n × a samples of the first modality.</param>
    /// <param name="x2">n × b samples of the second modality.</param>
    /// <param name="options">Settings; null = defaults.</param>
    /// <exception cref="ArgumentException">Row counts differ, n ≤ m + a + b, non-finite or constant columns; the message names block, row and column.</exception>
    public static PidResult FromSamples(double[,] target, double[,] x1, double[,] x2, PidSampleOptions? options = null) =>
        PidSampleEstimator.Estimate(target, x1, x2, (options ?? new PidSampleOptions()).Validate());

    internal static string Label(PidDims dims, int i) =>
        i < dims.Target ? $"target column {i}" : i < dims.Target + dims.X1 ? $"X1 column {i - dims.Target}" : $"X2 column {i - dims.Target - dims.X1}";

    // forceSolver: use the numerical solver even for a scalar target (tests compare it with the closed form).
    internal static PidResult Compute(double[,] covariance, PidDims dims, int sampleCount, PidEstimate estimate, bool forceSolver = false)
    {
        dims.Validate();
        ArgumentNullException.ThrowIfNull(covariance);
        if (covariance.GetLength(0) != dims.Total || covariance.GetLength(1) != dims.Total)
            throw new ArgumentException(
                $"covariance is {covariance.GetLength(0)}×{covariance.GetLength(1)} but dims {dims} need {dims.Total}×{dims.Total}", nameof(covariance));
        var corr = CorrelationMatrix.FromCovariance(covariance, nameof(covariance), i => Label(dims, i));
        PidTerms? terms = null;
        corr.EnsureFactorisable(v => (terms = PidTerms.TryCompute(v, dims.Total, dims)) is not null, nameof(covariance));
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
}
