using System.Diagnostics;
using PidReg.Cli.Commands;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Training;

namespace PidReg.Cli.Grid;

/// <summary>
/// Executes runs of a grid in this process, one after another: `experiment --jobs 1`, a shard's share, and each worker
/// of `--jobs N`. A run that fails is recorded with its model and seed and the next one starts; only a cancellation
/// stops the loop.
/// </summary>
internal sealed class LocalRuns(ExperimentRunner runner, MultimodalDataset data, GridSettings settings, string? folder)
{
    readonly Dictionary<int, DatasetSplit> splits = [];

    /// <summary>
    /// Runs <paramref name="key"/>, reporting each finished epoch to <paramref name="epochs"/>; writes its file when there
    /// is a folder of runs; returns the run or its failure.
    /// </summary>
    public (ExperimentRun? Run, ExperimentFailure? Failure) Execute(ExperimentRunKey key, IProgress<int>? epochs, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string message;
        try
        {
            if (Environment.GetEnvironmentVariable(PidRegCli.SimulatedRunFailureVariable) is { } simulated
                && simulated == FormattableString.Invariant($"{key.Model}/{key.Seed}"))
                throw new TrainingDivergedException(0, $"a simulated failure of this run ({PidRegCli.SimulatedRunFailureVariable}={simulated}).");
            var run = runner.RunOne(Split(key.SeedIndex), key, epochs, ct);
            if (folder is not null) RunFile.WriteFinished(folder, settings, key, run, clock.Elapsed.TotalSeconds);
            return (run, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TrainingDivergedException || CommandGuard.IsUserError(e))
        {
            message = CommandGuard.UserMessage(e);
        }
        catch (Exception e)
        {
            // One run's bug must not cost the others theirs; the message says it is one, so it is reported as such.
            message = $"internal error (a bug in pidreg): {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}";
        }
        if (folder is not null) RunFile.WriteFailed(folder, settings, key, message);
        return (null, new ExperimentFailure(key.Model, key.Seed, message));
    }

    /// <summary>Runs every key in turn, reporting each as it ends.</summary>
    public void ExecuteAll(IReadOnlyList<ExperimentRunKey> keys, GridOutcome outcome, GridProgress progress, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            progress.Started(key);
            var (run, failure) = Execute(key, new InlineProgress<int>(e => progress.Epoch(key, e)), ct);
            if (run is not null)
            {
                outcome.Add(run);
                progress.Finished(key, run);
            }
            else
            {
                outcome.Add(failure!);
                progress.Failed(key, failure!);
            }
        }
    }

    // The split is the same for every seed unless the grid re-splits per seed: make it once.
    DatasetSplit Split(int seedIndex)
    {
        int key = runner.Options.ResplitPerSeed ? seedIndex : 0;
        return splits.TryGetValue(key, out var s) ? s : splits[key] = runner.SplitFor(data, key);
    }
}
