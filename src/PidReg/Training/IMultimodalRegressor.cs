using PidReg.Data;

namespace PidReg.Training;

/// <summary>
/// What the experiment runner, the commands and the checks battery need from any regressor (PIDReg and every baseline):
/// its settings, fit with early stopping on a validation set, predict on the original target scale, a checkpoint, and
/// size, speed and history. Implemented once, by <see cref="MultimodalRegressor{TNetwork, TOptions, TReport, THistory}"/>.
/// </summary>
public interface IMultimodalRegressor : IDisposable
{
    /// <summary>Short model family name (a registry name; every PIDReg ablation answers "pidreg", its options tell which).</summary>
    string Name { get; }

    /// <summary>The settings the model was built with (PidRegOptions or a baseline's options).</summary>
    TrainingOptions Options { get; }

    /// <summary>True after a fit or a load.</summary>
    bool IsFitted { get; }

    /// <summary>Names of the modalities of the fit, in order; throws before Fit.</summary>
    IReadOnlyList<string> ModalityNames { get; }

    /// <summary>Number of trainable and fixed parameters of the fitted network; throws before Fit.</summary>
    long ParameterCount { get; }

    /// <summary>Mean wall seconds per training epoch of the last fit; throws before Fit.</summary>
    double SecondsPerEpoch { get; }

    /// <summary>Per-epoch record of the last fit; throws before Fit.</summary>
    ITrainingHistory History { get; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the fix when the model cannot take the modalities of <paramref name="data"/> (their number, for most models).</summary>
    void CheckModalities(MultimodalDataset data);

    /// <summary>Learns scalers (training rows) and the network (early stopping on validation); returns this.</summary>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows (early stopping).</param>
    /// <param name="progress">
    /// Receives each finished epoch's report, on the training thread, as it ends; at most the options' Epochs, fewer
    /// when early stopping ends the fit.
    /// </param>
    /// <param name="ct">Stops the fit at the next epoch.</param>
    IMultimodalRegressor Fit(MultimodalDataset train, MultimodalDataset validation, IProgress<IEpochReport>? progress = null, CancellationToken ct = default);

    /// <summary>Predictions (rows × target columns) on the original target scale.</summary>
    double[,] Predict(MultimodalDataset data);

    /// <summary>Writes a checkpoint directory; refuses to replace one unless <paramref name="overwrite"/>.</summary>
    void Save(string directory, bool overwrite = false);
}
