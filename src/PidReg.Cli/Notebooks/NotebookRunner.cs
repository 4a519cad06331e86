using PidReg.Plots;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// Runs one notebook end to end, papermill style: inject parameters, execute the code cells in the .NET Interactive
/// C# kernel (in a child process, <see cref="NotebookExecutor"/>, so that a cell that exits, overflows the stack or
/// runs past the time limit takes only its own notebook down), add a banner linking to the failed cell, then write
/// the executed copy (.ipynb) and its HTML report.
/// </summary>
internal static class NotebookRunner
{
    /// <summary>Metadata key (notebook and cell level) the runner writes its record under.</summary>
    public const string MetadataKey = "pidreg";

    /// <summary>Tag of the banner cells the runner adds on failure (removed on rerun).</summary>
    public const string BannerTag = "pidreg-error-banner";

    /// <summary>HTML id of the marker just before the first failed cell.</summary>
    public const string ErrorAnchor = "pidreg-error-cell";

    const int MaxPrintedLines = 5000;

    /// <summary>Status of the cell a signal stopped.</summary>
    const string Interrupted = "interrupted";

    /// <summary>
    /// Runs <paramref name="path"/>; progress lines go to <paramref name="log"/>. Bad input throws
    /// <see cref="NotebookFormatException"/>. Cancelling <paramref name="ct"/> stops the kernel process and keeps the
    /// outputs so far, the running cell marked interrupted. Files are written into <paramref name="writeTo"/> when given
    /// (a staging folder moved into place later), else into the output folder; paths are reported as in the output folder.
    /// </summary>
    public static async Task<NotebookRunResult> RunAsync(string path, RunnerOptions options, TextWriter log, CancellationToken ct = default, string? writeTo = null)
    {
        options.Validate();
        var source = Path.GetFullPath(path);
        var name = Path.GetFileName(source);
        var outputDirectory = Path.GetFullPath(options.OutputDirectory);
        var notebookOut = options.InPlace ? source : Path.Combine(outputDirectory, name);
        // Real paths: a symlinked --out that leads back to the source folder must not write over the source.
        if (!options.InPlace && PidReg.Cli.Commands.OutputFolder.SamePath(notebookOut, source))
            throw new NotebookFormatException($"{path}: --out {options.OutputDirectory} would overwrite the source notebook; choose another folder or pass --in-place");
        var htmlOut = Path.Combine(outputDirectory, Path.ChangeExtension(name, ".html"));
        var writeDirectory = writeTo is null ? outputDirectory : Path.GetFullPath(writeTo);

        var notebook = NotebookDocument.Load(source);
        notebook.Cells.RemoveAll(c => c.Tags.Contains(BannerTag));
        var injected = ParameterInjector.Inject(notebook, name, options.Parameters, options.Quick);
        foreach (var cell in notebook.Cells.Where(c => c.CellType == "code"))
        {
            cell.Json["outputs"] = new JsonArray();
            cell.Json["execution_count"] = null;
            cell.Metadata.Remove(MetadataKey);
        }
        var codeCells = notebook.Cells.Count(c => c.CellType == "code");
        log.WriteLine($"{name}: {codeCells} code cells" + (injected.Count > 0 ? $", parameters {string.Join(", ", injected.Select(p => $"{p.Key}={p.Value?.ToJsonString()}"))}" : ""));

        Directory.CreateDirectory(writeDirectory);
        var working = Path.Combine(writeDirectory, $".{name}.running");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        AbnormalEnd? ending;
        try
        {
            notebook.Save(working);
            var firstLines = notebook.Cells.Select((c, i) => (Number: i + 1, Cell: c)).Where(p => p.Cell.CellType == "code")
                .ToDictionary(p => p.Number, p => p.Cell.FirstLine);
            ending = await ExecuteInChildAsync(working, Path.GetDirectoryName(source)!, options, name, codeCells, firstLines, log, ct);
            notebook = NotebookDocument.Load(working);
        }
        finally
        {
            // The child is gone by now (it ended, or was stopped with its descendants): nothing writes this file any more.
            File.Delete(working);
        }
        if (ending is not null) RecordAbnormalEnd(notebook, ending);
        var failed = new List<int>();
        var executed = 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var status = (string?)notebook.Cells[i].Metadata[MetadataKey]?["status"];
            if (status is "completed" or "failed" or "timed-out" or Interrupted) executed++;
            if (status is "failed" or "timed-out" or Interrupted) failed.Add(i + 1);
        }
        notebook.Metadata[MetadataKey] = new JsonObject
        {
            ["input_path"] = source,
            ["output_path"] = notebookOut,
            ["quick"] = options.Quick,
            ["parameters"] = new JsonObject(injected.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
            ["start_time"] = started.ToString("o", CultureInfo.InvariantCulture),
            ["end_time"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            ["duration"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["failed_cells"] = new JsonArray(failed.Select(f => (JsonNode)f).ToArray()),
        };
        if (failed.Count > 0) AddBanners(notebook, failed);
        notebook.Save(options.InPlace ? notebookOut : Path.Combine(writeDirectory, name));
        var report = HtmlReport.Render(notebook, Path.GetFileNameWithoutExtension(name), options.SharePlotlyJs ? ChartHtml.PlotlyJsFileName : null);
        // One plotly.js per output folder, beside the reports that load it (3.6 MB once, not in every report).
        if (options.SharePlotlyJs && HtmlReport.HasCharts(report))
            WritePlotlyJs(Path.Combine(writeDirectory, ChartHtml.PlotlyJsFileName));
        File.WriteAllText(Path.Combine(writeDirectory, Path.GetFileName(htmlOut)), report, new UTF8Encoding(false));
        bool interrupted = ending?.Status == Interrupted;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {(interrupted ? $"INTERRUPTED (cell {ending!.Cell})" : failed.Count == 0 ? "ok" : $"FAILED (cell {string.Join(", ", failed)})")} in {clock.Elapsed.TotalSeconds:0.0} s -> {notebookOut}, {htmlOut}"));
        return new NotebookRunResult(notebookOut, htmlOut, failed, executed, clock.Elapsed.TotalSeconds, interrupted && ending!.Cell > 0 ? ending.Cell : null)
        {
            Interrupted = interrupted,
        };
    }

    static void WritePlotlyJs(string path)
    {
        var text = ChartHtml.PlotlyJsFile();
        var bytes = new UTF8Encoding(false).GetByteCount(text);
        // Written by an earlier report of this run, or left by an earlier run: the same file unless the kit changed.
        if (File.Exists(path) && new FileInfo(path).Length == bytes && File.ReadAllText(path) == text) return;
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    /// <summary>Why the kernel process ended before the notebook did: the cell it was running, and what happened.</summary>
    sealed record AbnormalEnd(int Cell, string Status, string Message, IReadOnlyList<string> Printed, DateTimeOffset Started);

    /// <summary>
    /// Runs <see cref="NotebookExecutor"/> on <paramref name="working"/> in a child process whose current folder is the
    /// notebook's own (as in VS Code and Jupyter, so relative <c>#r</c> paths resolve the same way). Returns null when
    /// the child finished the notebook, else what stopped it.
    /// </summary>
    /// <remarks>
    /// What the log shows: each cell ends with its status line ("  [2/5] cell 3  ok  1.20 s"); a cell that prints gets a
    /// status line first ("  [2/5] cell 3  running") with its output beneath, so every output sits under its own cell.
    /// While a cell runs, a <see cref="LiveStatus"/> says which one, since when, and what its displays last reported
    /// (a training progress bar's "epoch 37/200 ..."): on a terminal one line rewritten in place, in a log a line after
    /// each quiet <see cref="RunnerOptions.ProgressEvery"/>.
    /// </remarks>
    static async Task<AbnormalEnd?> ExecuteInChildAsync(string working, string notebookFolder, RunnerOptions options, string name, int codeCells,
        IReadOnlyDictionary<int, string> firstLines, TextWriter log, CancellationToken ct)
    {
        var info = ChildProcess.StartInfo(["notebooks", "execute", working, "--exit-with-parent", .. options.ContinueOnError ? new[] { "--continue-on-error" } : []]);
        info.WorkingDirectory = notebookFolder;
        // The kernel compiles every cell with Roslyn, which is not precompiled: tiering (off for pidreg, see
        // PidReg.Cli.csproj) is what keeps compiling it fast.
        info.Environment["DOTNET_TieredCompilation"] = "1";
        info.RedirectStandardError = true;
        info.RedirectStandardOutput = true;
        // A pipe only this process writes to: when it dies, even by SIGKILL, the child reads end-of-file and ends itself.
        info.RedirectStandardInput = true;
        using var process = Process.Start(info) ?? throw new NotebookFormatException($"{name}: could not start the kernel process {info.FileName}");
        int? running = null;
        var runningSince = Stopwatch.StartNew();
        var done = false;
        var codeIndex = 0;
        // The running cell's "running" line is written before its first output only, so that a cell that prints nothing
        // takes one line of the log.
        var headed = false;
        string? progress = null;
        // What the running cell printed: the child saves a cell's outputs only when it ends, so this is all that is left of
        // a cell that takes the process down (a stack overflow's own report among it).
        var printed = new List<string>();
        var cellStarted = DateTimeOffset.UtcNow;
        string Prefix(int cell) => string.Create(CultureInfo.InvariantCulture, $"  [{codeIndex}/{codeCells}] cell {cell}  ");
        using var status = new LiveStatus(log, options.Terminal, options.ProgressEvery, () =>
        {
            if (running is not { } cell) return null;
            var first = firstLines.TryGetValue(cell, out var line) ? Cut(line, FirstLineShown) : "";
            return Prefix(cell) + $"running {LiveStatus.Duration(runningSince.Elapsed.TotalSeconds)}  {first}" + (progress is null ? "" : $"  | {progress}");
        });
        // Anything on the child's stdout is native code writing past the kernel (the kernel captures Console); drop it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (status.Gate)
            {
                if (e.Data.StartsWith(NotebookExecutor.Marker, StringComparison.Ordinal))
                {
                    var marker = e.Data[NotebookExecutor.Marker.Length..];
                    var words = marker.Split(' ');
                    if (words[0] == "done") done = true;
                    else if (words is ["cell", var p, "progress", ..])
                    {
                        // A late update of a cell that has ended says nothing about the one that runs now.
                        if (running?.ToString(CultureInfo.InvariantCulture) != p) return;
                        progress = marker[$"cell {p} progress ".Length..];
                        status.Updated();
                    }
                    else if (words is ["cell", var n, "start"])
                    {
                        running = int.Parse(n, CultureInfo.InvariantCulture);
                        runningSince.Restart();
                        // The last words quoted if the process dies are the running cell's, not an earlier cell's.
                        printed.Clear();
                        cellStarted = DateTimeOffset.UtcNow;
                        codeIndex++;
                        headed = false;
                        progress = null;
                    }
                    else if (words is ["cell", var m, "end", var ended])
                    {
                        status.WriteLine(Prefix(int.Parse(m, CultureInfo.InvariantCulture)) + string.Create(CultureInfo.InvariantCulture,
                            $"{(ended == "completed" ? "ok" : "FAILED")}  {runningSince.Elapsed.TotalSeconds:0.00} s"));
                        running = null;
                    }
                    return;
                }
                if (printed.Count < MaxPrintedLines) printed.Add(e.Data);
                if (!options.EchoOutput) return;
                if (running is { } cell && !headed)
                {
                    status.WriteLine(Prefix(cell) + "running");
                    headed = true;
                }
                status.WriteLine($"      {e.Data}");
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        while (!process.WaitForExit(TimeSpan.FromMilliseconds(200)) || ct.IsCancellationRequested)
        {
            int? timedOut;
            lock (status.Gate) timedOut = running is { } cell && runningSince.Elapsed >= options.CellTimeout ? cell : null;
            if (!ct.IsCancellationRequested && timedOut is null) continue;
            // SIGINT/SIGTERM, or the time limit: the child and whatever it started go first, then the outputs so far are
            // written. Outside the lock: waiting for the child also waits for the handler above to read its last lines.
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (status.Gate)
            {
                if (ct.IsCancellationRequested)
                {
                    var where = running is { } stopped ? $"cell {stopped} was running" : "between cells";
                    status.WriteLine($"  {name}: INTERRUPTED ({where}); the kernel process was stopped");
                    return new AbnormalEnd(running ?? 0, Interrupted,
                        running is { } c ? $"cell {c} was interrupted: the run received a signal (SIGINT or SIGTERM) and stopped its kernel process" : "the run was interrupted between cells",
                        [.. printed], cellStarted);
                }
                var cell = timedOut!.Value;
                status.WriteLine($"  cell {cell}  TIMED OUT after {options.CellTimeout.TotalSeconds:0.###} s; the kernel process was stopped");
                return new AbnormalEnd(cell, "timed-out",
                    $"cell {cell} was still running after {options.CellTimeout.TotalSeconds:0.###} s (--timeout), so its kernel process was stopped",
                    [.. printed], cellStarted);
            }
        }
        await process.WaitForExitAsync(); // also drains the redirected streams, so every marker line has been read
        lock (status.Gate)
        {
            if (done) return null;
            var tail = printed.Count > 0 ? $"; its last words: {string.Join(" | ", printed.TakeLast(3))}" : "";
            var what = $"the kernel process ended with exit code {process.ExitCode} (the cell called Environment.Exit, overflowed the stack or crashed natively){tail}";
            if (running is { } cell)
            {
                status.WriteLine($"  cell {cell}  FAILED: {what}");
                return new AbnormalEnd(cell, "failed", $"cell {cell}: {what}", [.. printed], cellStarted);
            }
            status.WriteLine($"  {name}: {what}");
            return new AbnormalEnd(0, "failed", what, [.. printed], cellStarted);
        }
    }

    /// <summary>
    /// How much of a cell's first line the status shows: enough to recognise the cell, while the status with its progress
    /// ("epoch 37/200  stage 1  train MSE ...") still fits a terminal of 120 columns.
    /// </summary>
    const int FirstLineShown = 40;

    static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    // The child saved the notebook after each finished cell; the cell it died in gets an error saying so, the rest are skipped.
    static void RecordAbnormalEnd(NotebookDocument notebook, AbnormalEnd ending)
    {
        var index = ending.Cell > 0 ? ending.Cell - 1 : notebook.Cells.FindIndex(c => c.CellType == "code" && c.Metadata[MetadataKey] is null);
        if (index < 0 || index >= notebook.Cells.Count) return;
        var cell = notebook.Cells[index];
        var outputs = new CellOutputs();
        if (ending.Printed.Count > 0) outputs.Stream("stdout", string.Join('\n', ending.Printed) + "\n");
        outputs.Error(ending.Status switch { "timed-out" => "TimeoutException", Interrupted => "Interrupted", _ => "KernelProcessExited" }, ending.Message, [ending.Message]);
        cell.Json["outputs"] = outputs.ToJson();
        cell.Json["execution_count"] = notebook.Cells.Select(c => (int?)c.Json["execution_count"]).Max() is { } last ? last + 1 : 1;
        cell.Metadata[MetadataKey] = new JsonObject
        {
            ["start_time"] = ending.Started.ToString("o", CultureInfo.InvariantCulture),
            ["end_time"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture),
            ["duration"] = Math.Round((DateTimeOffset.UtcNow - ending.Started).TotalSeconds, 4),
            ["status"] = ending.Status,
        };
        foreach (var later in notebook.Cells.Skip(index + 1).Where(c => c.CellType == "code" && c.Metadata[MetadataKey] is null))
            later.Metadata[MetadataKey] = new JsonObject { ["status"] = "skipped" };
    }

    // Papermill's layout: a banner first, and a marker right before the failed cell that the banner links to.
    static void AddBanners(NotebookDocument notebook, IReadOnlyList<int> failed)
    {
        var first = failed[0];
        var more = failed.Count > 1 ? $" ({failed.Count} cells failed: {string.Join(", ", failed)})" : "";
        notebook.Cells.Insert(first - 1, NotebookCell.Create("markdown",
            $"<span id=\"{ErrorAnchor}\" style=\"color:red; font-size:1.5em\">The next cell (cell {first}) failed; see its error output:</span>", BannerTag));
        notebook.Cells.Insert(0, NotebookCell.Create("markdown",
            $"<span style=\"color:red; font-size:2em\">An exception was encountered at <a href=\"#{ErrorAnchor}\">cell {first}</a>{more}.</span>", BannerTag));
    }
}
