using System.Globalization;
using PidReg.Data;

namespace PidReg.Training;

/// <summary>
/// How many rows each model needs, checked before any training: every regressor's Fit calls <see cref="Check"/>, and
/// the commands call <see cref="CheckBeforeSplit"/> so that a whole comparison fails before its first fit. The rule
/// itself is each model's settings' (<see cref="TrainingOptions.MinimumBatchRows"/>); messages say how many rows, why,
/// and which flag or option lowers the need.
/// </summary>
public static class FitRequirements
{
    /// <summary>Rows a data set needs so that its training part under <paramref name="split"/> (default 70/10/20) has <paramref name="trainingRows"/>.</summary>
    public static int MinimumRowsBeforeSplit(int trainingRows, SplitOptions? split = null)
    {
        split ??= new SplitOptions();
        int n = Math.Max(3, trainingRows);
        while (Math.Clamp((int)Math.Round(split.TrainFraction * n), 1, n - 2) < trainingRows) n++;
        return n;
    }

    /// <summary>The checks of a regressor's Fit: a batch size the model can use, then <see cref="InputValidation.CheckFitData"/> with its row need.</summary>
    public static void Check(IMultimodalRegressor model, MultimodalDataset train, MultimodalDataset validation)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        int targetDim = train.Target.GetLength(1), modalities = train.Modalities.Count, min = CheckBatchSize(model, targetDim, modalities);
        InputValidation.CheckFitData(train, validation, model.Name, min, model.Options.MinimumBatchReason(targetDim, modalities) + string.Create(CultureInfo.InvariantCulture,
            $"; give at least {MinimumRowsBeforeSplit(min)} rows before the 70/10/20 split"));
    }

    /// <summary>
    /// Before splitting <paramref name="data"/> (70/10/20): modalities every model of <paramref name="models"/> can take,
    /// enough rows for each and a batch size each can use. Throws naming the first model that cannot train.
    /// </summary>
    public static void CheckBeforeSplit(IEnumerable<IMultimodalRegressor> models, MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(data);
        int targetDim = data.Target.GetLength(1), modalities = data.Modalities.Count;
        foreach (var model in models)
        {
            model.CheckModalities(data);
            int min = CheckBatchSize(model, targetDim, modalities), rows = MinimumRowsBeforeSplit(min);
            if (data.RowCount < rows)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{model.Name}: data set '{data.Name}' has {data.RowCount} rows but needs at least {rows} ({min} training rows after the 70/10/20 split) for {model.Options.MinimumBatchReason(targetDim, modalities)}."));
        }
    }

    // The smallest batch the model needs; throws when its batch size is smaller.
    static int CheckBatchSize(IMultimodalRegressor model, int targetDim, int modalities)
    {
        var o = model.Options;
        int min = o.MinimumBatchRows(targetDim, modalities);
        if (o.BatchSize < min)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{model.Name}: batches of {o.BatchSize} rows (--batch-size, {o.GetType().Name}.BatchSize) are too small for {o.MinimumBatchReason(targetDim, modalities)}; use a batch size of at least {min}."));
        return min;
    }
}
