namespace PidReg.Information;

/// <summary>
/// Closed-form local (pointwise) informations of a zero-mean Gaussian on the correlation scale, ordered [T, X1, X2]:
/// i(t; s) = ln p(t, s) − ln p(t) − ln p(s) for s = x1, x2 and (x1, x2), in nats. Each density needs the log-determinant
/// and the quadratic form of one block; Cholesky factors of [X1, T], [X2, T], [X1, X2, T] and [T] give all of them
/// (the source blocks are the leading pivots of the first three).
/// </summary>
internal sealed class GaussianLocalTerms
{
    readonly PidDims _dims;
    readonly double[] _fX1T, _fX2T, _fAll, _fT;
    readonly int[] _iX1T, _iX2T, _iAll, _iT;
    // ½ (ln det Σ_TS − ln det Σ_S − ln det Σ_T) for S = X1, X2, (X1, X2): the part of −i that does not depend on the row.
    readonly double _c1, _c2, _c12;

    GaussianLocalTerms(PidDims dims, double[] fX1T, double[] fX2T, double[] fAll, double[] fT, int[] iX1T, int[] iX2T, int[] iAll, int[] iT)
    {
        _dims = dims;
        (_fX1T, _fX2T, _fAll, _fT, _iX1T, _iX2T, _iAll, _iT) = (fX1T, fX2T, fAll, fT, iX1T, iX2T, iAll, iT);
        int m = dims.Target, a = dims.X1, b = dims.X2;
        double ldT = DenseKernels.LogDetFromCholesky(fT, m, m);
        _c1 = 0.5 * (DenseKernels.LogDetFromCholesky(fX1T, a + m, a + m) - DenseKernels.LogDetFromCholesky(fX1T, a + m, a) - ldT);
        _c2 = 0.5 * (DenseKernels.LogDetFromCholesky(fX2T, b + m, b + m) - DenseKernels.LogDetFromCholesky(fX2T, b + m, b) - ldT);
        _c12 = 0.5 * (DenseKernels.LogDetFromCholesky(fAll, dims.Total, dims.Total) - DenseKernels.LogDetFromCholesky(fAll, dims.Total, a + b) - ldT);
    }

    public PidDims Dims => _dims;

    /// <summary>Lower factor of [X1, X2, T] (row-major): draws v = L z are rows in that order.</summary>
    public ReadOnlySpan<double> JointFactor => _fAll;

    /// <summary>The factors of the row-major p×p correlation values <paramref name="r"/>, or null when one does not exist.</summary>
    public static GaussianLocalTerms? TryCreate(double[] r, PidDims dims)
    {
        int m = dims.Target, a = dims.X1, b = dims.X2, p = dims.Total;
        int[] t = DenseKernels.Range(0, m), x1 = DenseKernels.Range(m, a), x2 = DenseKernels.Range(m + a, b);
        int[] iX1T = [.. x1, .. t], iX2T = [.. x2, .. t], iAll = [.. x1, .. x2, .. t];
        var fX1T = DenseKernels.Submatrix(r, p, iX1T);
        var fX2T = DenseKernels.Submatrix(r, p, iX2T);
        var fAll = DenseKernels.Submatrix(r, p, iAll);
        var fT = DenseKernels.Submatrix(r, p, t);
        if (!DenseKernels.TryCholesky(fX1T, a + m) || !DenseKernels.TryCholesky(fX2T, b + m)
            || !DenseKernels.TryCholesky(fAll, p) || !DenseKernels.TryCholesky(fT, m)) return null;
        return new GaussianLocalTerms(dims, fX1T, fX2T, fAll, fT, iX1T, iX2T, iAll, t);
    }

    /// <summary>
    /// Local informations (nats) of one row on the correlation scale, ordered [T, X1, X2];
    /// <paramref name="work"/> needs p entries.
    /// </summary>
    public (double I1, double I2, double I12) Evaluate(ReadOnlySpan<double> row, Span<double> work)
    {
        int m = _dims.Target, a = _dims.X1, b = _dims.X2;
        var (qX1, qX1T) = Quadratic(_fX1T, _iX1T, a, row, work);
        var (qX2, qX2T) = Quadratic(_fX2T, _iX2T, b, row, work);
        var (qX12, qAll) = Quadratic(_fAll, _iAll, a + b, row, work);
        var (_, qT) = Quadratic(_fT, _iT, 0, row, work);
        // ln p(t, s) − ln p(t) − ln p(s) = −c − ½ (q_TS − q_S − q_T); the 2π factors cancel because dimensions add up.
        return (-_c1 - 0.5 * (qX1T - qX1 - qT), -_c2 - 0.5 * (qX2T - qX2 - qT), -_c12 - 0.5 * (qAll - qX12 - qT));
    }

    /// <summary>
    /// ‖L⁻¹ v‖² over the leading <paramref name="prefix"/> entries and over all of v = row[index], by forward substitution:
    /// the leading entries of L⁻¹ v depend only on the leading block, so one pass gives both quadratic forms.
    /// </summary>
    static (double Prefix, double All) Quadratic(double[] l, int[] index, int prefix, ReadOnlySpan<double> row, Span<double> w)
    {
        int k = index.Length;
        double prefixSum = 0, sum = 0;
        for (int i = 0; i < k; i++)
        {
            var li = l.AsSpan(i * k, i);
            double wi = (row[index[i]] - DenseKernels.Dot(li, w[..i])) / l[i * k + i];
            w[i] = wi;
            sum += wi * wi;
            if (i == prefix - 1) prefixSum = sum;
        }
        return (prefixSum, sum);
    }
}
