namespace PidReg.Information;

/// <summary>
/// The one maximum-entropy model of the Gaussian I_dep that is not a plain marginal information. On the dependency
/// lattice of (X1, X2, T) the edges that add the X1–T constraint gain, in I(T; X1, X2):
/// {X1}{X2}{T} → {X1T}{X2} and {X1X2}{T} → {X1X2}{X1T}: I(T; X1);
/// {X1}{X2T} → {X1T}{X2T}: I_M(T; X1, X2) − I(T; X2), with M the Gaussian in which X1 ⟂ X2 given T;
/// {X1X2}{X2T} → {X1X2}{X1T}{X2T}: I(T; X1 | X2), because a Gaussian is the maximum-entropy distribution with its
/// pairwise marginals, so the pairwise model is the full joint.
/// The smallest gain is the unique information of X1; with I_M(T; X1, X2) = I1 + I2 − I_M(X1; X2) the redundancy
/// I1 − U1 is max(0, I_M(X1; X2), I1 + I2 − I12), symmetric in the sources.
/// </summary>
internal static class DependencyLattice
{
    /// <summary>
    /// I_M(X1; X2) in nats: the sources' information in the Gaussian with the same source-target blocks and
    /// Σ_12 = Σ_1T Σ_TT⁻¹ Σ_T2 (conditional independence given T). NaN when a factor does not exist.
    /// </summary>
    public static double MarkovSourceInformationNats(double[] r, int p, PidDims dims)
    {
        int m = dims.Target, a = dims.X1, b = dims.X2, s = a + b;
        var lT = DenseKernels.Submatrix(r, p, DenseKernels.Range(0, m));
        if (!DenseKernels.TryCholesky(lT, m)) return double.NaN;
        // W = L_T⁻¹ Σ_T,(X1 X2) (m × s), column by column by forward substitution; then Σ_1T Σ_TT⁻¹ Σ_T2 = W_1ᵀ W_2.
        var w = new double[m * s];
        for (int j = 0; j < s; j++)
            for (int i = 0; i < m; i++)
            {
                double v = r[i * p + m + j];
                for (int k = 0; k < i; k++) v -= lT[i * m + k] * w[k * s + j];
                w[i * s + j] = v / lT[i * m + i];
            }
        var model = new double[s * s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                bool sameBlock = (i < a) == (j < a);
                if (sameBlock) { model[i * s + j] = r[(m + i) * p + m + j]; continue; }
                double v = 0;
                for (int k = 0; k < m; k++) v += w[k * s + i] * w[k * s + j];
                model[i * s + j] = v;
            }
        double ldX1 = DenseKernels.LogDetInPlace(DenseKernels.Submatrix(r, p, DenseKernels.Range(m, a)), a);
        double ldX2 = DenseKernels.LogDetInPlace(DenseKernels.Submatrix(r, p, DenseKernels.Range(m + a, b)), b);
        double ldModel = DenseKernels.LogDetInPlace(model, s);
        return 0.5 * (ldX1 + ldX2 - ldModel);
    }
}
