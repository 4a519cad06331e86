namespace PidReg.Data;

/// <summary>
/// One <see cref="StandardScaler"/> per modality and one for the target, fitted together.
/// Metrics on the original scale come from <see cref="InverseTransformTarget"/>.
/// </summary>
public sealed class DatasetStandardizer
{
    StandardScaler[]? modalityScalers;
    StandardScaler? targetScaler;

    /// <summary>Scalers in modality order.</summary>
    public IReadOnlyList<StandardScaler> ModalityScalers => modalityScalers ?? throw new InvalidOperationException("DatasetStandardizer: call Fit first.");

    /// <summary>Scaler of the target.</summary>
    public StandardScaler TargetScaler => targetScaler ?? throw new InvalidOperationException("DatasetStandardizer: call Fit first.");

    /// <summary>Learns the scalers from these rows. Returns this.</summary>
    public DatasetStandardizer Fit(MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        modalityScalers = data.Modalities.Select(m => new StandardScaler().Fit(m.Values)).ToArray();
        targetScaler = new StandardScaler().Fit(data.Target);
        return this;
    }

    /// <summary>The dataset with every modality and the target standardized; names, ids, groups and metadata kept.</summary>
    public MultimodalDataset Transform(MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scalers = ModalityScalers;
        if (data.Modalities.Count != scalers.Count)
            throw new ArgumentException($"dataset '{data.Name}' has {data.Modalities.Count} modalities but the standardizer was fitted on {scalers.Count}.", nameof(data));
        var mods = data.Modalities.Select((m, i) => m with { Values = scalers[i].Transform(m.Values) }).ToArray();
        return new MultimodalDataset(data.Name, data.Kind, mods, TargetScaler.Transform(data.Target), data.TargetNames,
            data.RowIds, data.Groups, data.Metadata, data.Description);
    }

    /// <summary>Standardized target back on the original scale.</summary>
    public double[,] InverseTransformTarget(double[,] y) => TargetScaler.InverseTransform(y);

    /// <summary>
    /// Fits on the training part (or, for <see cref="ScalerFitScope.AllRowsLikeReference"/>, on all rows
    /// of the split) and transforms all three parts.
    /// </summary>
    public static (DatasetSplit Split, DatasetStandardizer Standardizer) Standardize(DatasetSplit split, ScalerFitScope scope = ScalerFitScope.TrainOnly)
    {
        ArgumentNullException.ThrowIfNull(split);
        var fitOn = scope == ScalerFitScope.TrainOnly ? split.Train : Stack(split.Train, split.Validation, split.Test);
        var s = new DatasetStandardizer().Fit(fitOn);
        return (new DatasetSplit(s.Transform(split.Train), s.Transform(split.Validation), s.Transform(split.Test)), s);
    }

    static MultimodalDataset Stack(params MultimodalDataset[] parts)
    {
        double[,] V(Func<MultimodalDataset, double[,]> pick)
        {
            int n = parts.Sum(p => p.RowCount), d = pick(parts[0]).GetLength(1);
            var x = new double[n, d];
            int r = 0;
            foreach (var p in parts)
            {
                var v = pick(p);
                for (int i = 0; i < v.GetLength(0); i++, r++)
                    for (int j = 0; j < d; j++) x[r, j] = v[i, j];
            }
            return x;
        }
        var first = parts[0];
        var mods = first.Modalities.Select((m, k) => m with { Values = V(p => p.Modalities[k].Values) }).ToArray();
        return new MultimodalDataset(first.Name, first.Kind, mods, V(p => p.Target), first.TargetNames);
    }
}
