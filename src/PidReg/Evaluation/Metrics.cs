namespace PidReg.Evaluation;

/// <summary>
/// Evaluation metrics over paired truth and prediction. Matrices (rows × target columns) are compared over all entries.
/// Inputs must be non-empty, of equal shape and finite; errors say which.
/// </summary>
public static class Metrics
{
    /// <summary>RMSE, MAE, R² and Pearson r of all entries.</summary>
    public static RegressionScores Regression(double[,] truth, double[,] prediction)
    {
        var (t, p) = Flatten(truth, prediction);
        return new RegressionScores(Rmse(t, p), Mae(t, p), R2(t, p), Pearson(t, p));
    }

    /// <summary>Acc-2, weighted F1 and Acc-7 of a single sentiment column.</summary>
    public static SentimentScores Sentiment(double[,] truth, double[,] prediction)
    {
        var (t, p) = Flatten(truth, prediction);
        if (truth.GetLength(1) != 1)
            throw new ArgumentException($"sentiment metrics need one target column, got {truth.GetLength(1)}.", nameof(truth));
        return new SentimentScores(Acc2(t, p), F1(t, p), Acc7(t, p));
    }

    /// <summary>√(mean (t − p)²).</summary>
    public static double Rmse(IReadOnlyList<double> truth, IReadOnlyList<double> prediction)
    {
        Check(truth, prediction);
        double sum = 0;
        for (int i = 0; i < truth.Count; i++) sum += (truth[i] - prediction[i]) * (truth[i] - prediction[i]);
        return Math.Sqrt(sum / truth.Count);
    }

    /// <summary>mean |t − p|.</summary>
    public static double Mae(IReadOnlyList<double> truth, IReadOnlyList<double> prediction)
    {
        Check(truth, prediction);
        double sum = 0;
        for (int i = 0; i < truth.Count; i++) sum += Math.Abs(truth[i] - prediction[i]);
        return sum / truth.Count;
    }

    /// <summary>1 − Σ(t − p)² / Σ(t − t̄)²; can be negative. A constant truth has no variance to explain: error.</summary>
    public static double R2(IReadOnlyList<double> truth, IReadOnlyList<double> prediction)
    {
        Check(truth, prediction);
        double mean = truth.Average(), sse = 0, sst = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            sse += (truth[i] - prediction[i]) * (truth[i] - prediction[i]);
            sst += (truth[i] - mean) * (truth[i] - mean);
        }
        if (!(sst > 0)) throw new ArgumentException("R² is undefined: the truth is constant (zero variance).", nameof(truth));
        return 1 - sse / sst;
    }

    /// <summary>Pearson r. A constant truth is an error; a constant prediction gives NaN (no correlation is defined).</summary>
    public static double Pearson(IReadOnlyList<double> truth, IReadOnlyList<double> prediction)
    {
        Check(truth, prediction);
        double mt = truth.Average(), mp = prediction.Average(), stt = 0, spp = 0, stp = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            double a = truth[i] - mt, b = prediction[i] - mp;
            stt += a * a;
            spp += b * b;
            stp += a * b;
        }
        if (!(stt > 0)) throw new ArgumentException("Pearson r is undefined: the truth is constant (zero variance).", nameof(truth));
        return spp > 0 ? stp / Math.Sqrt(stt * spp) : double.NaN;
    }

    /// <summary>
    /// Binary accuracy "non-zero" (the CMU-MOSI convention of Tsai et al.'s MulT evaluation): rows with truth 0 are dropped,
    /// then label = value &gt; 0 for truth and prediction.
    /// </summary>
    public static double Acc2(IReadOnlyList<double> truth, IReadOnlyList<double> prediction)
    {
        var (t, p) = NonZeroSigns(truth, prediction);
        return t.Zip(p).Count(x => x.First == x.Second) / (double)t.Length;
    }

    /// <summary>
    /// Weighted F1 of the <see cref="Acc2"/> labels (scikit-learn's average='weighted'): each class's F1 weighted by its
    /// share of the truth; a class never predicted has F1 0.
    /// </summary>
    public static double F1(IReadOnlyList<double> truth, IReadOnlyList<double> prediction)
    {
        var (t, p) = NonZeroSigns(truth, prediction);
        double weighted = 0;
        foreach (bool c in new[] { false, true })
        {
            int tp = t.Zip(p).Count(x => x.First == c && x.Second == c);
            int support = t.Count(x => x == c), predicted = p.Count(x => x == c);
            double f1 = support + predicted == 0 ? 0 : 2.0 * tp / (support + predicted);
            weighted += f1 * support;
        }
        return weighted / t.Length;
    }

    /// <summary>Seven-class accuracy: round(clip(·, −3, 3)) of truth and prediction agree (rounding half to even, as numpy).</summary>
    public static double Acc7(IReadOnlyList<double> truth, IReadOnlyList<double> prediction)
    {
        Check(truth, prediction);
        static double Class(double v) => Math.Round(Math.Clamp(v, -3, 3), MidpointRounding.ToEven);
        int hits = 0;
        for (int i = 0; i < truth.Count; i++) if (Class(truth[i]) == Class(prediction[i])) hits++;
        return hits / (double)truth.Count;
    }

    static (bool[] Truth, bool[] Prediction) NonZeroSigns(IReadOnlyList<double> truth, IReadOnlyList<double> prediction)
    {
        Check(truth, prediction);
        var rows = Enumerable.Range(0, truth.Count).Where(i => truth[i] != 0).ToArray();
        if (rows.Length == 0)
            throw new ArgumentException("Acc-2/F1 are undefined: every truth value is 0 (the non-zero convention drops them all).", nameof(truth));
        return (rows.Select(i => truth[i] > 0).ToArray(), rows.Select(i => prediction[i] > 0).ToArray());
    }

    static (double[] Truth, double[] Prediction) Flatten(double[,] truth, double[,] prediction)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(prediction);
        if (truth.GetLength(0) != prediction.GetLength(0) || truth.GetLength(1) != prediction.GetLength(1))
            throw new ArgumentException(
                $"truth is {truth.GetLength(0)} × {truth.GetLength(1)} but the prediction is {prediction.GetLength(0)} × {prediction.GetLength(1)}.", nameof(prediction));
        return (truth.Cast<double>().ToArray(), prediction.Cast<double>().ToArray());
    }

    static void Check(IReadOnlyList<double> truth, IReadOnlyList<double> prediction)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(prediction);
        if (truth.Count != prediction.Count)
            throw new ArgumentException($"truth has {truth.Count} values but the prediction has {prediction.Count}.", nameof(prediction));
        if (truth.Count == 0) throw new ArgumentException("no values to score (empty truth and prediction).", nameof(truth));
        for (int i = 0; i < truth.Count; i++)
        {
            if (!double.IsFinite(truth[i])) throw new ArgumentException($"truth value {i} is {truth[i]} (must be finite).", nameof(truth));
            if (!double.IsFinite(prediction[i])) throw new ArgumentException($"prediction {i} is {prediction[i]} (must be finite).", nameof(prediction));
        }
    }
}
