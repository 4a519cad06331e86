using PidReg.Information;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Model;

/// <summary>
/// The per-batch PID of the latents (paper step 4): covariance of [y′, standardised Z1, standardised Z2] in float64,
/// a small diagonal jitter until Cholesky succeeds, then <see cref="GaussianPid"/>. Everything here is detached.
/// </summary>
public static class BatchPid
{
    /// <summary>The jitter starts at this fraction of the mean variance and grows ×10 up to <see cref="MaxJitter"/>.</summary>
    public const double FirstJitter = 1e-10, MaxJitter = 1e-2;

    /// <summary>
    /// y′: each target column transformed within the batch, (B, t) float64. The default is the rank-based inverse
    /// normal transform; <see cref="TargetTransform.ReferenceBlend"/> is the reference's blend; None standardises.
    /// </summary>
    public static Tensor TransformTarget(Tensor target, TargetTransform transform = TargetTransform.InverseNormal)
    {
        using var _ = no_grad();
        var columns = target.detach().to_type(ScalarType.Float64).cpu();  // (B, t)
        long rows = columns.shape[0], cols = columns.shape[1];
        var values = columns.data<double>().ToArray();
        var transformed = new double[rows * cols];
        var column = new double[rows];
        for (long j = 0; j < cols; j++)
        {
            for (long i = 0; i < rows; i++) column[i] = values[i * cols + j];
            var z = TransformColumn(column, transform);
            for (long i = 0; i < rows; i++) transformed[i * cols + j] = z[i];
        }
        return tensor(transformed, [rows, cols], dtype: ScalarType.Float64, device: target.device);  // (B, t)
    }

    /// <summary>
    /// Atoms (bits) of y′ (B, t) and the latents z1, z2 (B, d). <see cref="PidEstimate.BiasCorrected"/> needs
    /// B &gt; t + 2d; <see cref="PidEstimate.PlugIn"/> works for any B ≥ 2 (the jitter makes a singular covariance usable).
    /// </summary>
    public static PidAtoms Estimate(Tensor yPrime, Tensor z1, Tensor z2, PidEstimate estimate)
    {
        var result = Compute(yPrime, z1, z2, estimate);
        return new PidAtoms(result.UniqueX1, result.UniqueX2, result.Redundancy, result.Synergy, result.MiX1, result.MiX2);
    }

    /// <summary>The decomposition behind <see cref="Estimate"/>, with the joint information and diagnostics.</summary>
    internal static PidResult Compute(Tensor yPrime, Tensor z1, Tensor z2, PidEstimate estimate)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        int rows = checked((int)yPrime.shape[0]);
        var dims = new PidDims(checked((int)yPrime.shape[1]), checked((int)z1.shape[1]), checked((int)z2.shape[1]));
        var covariance = JitteredCovariance(yPrime, [z1, z2]);
        if (estimate != PidEstimate.PlugIn && rows <= dims.Total)
            throw new ArgumentOutOfRangeException(nameof(yPrime), rows,
                $"the bias-corrected batch PID needs more rows than dimensions (m + a + b = {dims.Total}): use larger batches or the plug-in estimate");
        return GaussianPid.Compute(covariance, dims, estimate == PidEstimate.PlugIn ? 0 : rows, estimate, jittered: true);
    }

    /// <summary>
    /// The covariance of [y′, standardised Z_1, …, standardised Z_M] (float64, normalised by B − 1), with the jitter that makes
    /// its Cholesky factor exist. The caller holds no_grad and a dispose scope.
    /// </summary>
    internal static double[,] JitteredCovariance(Tensor yPrime, IReadOnlyList<Tensor> latents)
    {
        var (covariance, _) = Jittered([yPrime.to_type(ScalarType.Float64), .. latents.Select(Standardize)], "[y', " + Names(latents) + "]");
        long p = covariance.shape[0];
        var result = new double[p, p];
        var flat = covariance.contiguous().data<double>().ToArray();
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }

    /// <summary>
    /// The lower Cholesky factor (p, p) of the same jittered covariance with the target last, [standardised Z_1, …,
    /// standardised Z_M, y′], for a caller that needs the factor itself: its leading blocks factor the leading blocks
    /// of the covariance. The caller holds no_grad and a dispose scope.
    /// </summary>
    internal static Tensor JitteredFactorTargetLast(Tensor yPrime, IReadOnlyList<Tensor> latents) =>
        Jittered([.. latents.Select(Standardize), yPrime.to_type(ScalarType.Float64)], "[" + Names(latents) + ", y']").Factor;

    static string Names(IReadOnlyList<Tensor> latents) => string.Join(", ", latents.Select((_, i) => $"Z{i + 1}"));

    /// <summary>One target column after <paramref name="transform"/> (None standardises it): the rule the batch PID and the per-row explanations share.</summary>
    internal static double[] TransformColumn(double[] column, TargetTransform transform) => transform switch
    {
        TargetTransform.InverseNormal => InverseNormalTransform.Apply(column),
        TargetTransform.ReferenceBlend => InverseNormalTransform.ApplyBlended(column),
        TargetTransform.None => Standardized(column),
        _ => throw new ArgumentOutOfRangeException(nameof(transform), transform, "unknown target transform"),
    };

    static double[] Standardized(double[] column)
    {
        double mean = column.Average();
        double sd = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, column.Length - 1));
        return column.Select(v => sd > 0 ? (v - mean) / sd : 0).ToArray();
    }

    static Tensor Standardize(Tensor z)
    {
        var x = z.detach().to_type(ScalarType.Float64);                                            // (B, d)
        return (x - x.mean([0], keepdim: true)).div_(x.std(0, keepdim: true).clamp_min_(MinSd));  // (B, d)
    }

    // Kept alive for the whole process (see PidReg.Regularizers.KernelMath.Zero).
    static readonly Scalar MinSd = 1e-12.ToScalar();

    // The covariance of the columns side by side and its Cholesky factor, with the smallest jitter that makes the factor exist.
    static (Tensor Covariance, Tensor Factor) Jittered(Tensor[] columns, string blocks)
    {
        var joint = cat(columns, 1).cpu();                                   // (B, p)
        long rows = joint.shape[0], p = joint.shape[1];
        var centered = joint - joint.mean([0], keepdim: true);               // (B, p)
        using var divisor = ((double)(rows - 1)).ToScalar();  // kept alive (see PidReg.Regularizers.KernelMath.Zero)
        var covariance = centered.t().mm(centered).div_(divisor);            // (p, p)
        var candidate = covariance;
        // The scale is read only when a batch needs jitter (rare): the usual batch does one Cholesky.
        double scale = double.NaN;
        for (double jitter = FirstJitter; ; jitter *= 10)
        {
            var (factor, info) = linalg.cholesky_ex(candidate);
            if (info.item<int>() == 0) return (candidate, factor);
            if (jitter > MaxJitter)
                throw new InvalidOperationException(
                    $"BatchPid: the batch covariance of {blocks} ({p}×{p}) stays singular even with jitter {MaxJitter:g} × mean variance; the latents are degenerate (NaN or constant).");
            if (double.IsNaN(scale)) scale = Math.Max(covariance.diagonal().mean().item<double>(), 1e-12);
            using var ridge = (jitter * scale).ToScalar();
            candidate = covariance + eye(p, dtype: ScalarType.Float64, device: covariance.device).mul_(ridge);
        }
    }
}
