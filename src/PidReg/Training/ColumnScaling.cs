using PidReg.Data;

namespace PidReg.Training;

/// <summary>
/// A fitted per-column standardisation (mean, scale) as stored in checkpoints; fitted by <see cref="StandardScaler"/>.
/// With <see cref="Lower"/> and <see cref="Upper"/> (the standardised range seen in training) every transformed value is
/// clamped into that range: a row far outside it (for example a rare element whose training sd is tiny, so an unseen
/// value lands at z ≈ 500) would otherwise drive the network into a region it never saw. Null bounds = no clamping
/// (checkpoints written before the bounds existed).
/// </summary>
internal sealed record ColumnScaling(double[] Mean, double[] Scale, double[]? Lower = null, double[]? Upper = null)
{
    /// <summary>Fits mean and scale; with <paramref name="clampToTrainingRange"/> also the standardised per-column range.</summary>
    public static ColumnScaling Fit(double[,] values, bool clampToTrainingRange = false)
    {
        var scaler = new StandardScaler().Fit(values);
        if (!clampToTrainingRange) return new ColumnScaling(scaler.Mean, scaler.Scale);
        int n = values.GetLength(0), d = values.GetLength(1);
        var lower = new double[d];
        var upper = new double[d];
        for (int j = 0; j < d; j++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                double z = (values[i, j] - scaler.Mean[j]) / scaler.Scale[j];
                lo = Math.Min(lo, z);
                hi = Math.Max(hi, z);
            }
            (lower[j], upper[j]) = (lo, hi);
        }
        return new ColumnScaling(scaler.Mean, scaler.Scale, lower, upper);
    }

    /// <summary>Row-major float32 of (x − mean) / scale (clamped to the training range when bounds are set), ready for a tensor.</summary>
    public float[] TransformToSingle(double[,] x, string what)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        if (d != Mean.Length)
            throw new ArgumentException($"{what} has {d} columns but the model was fitted on {Mean.Length}.");
        bool clamp = Lower is not null && Upper is not null;
        var result = new float[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double z = (x[i, j] - Mean[j]) / Scale[j];
                if (clamp) z = Math.Clamp(z, Lower![j], Upper![j]);
                result[i * d + j] = (float)z;
            }
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
