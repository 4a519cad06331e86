using PidReg.Evaluation;

namespace PidReg.Cli.Grid;

/// <summary>What became of the runs a process executed or waited for: the finished ones and the failed ones.</summary>
internal sealed class GridOutcome
{
    readonly Lock gate = new();
    readonly List<ExperimentRun> runs = [];
    readonly List<ExperimentFailure> failures = [];

    public IReadOnlyList<ExperimentRun> Runs { get { lock (gate) return runs.ToArray(); } }

    public IReadOnlyList<ExperimentFailure> Failures { get { lock (gate) return failures.ToArray(); } }

    public void Add(ExperimentRun run) { lock (gate) runs.Add(run); }

    public void Add(ExperimentFailure failure) { lock (gate) failures.Add(failure); }
}
