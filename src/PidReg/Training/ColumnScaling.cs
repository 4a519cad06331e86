using PidReg.Data;

namespace PidReg.Training;

/// <summary>A fitted per-column standardisation (mean, scale) as stored in checkpoints; fitted by <see cref="StandardScaler"/>.</summary>
internal sealed record ColumnScaling(double[] Mean, double[] Scale)
{
    public static ColumnScaling Fit(double[,] values)
    {
        var scaler = new StandardScaler().Fit(values);
        return new ColumnScaling(scaler.Mean, scaler.Scale);
    }

    /// <summary>Row-major float32 of (x − mean) / scale, ready for a tensor.</summary>
    public float[] TransformToSingle(double[,] x, string what)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        if (d != Mean.Length)
            throw new ArgumentException($"{what} has {d} columns but the model was fitted on {Mean.Length}.");
        var result = new float[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                result[i * d + j] = (float)((x[i, j] - Mean[j]) / Scale[j]);
        return result;
    }

    /// <summary>x · scale + mean for a row-major (n, d) block.</summary>
    public double[,] Inverse(float[] z, int rows)
    {
        int d = Mean.Length;
        var result = new double[rows, d];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < d; j++)
                result[i, j] = z[i * d + j] * Scale[j] + Mean[j];
        return result;
    }
}
