namespace PidReg.Data;

/// <summary>
/// Per-column standardisation z = (x - mean) / scale with the population standard deviation
/// (as scikit-learn). A constant column gets scale 1, so it maps to zeros instead of dividing by 0.
/// </summary>
public sealed class StandardScaler
{
    double[]? mean;
    double[]? scale;

    /// <summary>Column means learned by <see cref="Fit"/>.</summary>
    public double[] Mean => mean ?? throw new InvalidOperationException("StandardScaler: call Fit first.");

    /// <summary>Column scales (population sd; 1 for constant columns) learned by <see cref="Fit"/>.</summary>
    public double[] Scale => scale ?? throw new InvalidOperationException("StandardScaler: call Fit first.");

    /// <summary>Learns mean and scale of each column; needs at least one row and finite values. Returns this.</summary>
    public StandardScaler Fit(double[,] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), d = x.GetLength(1);
        if (n == 0 || d == 0)
            throw new ArgumentException($"StandardScaler.Fit: the matrix is empty ({n} rows x {d} columns).", nameof(x));
        CheckFinite(x, "Fit");
        var m = new double[d];
        var s = new double[d];
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += x[i, j];
            m[j] = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++) { double t = x[i, j] - m[j]; ss += t * t; }
            double sd = Math.Sqrt(ss / n);
            // A column constant up to rounding would be blown up to noise: treat it as constant.
            s[j] = sd <= 1e-12 * Math.Max(1.0, Math.Abs(m[j])) ? 1.0 : sd;
        }
        mean = m;
        scale = s;
        return this;
    }

    /// <summary>(x - mean) / scale, column by column; x must have the fitted number of columns.</summary>
    public double[,] Transform(double[,] x) => Apply(x, inverse: false);

    /// <summary>x * scale + mean: undoes <see cref="Transform"/>.</summary>
    public double[,] InverseTransform(double[,] x) => Apply(x, inverse: true);

    double[,] Apply(double[,] x, bool inverse)
    {
        ArgumentNullException.ThrowIfNull(x);
        var m = Mean;
        var s = Scale;
        int n = x.GetLength(0), d = x.GetLength(1);
        if (d != m.Length)
            throw new ArgumentException($"StandardScaler: the matrix has {d} columns but the scaler was fitted on {m.Length}.", nameof(x));
        CheckFinite(x, inverse ? "InverseTransform" : "Transform");
        var y = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                y[i, j] = inverse ? x[i, j] * s[j] + m[j] : (x[i, j] - m[j]) / s[j];
        return y;
    }

    static void CheckFinite(double[,] x, string method)
    {
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < x.GetLength(1); j++)
                if (!double.IsFinite(x[i, j]))
                    throw new ArgumentException($"StandardScaler.{method}: row {i}, column {j} is {x[i, j]} (NaN or infinite values are not allowed).", nameof(x));
    }
}
