using MathNet.Numerics.LinearAlgebra;

namespace PidReg.Information;

/// <summary>
/// The ~I_union of Venkatesh et al. (2023): the smallest I(T; X, Y) over jointly Gaussian couplings of X and Y
/// that keep the pairwise marginals (T, X) and (T, Y).
/// <para>
/// Two things make it fast. (1) Reduction: with T whitened and each channel's noise whitened, X = H_x T + n_x,
/// only the rank-≤m signal subspace of X matters (the other directions are noise independent of everything and a
/// minimiser leaves them uncoupled), and the problem depends on H_x only through Q_x = H_xᵀH_x. So a (3, 64, 64)
/// problem becomes a 3×3 one, with channels A_x, A_y (A_xᵀA_x = Q_x). (2) The objective
/// f(C) = ½ ln det(I + Hᵀ Σ(C)⁻¹ H), Σ(C) = [[I, C], [Cᵀ, I]], H = [A_x; A_y], is convex in the noise
/// cross-covariance C over the spectral-norm ball ‖C‖₂ ≤ 1 (mutual information is convex in the channel), so
/// projected gradient descent with Barzilai–Borwein steps and an Armijo backtracking line search converges, and the
/// Frank–Wolfe gap ⟨∇f, C⟩ + ‖∇f‖_* certifies how far f(C) is above the minimum.
/// </para>
/// </summary>
internal static class UnionInformationSolver
{
    /// <summary>Singular values of C are kept at most this: at 1 the noise covariance is singular.</summary>
    const double Radius = 1 - 1e-9;

    public readonly record struct Solution(double UnionNats, int Iterations, bool Converged, double GapNats);

    static readonly MatrixBuilder<double> M = Matrix<double>.Build;

    /// <summary>Solves from Σ_TT, Σ_{T|X}, Σ_{T|Y} (m×m row-major).</summary>
    public static Solution Solve(double[] covT, double[] covTGivenX, double[] covTGivenY, int m, double toleranceNats, int maxIterations)
    {
        var lt = M.Dense(m, m, (i, j) => covT[i * m + j]).Cholesky().Factor;
        var ax = ReducedChannel(lt, M.Dense(m, m, (i, j) => covTGivenX[i * m + j]));
        var ay = ReducedChannel(lt, M.Dense(m, m, (i, j) => covTGivenY[i * m + j]));
        return Solve(ax, ay, toleranceNats, maxIterations);
    }

    /// <summary>
    /// A with AᵀA = Q = L_Tᵀ Σ_{T|X}⁻¹ L_T − I: the posterior precision of the whitened target is I + Q.
    /// Directions with no signal are dropped.
    /// </summary>
    static Matrix<double> ReducedChannel(Matrix<double> lt, Matrix<double> covTGivenX)
    {
        var w = covTGivenX.Cholesky().Solve(lt); // Σ_{T|X}⁻¹ L_T
        var q = lt.TransposeThisAndMultiply(w) - M.DenseIdentity(lt.RowCount);
        q = 0.5 * (q + q.Transpose());
        var evd = q.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Real();
        double top = Math.Max(1.0, values.Maximum());
        var keep = Enumerable.Range(0, values.Count).Where(i => values[i] > 1e-13 * top).ToArray();
        return M.Dense(keep.Length, lt.RowCount, (r, c) => Math.Sqrt(values[keep[r]]) * evd.EigenVectors[c, keep[r]]);
    }

    public static Solution Solve(Matrix<double> ax, Matrix<double> ay, double toleranceNats, int maxIterations)
    {
        int kx = ax.RowCount, ky = ay.RowCount;
        var h = ax.Stack(ay);
        if (kx == 0 || ky == 0)
        {
            // One channel carries nothing: every coupling gives the other channel's information.
            var single = (M.DenseIdentity(h.ColumnCount) + h.TransposeThisAndMultiply(h)).Cholesky();
            return new Solution(0.5 * single.DeterminantLn, 0, true, 0);
        }

        var c = M.Dense(kx, ky);
        var (f, g) = Evaluate(c, h, kx, ky);
        double step = 1;
        double gap = double.PositiveInfinity;
        for (int it = 0; it < maxIterations; it++)
        {
            gap = g.PointwiseMultiply(c).Enumerate().Sum() + Radius * g.Svd(false).S.Sum();
            if (gap <= toleranceNats) return new Solution(f, it, true, Math.Max(gap, 0));

            Matrix<double> next;
            double fNext;
            Matrix<double> gNext;
            while (true)
            {
                next = Project(c - step * g);
                var d = next - c;
                (fNext, gNext) = Evaluate(next, h, kx, ky);
                double dd = d.PointwiseMultiply(d).Enumerate().Sum();
                // Armijo condition for projected steps (sufficient decrease against the local quadratic model).
                if (fNext <= f + g.PointwiseMultiply(d).Enumerate().Sum() + dd / (2 * step) + 1e-15 * Math.Abs(f)) break;
                step *= 0.5;
                if (step < 1e-14) return new Solution(f, it, gap <= toleranceNats, gap);
            }
            var s = next - c;
            var y = gNext - g;
            double sy = s.PointwiseMultiply(y).Enumerate().Sum();
            double ss = s.PointwiseMultiply(s).Enumerate().Sum();
            // Barzilai–Borwein step; convexity makes sy ≥ 0, and a flat direction just lets the step grow.
            step = sy > 1e-300 ? Math.Clamp(ss / sy, 1e-10, 1e10) : Math.Min(step * 4, 1e10);
            c = next;
            f = fNext;
            g = gNext;
        }
        return new Solution(f, maxIterations, false, gap);
    }

    static Matrix<double> Project(Matrix<double> c)
    {
        var svd = c.Svd(true);
        var s = svd.S;
        if (s.Maximum() <= Radius) return c;
        var clipped = M.Dense(c.RowCount, c.ColumnCount);
        for (int i = 0; i < s.Count; i++) clipped[i, i] = Math.Min(s[i], Radius);
        return svd.U * clipped * svd.VT;
    }

    /// <summary>f(C) in nats and its gradient G_xy, the X–Y block of −Σ⁻¹H(I + HᵀΣ⁻¹H)⁻¹HᵀΣ⁻¹. Infinite f outside the domain.</summary>
    static (double F, Matrix<double> G) Evaluate(Matrix<double> c, Matrix<double> h, int kx, int ky)
    {
        int k = kx + ky, m = h.ColumnCount;
        var sigma = M.DenseIdentity(k);
        sigma.SetSubMatrix(0, kx, c);
        sigma.SetSubMatrix(kx, 0, c.Transpose());
        var chol = TryCholesky(sigma);
        if (chol is null) return (double.PositiveInfinity, M.Dense(kx, ky));
        var kmat = chol.Solve(h); // Σ⁻¹H
        var inner = M.DenseIdentity(m) + h.TransposeThisAndMultiply(kmat);
        var innerChol = TryCholesky(inner);
        if (innerChol is null) return (double.PositiveInfinity, M.Dense(kx, ky));
        double f = 0.5 * innerChol.DeterminantLn;
        var grad = -(kmat * innerChol.Solve(kmat.Transpose()));
        return (f, grad.SubMatrix(0, kx, kx, ky));
    }

    static MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double>? TryCholesky(Matrix<double> a)
    {
        for (int i = 0; i < a.RowCount; i++) if (!(a[i, i] > 0)) return null;
        try { return a.Cholesky(); }
        catch (ArgumentException) { return null; }
    }
}
