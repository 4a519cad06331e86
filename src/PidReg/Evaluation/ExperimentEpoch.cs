namespace PidReg.Evaluation;

/// <summary>Reported after each epoch of each run of an experiment, for progress displays that move while a run trains.</summary>
/// <param name="Run">1-based number of the run training, in the grid's order.</param>
/// <param name="Total">Number of runs (models × seeds).</param>
/// <param name="Key">Which run: its model and seed.</param>
/// <param name="Epoch">The epoch that ended, from 1 to the epoch limit (early stopping may end a run before it).</param>
public sealed record ExperimentEpoch(int Run, int Total, ExperimentRunKey Key, int Epoch);
