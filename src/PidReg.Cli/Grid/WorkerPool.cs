using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using PidReg.Cli.Notebooks;
using PidReg.Evaluation;
using PidReg.Training;

namespace PidReg.Cli.Grid;

/// <summary>
/// Runs a grid's runs in N processes at once, because TorchSharp's generator and thread settings belong to the process:
/// threads would share them. This process is one of the N, the others are worker processes (`pidreg experiment …
/// --worker`). The workers are started before this process loads anything (<see cref="Start"/>), because a new process
/// takes as long as this one to reach its first run (runtime, data, settings, TorchSharp's natives): started first, they
/// get there together. A worker reads the settings' hash on its standard input ("settings HASH", checked against its
/// own), then one run at a time ("run INDEX"), says "epoch INDEX E" on stderr as each epoch of it ends (for the live
/// progress) and "done INDEX" once the run's file is in the folder; the next run goes to whichever lane is free, so a
/// slow model does not hold the others back. Progress never reaches a run's result: the table is the same to the bit
/// for any number of lanes.
/// The pipe doubles as the parent watch: a worker whose input closes without "end" ends itself, so workers never
/// outlive this process, whatever ends it.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    /// <summary>The prefix of the lines a worker writes for its parent (other stderr lines are kept for error reports).</summary>
    public const string Marker = "pidreg-grid: ";

    /// <summary>The first line a worker reads, before the settings' hash.</summary>
    public const string SettingsPrefix = "settings ";

    const int TailLines = 5;

    /// <summary>A lane: a worker process, or (with a null process) this process's own.</summary>
    sealed class Worker(Process? process, int number)
    {
        public Process? Process { get; } = process;
        public BlockingCollection<ExperimentRunKey?> Local { get; } = new();
        public int Number { get; } = number;
        public ExperimentRunKey? Running { get; set; }
        public bool HasSettings { get; set; }
        public Queue<string> Tail { get; } = new();
    }

    /// <summary>An event from a worker: a run done, or the process gone.</summary>
    sealed record Event(Worker Worker, int? Done);

    /// <summary>What the workers' lines refer to, from <see cref="Execute(IReadOnlyList{ExperimentRunKey}, GridSettings, LocalRuns, GridOutcome, GridProgress, CancellationToken)"/> on.</summary>
    sealed record Current(IReadOnlyDictionary<int, ExperimentRunKey> ByIndex, GridProgress Progress);

    readonly IReadOnlyList<string> arguments;
    readonly string folder;
    readonly List<Worker> workers = [];
    readonly BlockingCollection<Event> events = new();
    volatile Current? current;
    int started;

    WorkerPool(IReadOnlyList<string> arguments, string folder) => (this.arguments, this.folder) = (arguments, folder);

    /// <summary>
    /// Starts <paramref name="count"/> workers as `pidreg ARGS --worker --runs FOLDER`; they load the data and wait for
    /// <see cref="Execute(IReadOnlyList{ExperimentRunKey}, GridSettings, LocalRuns, GridOutcome, GridProgress, CancellationToken)"/>.
    /// Disposing the pool stops any still running.
    /// </summary>
    public static WorkerPool Start(int count, IReadOnlyList<string> arguments, string folder)
    {
        var pool = new WorkerPool(arguments, folder);
        try
        {
            for (int i = 0; i < count; i++) pool.StartWorker();
        }
        catch
        {
            pool.Dispose();
            throw;
        }
        return pool;
    }

    /// <summary>The worker processes started (this process's lane not counted).</summary>
    public int Count => workers.Count;

    /// <summary>Starts the workers and executes <paramref name="keys"/> in up to <paramref name="jobs"/> lanes (see the other overload).</summary>
    public static void Execute(IReadOnlyList<ExperimentRunKey> keys, int jobs, IReadOnlyList<string> arguments, GridSettings settings, string folder,
        LocalRuns local, GridOutcome outcome, GridProgress progress, CancellationToken ct)
    {
        using var pool = Start(Math.Min(jobs, keys.Count) - 1, arguments, folder);
        pool.Execute(keys, settings, local, outcome, progress, ct);
    }

    /// <summary>
    /// Executes <paramref name="keys"/> in this process's lane (<paramref name="local"/>) and the workers'; each run ends
    /// as a file in the folder, read back into <paramref name="outcome"/>. A worker that dies fails the run it held (with
    /// its exit code and last words) and is replaced while runs remain. Cancellation kills every worker and waits for the
    /// local run to stop before it returns.
    /// </summary>
    public void Execute(IReadOnlyList<ExperimentRunKey> keys, GridSettings settings, LocalRuns local, GridOutcome outcome, GridProgress progress, CancellationToken ct)
    {
        // The slow runs first, so that the lanes end together: the last runs handed out are short ones that fill the gaps.
        // A stable order otherwise; the numbering stays the grid's (GridProgress), whatever order they start in.
        var pending = new Queue<ExperimentRunKey>(keys.OrderBy(k => Models.IsPidReg(k.Model) ? 0 : 1));
        var byIndex = keys.ToDictionary(k => k.Index);
        current = new Current(byIndex, progress);

        Exception? localError = null;
        var own = new Worker(null, 0);
        var lane = new Thread(() =>
        {
            try
            {
                foreach (var key in own.Local.GetConsumingEnumerable())
                {
                    if (key is null) break;
                    local.Execute(key, new InlineProgress<int>(e => progress.Epoch(key, e)), ct);
                    events.Add(new Event(own, key.Index));
                }
            }
            catch (OperationCanceledException) { }
            catch (Exception e)
            {
                localError = e;  // rethrown by the loop below, on the command's thread
            }
            events.Add(new Event(own, null));
        })
        { Name = "local runs", IsBackground = true };

        void Next(Worker worker)
        {
            var key = pending.TryDequeue(out var k) ? k : null;
            worker.Running = key;
            if (worker.Process is null)
            {
                if (key is not null) progress.Started(key);
                worker.Local.Add(key);
                return;
            }
            // Counted as started before it is sent, so that its first epoch, which may come at once, is not dropped.
            if (key is not null) progress.Started(key);
            try
            {
                if (!worker.HasSettings) worker.Process.StandardInput.WriteLine(SettingsPrefix + settings.Hash);
                worker.HasSettings = true;
                worker.Process.StandardInput.WriteLine(key is null ? "end" : string.Create(CultureInfo.InvariantCulture, $"run {key.Index}"));
                worker.Process.StandardInput.Flush();
            }
            catch (IOException)
            {
                // The worker died before it got the run: the run goes back to the queue, and its exit is handled as an event.
                if (key is not null)
                {
                    pending.Enqueue(key);
                    progress.Requeued(key);
                }
                worker.Running = null;
            }
        }

        void Collect(ExperimentRunKey key)
        {
            var finished = RunFile.FinishedPath(folder, key);
            var failed = RunFile.FailedPath(folder, key);
            var file = File.Exists(finished) ? RunFile.Read(finished) : File.Exists(failed) ? RunFile.Read(failed) : null;
            if (file is null || file.Settings.Hash != settings.Hash)
            {
                Fail(key, "the worker reported the run done but its file is missing or of another configuration (a bug in pidreg)");
                return;
            }
            if (file.Run is { } run)
            {
                outcome.Add(run);
                progress.Finished(key, run);
            }
            else Fail(key, file.Error!);
        }

        void Fail(ExperimentRunKey key, string message)
        {
            var failure = new ExperimentFailure(key.Model, key.Seed, message);
            outcome.Add(failure);
            progress.Failed(key, failure);
        }

        void LostRun(Worker worker, ExperimentRunKey lost)
        {
            string tail;
            lock (worker.Tail) tail = string.Join(" | ", worker.Tail);
            Fail(lost, string.Create(CultureInfo.InvariantCulture,
                $"its worker process ended with exit code {worker.Process!.ExitCode} during the run{(tail.Length > 0 ? $"; its last words: {tail}" : "")}"));
        }

        try
        {
            // This process's lane first: the workers are busy loading still.
            lane.Start();
            Next(own);
            foreach (var worker in workers.ToArray()) Next(worker);
            int resolved = 0, alive = workers.Count + 1;
            while (alive > 0)
            {
                var e = events.Take(ct);
                if (e.Done is int index)
                {
                    if (!byIndex.TryGetValue(index, out var key) || e.Worker.Running?.Index != index) continue;  // not ours: ignore rather than count twice
                    Collect(key);
                    resolved++;
                    Next(e.Worker);
                    continue;
                }
                alive--;
                if (e.Worker.Process is null)
                {
                    if (localError is not null) throw localError;
                    continue;
                }
                // The worker is gone. Its last "done" lines are read before its exit is judged, so a run it finished counts.
                e.Worker.Process.WaitForExit();
                if (e.Worker.Running is { } lost)
                {
                    e.Worker.Running = null;
                    if (File.Exists(RunFile.FinishedPath(folder, lost)) || File.Exists(RunFile.FailedPath(folder, lost)))
                        Collect(lost);  // it wrote the run's file and died before saying so
                    else
                        LostRun(e.Worker, lost);
                    resolved++;
                }
                if (pending.Count > 0)
                {
                    Next(StartWorker());
                    alive++;
                }
            }
            if (resolved != keys.Count)
                throw new InvalidOperationException($"the workers ended with {keys.Count - resolved} of {keys.Count} runs unaccounted for.");
        }
        finally
        {
            // Normally every worker has ended by now; after a cancellation (or a bug here) they are stopped, with anything they started.
            StopWorkers();
            // The local run stops at its next epoch once cancelled; the command must not return while it still writes.
            own.Local.Add(null);
            if (lane.IsAlive) lane.Join();
        }
    }

    /// <summary>Stops every worker still running.</summary>
    public void Dispose() => StopWorkers();

    void StopWorkers()
    {
        foreach (var worker in workers)
        {
            if (!worker.Process!.HasExited) worker.Process.Kill(entireProcessTree: true);
            worker.Process.WaitForExit();
            worker.Process.Dispose();
        }
        workers.Clear();
    }

    Worker StartWorker()
    {
        var info = ChildProcess.StartInfo([.. arguments, "--worker", "--runs", folder, "--jobs", "1"]);
        info.RedirectStandardInput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;
        var process = Process.Start(info) ?? throw new IOException($"could not start a worker process ({info.FileName}).");
        var worker = new Worker(process, ++started);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith(Marker + "done ", StringComparison.Ordinal)
                && int.TryParse(e.Data.AsSpan(Marker.Length + 5), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                events.Add(new Event(worker, index));
                return;
            }
            if (e.Data.StartsWith(Marker + "epoch ", StringComparison.Ordinal))
            {
                // "epoch INDEX E" of the run this worker holds; one of a run it no longer holds is dropped by the progress.
                var words = e.Data[(Marker.Length + 6)..].Split(' ');
                if (current is { } g && words.Length == 2
                    && int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out int run) && g.ByIndex.TryGetValue(run, out var key)
                    && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int epoch))
                    g.Progress.Epoch(key, epoch);
                return;
            }
            lock (worker.Tail)
            {
                worker.Tail.Enqueue(e.Data);
                if (worker.Tail.Count > TailLines) worker.Tail.Dequeue();
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => events.Add(new Event(worker, null));
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        workers.Add(worker);
        return worker;
    }
}
