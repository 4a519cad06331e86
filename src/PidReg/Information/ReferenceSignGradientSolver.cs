using MathNet.Numerics.LinearAlgebra;

namespace PidReg.Information;

/// <summary>
/// A straightforward port of the reference's ~I_union minimiser (Venkatesh et al.'s gpid, used by PIDReg): Rprop-style
/// sign-gradient descent on the full noise cross-covariance Σ (dx × dy), with an eigenvalue-clipping projection,
/// a decaying learning rate, and a stop when 20 successive objectives agree to 1e-6 bits (at most 10,000 steps).
/// Used only by <c>pidreg bench pid</c> (to measure the speed-up of <see cref="UnionInformationSolver"/>) and by tests
/// (as an independent check of its answers). Not part of the public API.
/// </summary>
internal static class ReferenceSignGradientSolver
{
    const double Reg = 1e-7;
    static readonly MatrixBuilder<double> M = Matrix<double>.Build;

    public readonly record struct Result(double UnionBits, int Iterations);

    /// <summary>Whitens the covariance as the reference does and minimises. Returns the union information in bits.</summary>
    public static Result Solve(double[,] covariance, PidDims dims)
    {
        int m = dims.Target, dx = dims.X1, dy = dims.X2;
        var cov = M.DenseOfArray(covariance);
        var sigM = cov.SubMatrix(0, m, 0, m);
        var sigXM = cov.SubMatrix(m, dx, 0, m);
        var sigYM = cov.SubMatrix(m + dx, dy, 0, m);
        var mInvSqrt = InverseSqrt(sigM);
        // Whitened target: channel gains become Σ_XM Σ_M^{-1/2}; then whiten each channel's noise.
        var hx0 = sigXM * mInvSqrt;
        var hy0 = sigYM * mInvSqrt;
        var sigX = cov.SubMatrix(m, dx, m, dx) - hx0 * hx0.Transpose();
        var sigY = cov.SubMatrix(m + dx, dy, m + dx, dy) - hy0 * hy0.Transpose();
        var hx = InverseSqrt(sigX) * hx0;
        var hy = InverseSqrt(sigY) * hy0;
        return Minimise(hx, hy);
    }

    static Matrix<double> InverseSqrt(Matrix<double> a)
    {
        var evd = a.Evd(Symmetricity.Symmetric);
        var d = M.DenseDiagonal(a.RowCount, a.RowCount, i => 1 / Math.Sqrt(evd.EigenValues[i].Real));
        return evd.EigenVectors * d * evd.EigenVectors.Transpose();
    }

    static Matrix<double> Sqrt(Matrix<double> a)
    {
        var evd = a.Evd(Symmetricity.Symmetric);
        var d = M.DenseDiagonal(a.RowCount, a.RowCount, i => Math.Sqrt(Math.Max(evd.EigenValues[i].Real, 0)));
        return evd.EigenVectors * d * evd.EigenVectors.Transpose();
    }

    static double Objective(Matrix<double> sig, Matrix<double> hx, Matrix<double> hy)
    {
        int dx = hx.RowCount, dm = hx.ColumnCount;
        var s = (1 + Reg) * M.DenseIdentity(dx) - sig * sig.Transpose();
        var b = hx - sig * hy;
        var inner = M.DenseIdentity(dm) + hy.TransposeThisAndMultiply(hy) + b.TransposeThisAndMultiply(s.Solve(b));
        return 0.5 / Math.Log(2) * inner.Cholesky().DeterminantLn;
    }

    static Matrix<double> Gradient(Matrix<double> sig, Matrix<double> hx, Matrix<double> hy)
    {
        int dx = hx.RowCount, dm = hx.ColumnCount;
        var s = (1 + Reg) * M.DenseIdentity(dx) - sig * sig.Transpose();
        var b = hx - sig * hy;
        var sInvB = s.Solve(b);
        var inner = M.DenseIdentity(dm) + hy.TransposeThisAndMultiply(hy) + b.TransposeThisAndMultiply(sInvB);
        return sInvB * inner.Solve(sInvB.TransposeThisAndMultiply(sig) - hy.Transpose());
    }

    static Matrix<double> Project(Matrix<double> sig)
    {
        int dx = sig.RowCount, dy = sig.ColumnCount;
        var block = Block(sig);
        var evd = block.Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Real();
        if (lambda.Minimum() > 0) return sig;
        var v = evd.EigenVectors;
        var clipped = v * M.DenseDiagonal(dx + dy, dx + dy, i => Math.Max(lambda[i], 0)) * v.Transpose();
        var covX = clipped.SubMatrix(0, dx, 0, dx);
        var covY = clipped.SubMatrix(dx, dy, dx, dy);
        var covXY = clipped.SubMatrix(0, dx, dx, dy);
        var sqrtX = Sqrt(covX);
        var sqrtY = Sqrt(covY);
        var projected = sig;
        for (double reg = 1e-12; reg < 1.1; reg *= 10)
        {
            var inner = (reg * M.DenseIdentity(dy) + sqrtY).Solve(covXY.Transpose()).Transpose();
            projected = (reg * M.DenseIdentity(dx) + sqrtX).Solve(inner);
            if (Block(projected).Evd(Symmetricity.Symmetric).EigenValues.Real().Minimum() > 0) break;
        }
        return projected;
    }

    static Matrix<double> Block(Matrix<double> sig)
    {
        int dx = sig.RowCount, dy = sig.ColumnCount;
        var block = M.DenseIdentity(dx + dy);
        block.SetSubMatrix(0, dx, sig);
        block.SetSubMatrix(dx, 0, sig.Transpose());
        return block;
    }

    static Result Minimise(Matrix<double> hx, Matrix<double> hy)
    {
        const double beta = 0.9, alpha = 0.999, stopThreshold = 1e-6;
        const int maxIterations = 10_000, patience = 20;
        int dx = hx.RowCount, dy = hy.RowCount;
        var sig = Project(hx * hy.PseudoInverse());
        var eta = M.Dense(dx, dy, 1e-3);
        Matrix<double>? previousSign = null;
        var objectives = new List<double>();
        double best = double.PositiveInfinity;
        Matrix<double> bestSig = sig;
        int i = 1;
        while (true)
        {
            double obj = Objective(sig, hx, hy);
            if (obj < best)
            {
                best = obj;
                bestSig = sig;
            }
            if (objectives.Count >= patience
                && (objectives.Skip(objectives.Count - patience).All(o => Math.Abs(o - obj) < stopThreshold) || i >= maxIterations))
                break;
            objectives.Add(double.IsNaN(obj) ? double.PositiveInfinity : obj);
            i++;
            var sign = Gradient(sig, hx, hy).Map(g => (double)Math.Sign(g));
            var step = Math.Pow(alpha, i);
            sig = Project(sig - step * eta.PointwiseMultiply(sign));
            if (previousSign is not null)
            {
                // Rprop: shrink the rate where the sign flipped, grow it where it held.
                var changed = -sign.PointwiseMultiply(previousSign);
                eta = eta.PointwiseMultiply(changed.Map(c => Math.Pow(beta, c)));
            }
            previousSign = sign;
        }
        return new Result(Objective(bestSig, hx, hy), i);
    }
}
