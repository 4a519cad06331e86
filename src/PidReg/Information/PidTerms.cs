namespace PidReg.Information;

/// <summary>
/// The log-determinants (nats) behind the three mutual informations of a PID, from two Cholesky factorisations:
/// [X1, X2, T] gives ln det of X1, (X1, X2), all, and Σ_{T|X1}; [X2, T] gives X2 and Σ_{T|X2}.
/// </summary>
internal sealed class PidTerms
{
    public required double LogDetT, LogDetX1, LogDetX2, LogDetTX1, LogDetTX2, LogDetX1X2, LogDetAll;
    /// <summary>Σ_TT, Σ_{T|X1}, Σ_{T|X2} (m×m, row-major): what the union solver needs.</summary>
    public required double[] CovT, CovTGivenX1, CovTGivenX2;
    public required double ConditionEstimate;

    public double MiX1Nats => 0.5 * (LogDetT + LogDetX1 - LogDetTX1);
    public double MiX2Nats => 0.5 * (LogDetT + LogDetX2 - LogDetTX2);
    public double MiJointNats => 0.5 * (LogDetT + LogDetX1X2 - LogDetAll);

    /// <summary>Null when a factorisation fails (the caller adds a ridge and retries).</summary>
    public static PidTerms? TryCompute(double[] r, int p, PidDims dims)
    {
        int m = dims.Target, a = dims.X1, b = dims.X2;
        int[] t = DenseKernels.Range(0, m), x1 = DenseKernels.Range(m, a), x2 = DenseKernels.Range(m + a, b);

        var full = DenseKernels.Submatrix(r, p, [.. x1, .. x2, .. t]);
        if (!DenseKernels.TryCholesky(full, p)) return null;
        var covT = DenseKernels.Submatrix(r, p, t);
        var tGivenX1 = SchurFromFactor(full, p, a + b, m, a, covT);

        var second = DenseKernels.Submatrix(r, p, [.. x2, .. t]);
        if (!DenseKernels.TryCholesky(second, b + m)) return null;
        var tGivenX2 = SchurFromFactor(second, b + m, b, m, b, covT);

        double ldT = DenseKernels.LogDetInPlace((double[])covT.Clone(), m);
        double ldT1 = DenseKernels.LogDetInPlace((double[])tGivenX1.Clone(), m);
        double ldT2 = DenseKernels.LogDetInPlace((double[])tGivenX2.Clone(), m);
        if (double.IsNaN(ldT) || double.IsNaN(ldT1) || double.IsNaN(ldT2)) return null;

        double lo = double.PositiveInfinity, hi = 0;
        for (int i = 0; i < p; i++)
        {
            double d = full[i * p + i];
            lo = Math.Min(lo, d);
            hi = Math.Max(hi, d);
        }
        double ldX1 = DenseKernels.LogDetFromCholesky(full, p, a), ldX2 = DenseKernels.LogDetFromCholesky(second, b + m, b);
        return new PidTerms
        {
            LogDetT = ldT,
            LogDetX1 = ldX1,
            LogDetX2 = ldX2,
            LogDetTX1 = ldX1 + ldT1,
            LogDetTX2 = ldX2 + ldT2,
            LogDetX1X2 = DenseKernels.LogDetFromCholesky(full, p, a + b),
            LogDetAll = DenseKernels.LogDetFromCholesky(full, p, p),
            CovT = covT,
            CovTGivenX1 = tGivenX1,
            CovTGivenX2 = tGivenX2,
            ConditionEstimate = hi * hi / (lo * lo),
        };
    }

    /// <summary>
    /// Σ_{T|A} = Σ_TT − L_TA L_TAᵀ, where L_TA is the block of the factor <paramref name="l"/> in the m target rows
    /// (starting at <paramref name="targetRow"/>) and the first <paramref name="width"/> columns (the block A).
    /// </summary>
    static double[] SchurFromFactor(double[] l, int n, int targetRow, int m, int width, double[] covT)
    {
        var s = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            var li = l.AsSpan((targetRow + i) * n, width);
            for (int j = 0; j <= i; j++)
            {
                var lj = l.AsSpan((targetRow + j) * n, width);
                s[i * m + j] = s[j * m + i] = covT[i * m + j] - DenseKernels.Dot(li, lj);
            }
        }
        return s;
    }
}
