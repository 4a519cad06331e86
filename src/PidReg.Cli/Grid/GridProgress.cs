using System.Diagnostics;
using System.Globalization;
using PidReg.Evaluation;

namespace PidReg.Cli.Grid;

/// <summary>
/// The progress of a grid on stderr. Runs are numbered in the grid's order (with --jobs, PIDReg's start first): "run k
/// of n" names the same run while it trains and when it ends.
/// <list type="bullet">
/// <item>A line as each run ends, in the order they end: "run k of n: MODEL seed S: metrics, s/epoch (ETA …, d of n done)".</item>
/// <item>While runs train, a <see cref="LiveStatus"/> of the running ones, each with its epoch ("run 4 of 10: pidreg seed
/// 1237, epoch 37 of 200"), after the grid's ETA: one line rewritten in place on a terminal, a line after each quiet
/// interval in a log.</item>
/// </list>
/// The ETA counts the grid's work in runs, a running run by the share of its epochs done (the epoch limit: early stopping
/// can only make the estimate pessimistic), and divides what is left by the rate so far, which already accounts for the
/// processes running side by side.
/// <para>
/// A grid that is one of several run one after another (`reproduce`) is given its <see cref="Numbering"/>: its runs are
/// numbered on from the grids before it, "d of n done" counts theirs too, and the ETA, this grid's alone (the next
/// grid's runs may take far longer or shorter), reads "grid ETA".
/// </para>
/// </summary>
internal sealed class GridProgress : IDisposable
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly LiveStatus status;
    readonly TextWriter error;
    readonly int total;
    readonly int own;
    readonly int doneBefore;
    readonly string etaLabel;
    readonly int epochs;
    readonly Dictionary<int, int> number;
    // The running runs by index, in the order they started, with their last finished epoch.
    readonly SortedDictionary<int, int> running = [];
    readonly Dictionary<int, ExperimentRunKey> keys;
    int done;

    /// <summary>Progress of <paramref name="pending"/> (the runs to execute, in the grid's order) on <paramref name="error"/>.</summary>
    /// <param name="error">Where the lines go (stderr).</param>
    /// <param name="pending">The runs this process executes or waits for.</param>
    /// <param name="epochs">The epoch limit of every run (E in "epoch e of E").</param>
    /// <param name="terminal">True when <paramref name="error"/> is a terminal.</param>
    /// <param name="plainEvery">Away from a terminal: quiet time before a status line (zero: a line per epoch).</param>
    /// <param name="numbering">The grid's place among several run one after another; default: the grid alone, runs 1 to <paramref name="pending"/>.Count.</param>
    public GridProgress(TextWriter error, IReadOnlyList<ExperimentRunKey> pending, int epochs, bool terminal, TimeSpan plainEvery, Numbering? numbering = null)
    {
        var place = numbering ?? new Numbering(1, pending.Count);
        if (place.First < 1 || place.First - 1 + pending.Count > place.Total)
            throw new ArgumentOutOfRangeException(nameof(numbering), place, $"the grid's {pending.Count} runs from number {place.First} must fit in 1..{place.Total}");
        this.error = error;
        total = place.Total;
        own = pending.Count;
        doneBefore = place.First - 1;
        etaLabel = numbering is null ? "ETA" : "grid ETA";
        this.epochs = epochs;
        number = pending.Select((k, i) => (k.Index, Number: place.First + i)).ToDictionary(p => p.Index, p => p.Number);
        keys = pending.ToDictionary(k => k.Index);
        status = new LiveStatus(error, terminal, plainEvery, Render);
    }

    /// <summary>
    /// Where a grid's runs sit among several grids run one after another: its first run is number <paramref name="First"/>
    /// of <paramref name="Total"/>, and the grids before it account for runs 1 to <paramref name="First"/> - 1.
    /// </summary>
    public readonly record struct Numbering(int First, int Total);

    /// <summary>A run started (in this process or a worker).</summary>
    public void Started(ExperimentRunKey key)
    {
        lock (status.Gate) running[key.Index] = 0;
    }

    /// <summary>A run handed to a worker that had died: it waits for the next free lane again.</summary>
    public void Requeued(ExperimentRunKey key)
    {
        lock (status.Gate) running.Remove(key.Index);
    }

    /// <summary>Epoch <paramref name="epoch"/> of <paramref name="key"/> ended; a report for a run that is not running is ignored.</summary>
    public void Epoch(ExperimentRunKey key, int epoch)
    {
        lock (status.Gate)
        {
            if (!running.ContainsKey(key.Index)) return;
            running[key.Index] = Math.Min(epoch, epochs);
            status.Updated();
        }
    }

    /// <summary>Reports a finished run.</summary>
    public void Finished(ExperimentRunKey key, ExperimentRun run) => Ended(key, string.Create(CultureInfo.InvariantCulture,
        $"{run.Model} seed {run.Seed}: {run.Scores}, {run.SecondsPerEpoch:F3} s/epoch"));

    /// <summary>Reports a failed run.</summary>
    public void Failed(ExperimentRunKey key, ExperimentFailure failure) => Ended(key, string.Create(CultureInfo.InvariantCulture,
        $"{failure.Model} seed {failure.Seed} FAILED: {failure.Message}"));

    /// <summary>Erases the status line (on a terminal) and stops refreshing it; then the table or an error may be printed.</summary>
    public void Dispose() => status.Dispose();

    void Ended(ExperimentRunKey key, string what)
    {
        lock (status.Gate)
        {
            running.Remove(key.Index);
            done++;
            var eta = doneBefore + done == total ? "done"
                : string.Create(CultureInfo.InvariantCulture, $"{(done == own ? "grid done" : Eta())}, {doneBefore + done} of {total} done");
            status.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name(key)}: {what} ({eta})"));
        }
    }

    string? Render()
    {
        if (running.Count == 0) return null;
        var lanes = running.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{Name(keys[r.Key])}: {keys[r.Key].Model} seed {keys[r.Key].Seed}, epoch {r.Value} of {epochs}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"  {LiveStatus.Duration(clock.Elapsed.TotalSeconds)}, {Eta()}, {doneBefore + done} of {total} done | {string.Join(" | ", lanes)}");
    }

    string Name(ExperimentRunKey key) => string.Create(CultureInfo.InvariantCulture, $"run {number[key.Index]} of {total}");

    string Eta()
    {
        var work = done + running.Values.Sum(e => (double)e / epochs);
        return work <= 0 ? $"{etaLabel} unknown" : $"{etaLabel} " + LiveStatus.Duration(clock.Elapsed.TotalSeconds / work * (own - work));
    }
}
