namespace PidReg.Training;

/// <summary>The JSON half of a checkpoint (format 2): the model, its settings and everything the fit learned but the weights.</summary>
/// <param name="FormatVersion"><see cref="CheckpointFile.FormatVersion"/>.</param>
/// <param name="Kind">The regressor class ("PidRegRegressor", "BaselineRegressor").</param>
/// <param name="Model">The registry name of the model ("pidreg", "early", ...).</param>
/// <param name="Options">The settings the model was built and trained with.</param>
/// <param name="Modalities">Each modality's name, width, scaling and feature names, in order.</param>
/// <param name="TargetNames">Target column names.</param>
/// <param name="TargetScaling">The target's standardisation.</param>
/// <param name="History">The training history.</param>
internal sealed record CheckpointState<TOptions, THistory>(
    int FormatVersion, string Kind, string Model, TOptions Options, IReadOnlyList<FittedModality> Modalities, string[] TargetNames,
    ColumnScaling TargetScaling, THistory History);
