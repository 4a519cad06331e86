using System.Globalization;
using PidReg.Baselines;
using PidReg.Data;
using PidReg.Information;
using PidReg.Training;

namespace PidReg.Evaluation;

/// <summary>
/// How many rows each model needs, checked before any training (the regressors' Fit calls <see cref="Check(PidRegOptions, MultimodalDataset, MultimodalDataset)"/>;
/// the commands call <see cref="CheckBeforeSplit"/> so that a whole comparison fails before its first fit). Messages say how
/// many rows, why, and which flag or option lowers the need.
/// </summary>
public static class FitRequirements
{
    /// <summary>
    /// Smallest batch (and so training set) PIDReg can train on: the bias-corrected batch PID needs more rows than the
    /// dimensions of its covariance (target + 2 × LatentDim); otherwise 4, for batch statistics.
    /// </summary>
    public static int MinimumTrainingRows(PidRegOptions options, int targetDim)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.PidEstimate == PidEstimate.BiasCorrected ? targetDim + 2 * options.LatentDim + 1 : 4;
    }

    /// <summary>Smallest batch (and training set) a baseline can train on: 4 rows, for BatchNorm.</summary>
    public const int MinimumBaselineTrainingRows = 4;

    /// <summary>Rows a data set needs so that its training part under <paramref name="split"/> (default 70/10/20) has <paramref name="trainingRows"/>.</summary>
    public static int MinimumRowsBeforeSplit(int trainingRows, SplitOptions? split = null)
    {
        split ??= new SplitOptions();
        int n = Math.Max(3, trainingRows);
        while (Math.Clamp((int)Math.Round(split.TrainFraction * n), 1, n - 2) < trainingRows) n++;
        return n;
    }

    /// <summary>The checks of PIDReg's Fit: <see cref="InputValidation.CheckFitData"/> with PIDReg's row and batch needs.</summary>
    public static void Check(PidRegOptions options, MultimodalDataset train, MultimodalDataset validation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        int targetDim = train.Target.GetLength(1), min = MinimumTrainingRows(options, targetDim);
        string why = Why(options, targetDim, min);
        if (options.BatchSize < min)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"pidreg: batches of {options.BatchSize} rows (--batch-size, PidRegOptions.BatchSize) are too small for {why}; use a batch size of at least {min}."));
        InputValidation.CheckFitData(train, validation, "pidreg", min, why + string.Create(CultureInfo.InvariantCulture,
            $"; give at least {MinimumRowsBeforeSplit(min)} rows before the 70/10/20 split"));
    }

    /// <summary>The checks of a baseline's Fit.</summary>
    public static void Check(BaselineOptions options, string model, MultimodalDataset train, MultimodalDataset validation)
    {
        ArgumentNullException.ThrowIfNull(options);
        InputValidation.CheckFitData(train, validation, model, MinimumBaselineTrainingRows,
            $"batch statistics (BatchNorm); give at least {MinimumRowsBeforeSplit(MinimumBaselineTrainingRows)} rows before the 70/10/20 split");
    }

    /// <summary>
    /// Before splitting <paramref name="data"/> (70/10/20): enough rows for every model of <paramref name="models"/> and a
    /// batch size each can use. Throws naming the first model that cannot train.
    /// </summary>
    public static void CheckBeforeSplit(IEnumerable<IMultimodalRegressor> models, MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(data);
        int targetDim = data.Target.GetLength(1);
        foreach (var model in models)
        {
            int min;
            string why;
            if (model is PidRegRegressor p)
            {
                min = MinimumTrainingRows(p.Options, targetDim);
                why = Why(p.Options, targetDim, min);
                if (p.Options.BatchSize < min)
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{model.Name}: batches of {p.Options.BatchSize} rows (--batch-size) are too small for {why}; use a batch size of at least {min}."));
            }
            else
            {
                min = MinimumBaselineTrainingRows;
                why = "batch statistics (BatchNorm)";
            }
            int rows = MinimumRowsBeforeSplit(min);
            if (data.RowCount < rows)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{model.Name}: data set '{data.Name}' has {data.RowCount} rows but needs at least {rows} ({min} training rows after the 70/10/20 split) for {why}."));
        }
    }

    static string Why(PidRegOptions o, int targetDim, int min) => o.PidEstimate == PidEstimate.BiasCorrected
        ? string.Create(CultureInfo.InvariantCulture,
            $"the bias-corrected batch PID of a {targetDim + 2 * o.LatentDim}-dimensional covariance (target {targetDim} + 2 × latent size {o.LatentDim}, so {min} rows per batch); a smaller latent size (--latent-dim, PidRegOptions.LatentDim) or the plug-in estimate (--model pidreg-plugin) needs fewer")
        : "batch statistics (at least 4 rows per batch)";
}
