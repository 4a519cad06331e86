namespace PidReg.Information;

/// <summary>How a <see cref="PidResult"/> was computed and how trustworthy the numerics were.</summary>
/// <param name="Ridge">Ridge added to the diagonal of the correlation matrix so its Cholesky succeeds (0 when none was needed).</param>
/// <param name="ConditionEstimate">Squared ratio of the largest to the smallest Cholesky pivot of the correlation matrix: a cheap lower bound of its condition number.</param>
/// <param name="SolverIterations">Iterations of the union-information solver (0 for the closed forms and I_ccs).</param>
/// <param name="Converged">True when the solver certified its optimality gap below <see cref="GaussianPid.SolverTolerance"/> (always true for the closed form).</param>
/// <param name="OptimalityGap">Certified upper bound (bits) on how far the union information is above its minimum (0 for the closed form).</param>
/// <param name="SampleCount">Samples behind the covariance (0 for a population covariance).</param>
/// <param name="UnionInformation">The union information I∪ = I1 + I2 − R in bits; for MMI after clamping to [max(I1, I2), min(I1 + I2, I12)].</param>
public sealed record PidDiagnostics(
    double Ridge, double ConditionEstimate, int SolverIterations, bool Converged, double OptimalityGap,
    int SampleCount, double UnionInformation)
{
    /// <summary>Key numbers, invariant culture.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"ridge={Ridge:G3} condition≥{ConditionEstimate:G3} iterations={SolverIterations} converged={Converged} gap={OptimalityGap:G3} n={SampleCount} union={UnionInformation:0.######}");
}
