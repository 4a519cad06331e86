namespace PidReg.Training;

/// <summary>One modality as a fit saw it (and a checkpoint stores it).</summary>
/// <param name="Name">Modality name.</param>
/// <param name="Width">Number of columns.</param>
/// <param name="Scaling">The training rows' standardisation; null when the model does not read this modality.</param>
/// <param name="FeatureNames">Column names, when the data had them (checked again at prediction).</param>
internal sealed record FittedModality(string Name, long Width, ColumnScaling? Scaling, string[]? FeatureNames);
