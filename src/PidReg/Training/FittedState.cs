namespace PidReg.Training;

/// <summary>What a fit learned besides the network: the modalities (widths, scalers, names), the target and the history.</summary>
internal sealed record FittedState<THistory>(IReadOnlyList<FittedModality> Modalities, string[] TargetNames, ColumnScaling TargetScaling, THistory History);
