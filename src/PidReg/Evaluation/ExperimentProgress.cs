namespace PidReg.Evaluation;

/// <summary>Reported after each finished run of an experiment.</summary>
/// <param name="Run">1-based index of the finished run.</param>
/// <param name="Total">Number of runs (models × seeds).</param>
/// <param name="Result">What the run measured.</param>
public sealed record ExperimentProgress(int Run, int Total, ExperimentRun Result);
