using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace PidReg.Information;

/// <summary>
/// A validated covariance rescaled to unit diagonal (information is scale-free and the correlation scale keeps
/// Cholesky well conditioned), with the smallest ridge that makes its Cholesky factor exist.
/// </summary>
internal sealed class CorrelationMatrix
{
    /// <summary>Largest ridge accepted before the matrix is declared unusable.</summary>
    const double MaxRidge = 1e-3;

    readonly double[] _base;

    public int Size { get; }
    public double[] Values { get; private set; }
    public double Ridge { get; private set; }

    CorrelationMatrix(double[] values, int size)
    {
        _base = values;
        Values = values;
        Size = size;
    }

    /// <summary>Validates and rescales. <paramref name="label"/> names variable i in messages (e.g. "X1 column 3").</summary>
    public static CorrelationMatrix FromCovariance(double[,] covariance, string paramName, Func<int, string> label)
    {
        ArgumentNullException.ThrowIfNull(covariance, paramName);
        int n = covariance.GetLength(0);
        if (n != covariance.GetLength(1))
            throw new ArgumentException($"covariance must be square, got {n}×{covariance.GetLength(1)}", paramName);
        if (n == 0) throw new ArgumentException("covariance is empty", paramName);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (!double.IsFinite(covariance[i, j]))
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"covariance entry [{i},{j}] ({label(i)} with {label(j)}) is {covariance[i, j]}; every entry must be finite"), paramName);
        var sd = new double[n];
        for (int i = 0; i < n; i++)
        {
            double v = covariance[i, i];
            if (!(v > 0))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{label(i)} has variance {v}: a constant (or invalid) variable carries no information; drop it"), paramName);
            sd[i] = Math.Sqrt(v);
        }
        var r = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double a = covariance[i, j], b = covariance[j, i];
                // Relative to the entry scale: a covariance written to CSV with ~15 digits must still pass.
                if (Math.Abs(a - b) > 1e-8 * sd[i] * sd[j])
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"covariance is not symmetric: [{i},{j}] = {a} but [{j},{i}] = {b}"), paramName);
                r[i * n + j] = i == j ? 1.0 : 0.5 * (a + b) / (sd[i] * sd[j]);
            }
        return new CorrelationMatrix(r, n);
    }

    /// <summary>
    /// Numerical rank of the principal submatrix on <paramref name="index"/> of the unregularised correlation matrix:
    /// eigenvalues above 1e-12 of the block's size count. That is the scale at which <see cref="DenseKernels.TryCholesky"/>
    /// declares a pivot singular, so a rank deficit here is what made the factorisation fail.
    /// </summary>
    public int Rank(int[] index)
    {
        var block = DenseKernels.Submatrix(_base, Size, index);
        int k = index.Length;
        var evd = Matrix<double>.Build.Dense(k, k, (i, j) => block[i * k + j]).Evd(Symmetricity.Symmetric);
        return evd.EigenValues.Real().Count(e => e > 1e-12 * k);
    }

    /// <summary>
    /// Makes the matrix safely factorisable: when <paramref name="factorises"/> fails, checks the spectrum
    /// (a clearly negative eigenvalue is an error, not a rounding effect) and adds the smallest ridge, growing
    /// tenfold, until it succeeds.
    /// </summary>
    /// <param name="factorises">Tries the factorisations on candidate values; true when all exist.</param>
    /// <param name="paramName">Named in the exceptions.</param>
    /// <param name="whenSingular">Runs once, before any ridge, when the unregularised matrix is PSD but does not factorise: a
    /// caller for whom some singularities mean unbounded information (not a rounding problem) throws here.</param>
    public void EnsureFactorisable(Func<double[], bool> factorises, string paramName, Action? whenSingular = null)
    {
        if (factorises(Values)) return;
        var evd = Matrix<double>.Build.Dense(Size, Size, (i, j) => _base[i * Size + j]).Evd(Symmetricity.Symmetric);
        double min = evd.EigenValues.Real().Minimum();
        // Correlation scale: eigenvalues sum to Size, so 1e-8 is far above rounding of a valid PSD input.
        if (min < -1e-8)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"covariance is not positive semidefinite: smallest eigenvalue of the correlation matrix is {min:G4}"), paramName);
        whenSingular?.Invoke();
        for (double ridge = Math.Max(1e-12, -10 * min); ridge <= MaxRidge; ridge *= 10)
        {
            var v = (double[])_base.Clone();
            for (int i = 0; i < Size; i++) v[i * Size + i] += ridge;
            if (factorises(v))
            {
                Values = v;
                Ridge = ridge;
                return;
            }
        }
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"covariance is numerically singular beyond a ridge of {MaxRidge} (smallest eigenvalue {min:G4}); remove collinear columns"), paramName);
    }
}
