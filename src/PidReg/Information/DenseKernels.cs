using System.Numerics;
using System.Runtime.InteropServices;

namespace PidReg.Information;

/// <summary>
/// The few dense kernels the information engine needs, on row-major spans: a hand-written Cholesky keeps
/// the (1, 64, 64) closed form well under a millisecond, which a general matrix library's allocations do not.
/// </summary>
internal static class DenseKernels
{
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
            var acc = Vector<double>.Zero;
            for (int k = 0; k < vx.Length; k++) acc += vx[k] * vy[k];
            sum = Vector.Sum(acc);
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < n; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>
    /// In-place lower Cholesky of the row-major n×n matrix in <paramref name="a"/> (lower triangle read and
    /// overwritten). Returns false at the first pivot that is not clearly positive: a squared pivot below 1e-12 of
    /// its diagonal entry means the matrix is singular to working precision, and the log-determinants built on it
    /// would be rounding noise, so the caller adds a ridge instead.
    /// </summary>
    public static bool TryCholesky(Span<double> a, int n)
    {
        for (int i = 0; i < n; i++)
        {
            var rowI = a.Slice(i * n, n);
            for (int j = 0; j < i; j++)
            {
                var rowJ = a.Slice(j * n, j);
                rowI[j] = (rowI[j] - Dot(rowI[..j], rowJ)) / a[j * n + j];
            }
            double d = rowI[i] - Dot(rowI[..i], rowI[..i]);
            if (!(d > 1e-12 * rowI[i]) || double.IsInfinity(d)) return false;
            rowI[i] = Math.Sqrt(d);
        }
        return true;
    }

    /// <summary>ln det of A from its Cholesky factor L: 2 Σ ln L_ii over the leading <paramref name="count"/> pivots.</summary>
    public static double LogDetFromCholesky(ReadOnlySpan<double> l, int n, int count)
    {
        double s = 0;
        for (int i = 0; i < count; i++) s += Math.Log(l[i * n + i]);
        return 2 * s;
    }

    /// <summary>Copies the principal submatrix on <paramref name="index"/> of the row-major n×n matrix.</summary>
    public static double[] Submatrix(ReadOnlySpan<double> a, int n, ReadOnlySpan<int> index)
    {
        int k = index.Length;
        var s = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            int ri = index[i] * n;
            for (int j = 0; j < k; j++) s[i * k + j] = a[ri + index[j]];
        }
        return s;
    }

    /// <summary>ln det of a symmetric positive definite row-major k×k matrix (destroyed), or NaN when Cholesky fails.</summary>
    public static double LogDetInPlace(Span<double> a, int k) =>
        TryCholesky(a, k) ? LogDetFromCholesky(a, k, k) : double.NaN;

    public static int[] Range(int start, int count) => Enumerable.Range(start, count).ToArray();
}
