using System.Globalization;

namespace PidReg.Diagnostics;

/// <summary>
/// Rows of a sample centred and whitened by the maximum-likelihood covariance S = (1/n) Σ (xᵢ − x̄)(xᵢ − x̄)ᵀ:
/// wᵢ = L⁻¹(xᵢ − x̄) with S = L Lᵀ, so wᵢ·wⱼ = (xᵢ − x̄)ᵀ S⁻¹ (xⱼ − x̄), the inner products both Mardia's and
/// Henze–Zirkler's statistics are built from. Holds n × p numbers, never the n × n matrix of inner products.
/// </summary>
internal sealed class WhitenedSample
{
    /// <summary>
    /// Pivot of the Cholesky factor, relative to the column's own variance, below which the covariance counts as
    /// singular: a column that is (to 1e-10 of its variance) a linear combination of earlier columns.
    /// </summary>
    const double SingularTolerance = 1e-10;

    /// <summary>Whitened rows, row-major: (n, p).</summary>
    readonly double[] _w;

    public int Rows { get; }
    public int Columns { get; }

    WhitenedSample(double[] w, int rows, int columns) => (_w, Rows, Columns) = (w, rows, columns);

    public ReadOnlySpan<double> Row(int i) => _w.AsSpan(i * Columns, Columns);

    /// <summary>(xᵢ − x̄)ᵀ S⁻¹ (xⱼ − x̄).</summary>
    public double Inner(int i, int j)
    {
        var a = Row(i);
        var b = Row(j);
        double s = 0;
        for (int k = 0; k < a.Length; k++) s += a[k] * b[k];
        return s;
    }

    /// <summary>
    /// Checks <paramref name="samples"/> (rows are observations) and whitens it.
    /// </summary>
    /// <param name="samples">n × p, finite, with n ≥ p + 2 and a nonsingular covariance.</param>
    /// <param name="test">The test's name, for the messages.</param>
    /// <exception cref="ArgumentException">A non-finite value (row and column named), too few rows, or a singular covariance (the column named).</exception>
    public static WhitenedSample From(double[,] samples, string test)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var ci = CultureInfo.InvariantCulture;
        int n = samples.GetLength(0), p = samples.GetLength(1);
        if (p < 1) throw new ArgumentException($"{test}: the sample has no columns; give an n × p matrix with p ≥ 1", nameof(samples));
        // n ≥ p + 2: with n = p + 1 every centred sample lies on a simplex and both statistics are constants.
        if (n < p + 2)
            throw new ArgumentException(string.Create(ci,
                $"{test}: {n} rows for {p} columns; a multivariate normality test needs at least p + 2 = {p + 2} rows (add rows or test fewer columns)"), nameof(samples));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
                if (!double.IsFinite(samples[i, j]))
                    throw new ArgumentException(string.Create(ci,
                        $"{test}: value at row {i}, column {j} is {samples[i, j]}; every value must be finite (drop or impute that row)"), nameof(samples));

        var mean = new double[p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) mean[j] += samples[i, j];
        for (int j = 0; j < p; j++) mean[j] /= n;
        var w = new double[n * p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) w[i * p + j] = samples[i, j] - mean[j];

        var cov = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += w[i * p + a] * w[i * p + b];
                cov[a, b] = cov[b, a] = s / n;
            }

        // Cholesky S = L Lᵀ; a pivot that vanishes names the column that adds no new direction.
        var l = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            if (!(Math.Sqrt(cov[j, j]) > PidReg.Data.InputValidation.ConstantTolerance * Math.Max(1, Math.Abs(mean[j]))))
                throw new ArgumentException(string.Create(ci,
                    $"{test}: column {j} is constant (value {samples[0, j]}), so the covariance is singular; drop that column"), nameof(samples));
            double d = cov[j, j];
            for (int k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            if (!(d > SingularTolerance * cov[j, j]))
                throw new ArgumentException(string.Create(ci,
                    $"{test}: the covariance is singular: column {j} is a linear combination of columns 0-{j - 1} " +
                    $"(residual variance {Math.Max(d, 0):G3} of {cov[j, j]:G3}); drop that column or reduce the dimension first"), nameof(samples));
            l[j, j] = Math.Sqrt(d);
            for (int i = j + 1; i < p; i++)
            {
                double s = cov[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }

        // Forward substitution row by row: w ← L⁻¹ w.
        for (int i = 0; i < n; i++)
        {
            int o = i * p;
            for (int j = 0; j < p; j++)
            {
                double s = w[o + j];
                for (int k = 0; k < j; k++) s -= l[j, k] * w[o + k];
                w[o + j] = s / l[j, j];
            }
        }
        return new WhitenedSample(w, n, p);
    }

    /// <summary>
    /// Σᵢ f(i, ·) computed row by row in parallel, each row's sum kept apart and added in row order,
    /// so the result does not depend on the thread schedule.
    /// </summary>
    public double SumOverRows(Func<int, double> rowSum)
    {
        var partial = new double[Rows];
        Parallel.For(0, Rows, i => partial[i] = rowSum(i));
        double total = 0;
        foreach (var v in partial) total += v;
        return total;
    }
}
