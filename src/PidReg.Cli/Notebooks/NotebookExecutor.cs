using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// The kernel side of a run, in a child process of its own (<c>pidreg notebooks execute</c>): executes the code cells
/// of a prepared notebook in order in one <see cref="NotebookKernel"/>, records each cell's timings and status in its
/// metadata and saves the notebook after every cell, so that whatever ends the process, the outputs so far are kept.
/// It tells the parent which cell runs through marker lines on the real standard error.
/// </summary>
internal static class NotebookExecutor
{
    /// <summary>
    /// Starts a marker line: "##pidreg cell N start", "##pidreg cell N progress TEXT" (the text of a display the cell
    /// updated), "##pidreg cell N end STATUS" or "##pidreg done".
    /// </summary>
    public const string Marker = "##pidreg ";

    /// <summary>Executes <paramref name="path"/> in place. Exit code: 0 all cells completed, 1 a cell failed.</summary>
    public static async Task<int> RunAsync(string path, bool continueOnError)
    {
        // The kernel redirects Console while a cell runs, and writing to it from a kernel event handler deadlocks:
        // the parent hears from this process through a stream of its own.
        // Synchronized: the kernel raises its events (echoed lines, progress) on the threads a cell starts.
        using var parent = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });
        var notebook = NotebookDocument.Load(path);
        var defaultKernel = notebook.DefaultKernel();
        using var kernel = new NotebookKernel();
        var failed = false;
        var executionCount = 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.CellType != "code") continue;
            var number = i + 1;
            var record = new JsonObject();
            cell.Metadata[NotebookRunner.MetadataKey] = record;
            cell.Json["outputs"] = new JsonArray();
            cell.Json["execution_count"] = null;
            var kernelName = cell.KernelName(defaultKernel);
            if (kernelName != NotebookKernel.CSharp)
            {
                record["status"] = "not-executed";
                record["kernel"] = kernelName;
                var note = new CellOutputs();
                note.Stream("stderr", $"[pidreg notebooks run] not executed: this is a {kernelName} cell and the runner hosts the C# kernel only.\n");
                cell.Json["outputs"] = note.ToJson();
                continue;
            }
            if (failed && !continueOnError)
            {
                record["status"] = "skipped";
                continue;
            }

            parent.WriteLine($"{Marker}cell {number} start");
            var outputs = new CellOutputs();
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            cell.Json["execution_count"] = ++executionCount;
            var completed = await kernel.ExecuteAsync(cell.Source, executionCount, outputs, line => parent.WriteLine(line),
                text => parent.WriteLine($"{Marker}cell {number} progress {text}"));
            cell.Json["outputs"] = outputs.ToJson();
            record["start_time"] = started.ToString("o", CultureInfo.InvariantCulture);
            record["end_time"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture);
            record["duration"] = Math.Round(clock.Elapsed.TotalSeconds, 4);
            record["status"] = completed ? "completed" : "failed";
            failed |= !completed;
            notebook.Save(path);
            parent.WriteLine($"{Marker}cell {number} end {(completed ? "completed" : "failed")}");
        }
        notebook.Save(path);
        parent.WriteLine($"{Marker}done");
        return failed ? 1 : 0;
    }
}
