using PidReg.Data;

namespace PidReg.Evaluation;

/// <summary>
/// What the experiment runner needs from any two-modality regressor (PIDReg and the baselines): fit with early stopping
/// on a validation set, predict on the original target scale, and report size and speed.
/// </summary>
public interface IMultimodalRegressor : IDisposable
{
    /// <summary>Short model family name (a <see cref="ModelNames"/> entry; every PIDReg ablation answers "pidreg", its options tell which).</summary>
    string Name { get; }

    /// <summary>Number of trainable and fixed parameters of the fitted network; throws before Fit.</summary>
    long ParameterCount { get; }

    /// <summary>Mean wall seconds per training epoch of the last fit; throws before Fit.</summary>
    double SecondsPerEpoch { get; }

    /// <summary>Learns scalers (training rows) and the network (early stopping on validation); returns this.</summary>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows (early stopping).</param>
    /// <param name="epochs">
    /// Receives the 1-based number of each finished epoch, on the training thread, as it ends; at most the options'
    /// Epochs, fewer when early stopping ends the fit.
    /// </param>
    /// <param name="ct">Stops the fit at the next epoch.</param>
    IMultimodalRegressor Fit(MultimodalDataset train, MultimodalDataset validation, IProgress<int>? epochs = null, CancellationToken ct = default);

    /// <summary>Predictions (rows × target columns) on the original target scale.</summary>
    double[,] Predict(MultimodalDataset data);
}
