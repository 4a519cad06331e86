using System.Globalization;

namespace PidReg.Information;

/// <summary>
/// Per-row (local) information terms of a sample under a jointly Gaussian model of (T, X1, X2), in closed form:
/// i(t; s) = log2 p(t | s) / p(t) for s = x1, x2, (x1, x2), and the local I_ccs redundancy of each row
/// (<see cref="LocalPid"/>). Their averages over rows drawn from the model are the global I(T; X1), I(T; X2),
/// I(T; X1, X2) and the I_ccs redundancy of <see cref="GaussianPid"/>, so they say which rows a global atom comes from.
/// </summary>
public static class LocalInformation
{
    const double Ln2 = 0.6931471805599453;

    /// <summary>
    /// Local terms of rows on the scale of a fitted covariance: the model is N(0, <paramref name="covariance"/>), so the
    /// rows must be centred the way the covariance was (for example both standardised on the training sample).
    /// </summary>
    /// <param name="covariance">Fitted covariance ordered [target, X1, X2], (m + a + b) square, as in <see cref="GaussianPid.FromCovariance"/>.</param>
    /// <param name="target">n × m rows of the target (n ≥ 1).</param>
    /// <param name="x1">n × a rows of the first modality.</param>
    /// <param name="x2">n × b rows of the second modality.</param>
    /// <exception cref="ArgumentException">Misaligned or empty blocks, widths that do not match the covariance, non-finite
    /// values, a bad covariance or one in which the target is a deterministic function of the sources.</exception>
    public static LocalPid Evaluate(double[,] covariance, double[,] target, double[,] x1, double[,] x2)
    {
        int n = PidSampleEstimator.CheckAligned(target, x1, x2);
        ArgumentNullException.ThrowIfNull(covariance);
        var dims = new PidDims(target.GetLength(1), x1.GetLength(1), x2.GetLength(1));
        if (n == 0) throw new ArgumentException("no rows to evaluate: give at least one row of (target, X1, X2)", nameof(target));
        if (dims.Target < 1 || dims.X1 < 1 || dims.X2 < 1)
            throw new ArgumentException($"every block needs at least one column, got target {dims.Target}, X1 {dims.X1}, X2 {dims.X2}");
        if (covariance.GetLength(0) != dims.Total || covariance.GetLength(1) != dims.Total)
            throw new ArgumentException(
                $"covariance is {covariance.GetLength(0)}×{covariance.GetLength(1)} but the blocks are {dims} wide, so it must be {dims.Total}×{dims.Total} ordered [target, X1, X2]",
                nameof(covariance));
        var rows = new double[n * dims.Total];
        int col = 0;
        foreach (var (block, name) in new[] { (target, "target"), (x1, "X1"), (x2, "X2") })
            for (int j = 0; j < block.GetLength(1); j++, col++)
            {
                // The local terms are invariant to rescaling each variable, so the rows move to the correlation scale.
                double sd = Math.Sqrt(covariance[col, col]);
                for (int i = 0; i < n; i++)
                {
                    double v = block[i, j];
                    if (!double.IsFinite(v))
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} row {i}, column {j} is {v}; every value must be finite"), name == "target" ? "target" : name.ToLowerInvariant());
                    rows[i * dims.Total + col] = v / sd;
                }
            }
        return EvaluateScaled(covariance, dims, rows, n);
    }

    /// <summary>
    /// Fits the Gaussian to the same rows and evaluates them: each target column transformed, every column standardised,
    /// the sample covariance (n − 1) as the model. The averages then match the plug-in PID of these rows.
    /// </summary>
    /// <param name="target">n × m target samples.</param>
    /// <param name="x1">n × a samples of the first modality.</param>
    /// <param name="x2">n × b samples of the second modality.</param>
    /// <param name="transform">Target transform before standardising; default <see cref="TargetTransform.InverseNormal"/>,
    /// as in <see cref="PidSampleOptions.TargetTransform"/>.</param>
    /// <exception cref="ArgumentException">As <see cref="GaussianPid.FromSamples"/>.</exception>
    public static LocalPid FromSamples(double[,] target, double[,] x1, double[,] x2, TargetTransform transform = TargetTransform.InverseNormal)
    {
        int n = PidSampleEstimator.CheckAligned(target, x1, x2);
        var dims = new PidDims(target.GetLength(1), x1.GetLength(1), x2.GetLength(1));
        if (dims.Target < 1 || dims.X1 < 1 || dims.X2 < 1)
            throw new ArgumentException($"every block needs at least one column, got target {dims.Target}, X1 {dims.X1}, X2 {dims.X2}");
        if (n <= dims.Total)
            throw new ArgumentException($"{n} rows but m + a + b = {dims.Total} dimensions: need more samples than dimensions to fit the Gaussian (reduce dimensions or add rows)");
        if (!Enum.IsDefined(transform)) throw new ArgumentOutOfRangeException(nameof(transform), transform, "unknown target transform");
        PidReg.Data.InputValidation.CheckMatrix(target, "target", eachColumnNonConstant: true);
        PidReg.Data.InputValidation.CheckMatrix(x1, "X1", eachColumnNonConstant: true);
        PidReg.Data.InputValidation.CheckMatrix(x2, "X2", eachColumnNonConstant: true);
        var z = PidSampleEstimator.Standardise(target, x1, x2, dims, Enumerable.Range(0, n).ToArray(), transform, throwOnConstant: true)!;
        return EvaluateScaled(PidSampleEstimator.Covariance(z, n, dims.Total), dims, z, n);
    }

    /// <summary><paramref name="rows"/>: row-major n × p on the correlation scale of <paramref name="covariance"/>.</summary>
    static LocalPid EvaluateScaled(double[,] covariance, PidDims dims, double[] rows, int n)
    {
        var corr = CorrelationMatrix.FromCovariance(covariance, nameof(covariance), i => GaussianPid.Label(dims, i));
        GaussianLocalTerms? terms = null;
        corr.EnsureFactorisable(v => (terms = GaussianLocalTerms.TryCreate(v, dims)) is not null, nameof(covariance),
            () => GaussianPid.ThrowIfTargetDetermined(corr, dims, nameof(covariance)));
        int p = dims.Total;
        double[] i1 = new double[n], i2 = new double[n], i12 = new double[n], r = new double[n];
        var work = new double[p];
        for (int k = 0; k < n; k++)
        {
            var (a, b, c) = terms!.Evaluate(rows.AsSpan(k * p, p), work);
            (i1[k], i2[k], i12[k]) = (a / Ln2, b / Ln2, c / Ln2);
            r[k] = CcsRedundancy.Local(i1[k], i2[k], i12[k]);
        }
        return new LocalPid(i1, i2, i12, r, corr.Ridge);
    }
}
