using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// Runs one notebook end to end, papermill style: inject parameters, execute the C# cells in order,
/// record per-cell timings and status in metadata, and on failure add a banner linking to the failed
/// cell; then write the executed copy (.ipynb) and its HTML report.
/// </summary>
internal static class NotebookRunner
{
    /// <summary>Metadata key (notebook and cell level) the runner writes its record under.</summary>
    public const string MetadataKey = "pidreg";

    /// <summary>Tag of the banner cells the runner adds on failure (removed on rerun).</summary>
    public const string BannerTag = "pidreg-error-banner";

    /// <summary>HTML id of the marker just before the first failed cell.</summary>
    public const string ErrorAnchor = "pidreg-error-cell";

    /// <summary>Runs <paramref name="path"/>; progress lines go to <paramref name="log"/>. Bad input throws <see cref="NotebookFormatException"/>.</summary>
    public static async Task<NotebookRunResult> RunAsync(string path, RunnerOptions options, TextWriter log)
    {
        options.Validate();
        var source = Path.GetFullPath(path);
        var name = Path.GetFileName(source);
        var outputDirectory = Path.GetFullPath(options.OutputDirectory);
        var notebookOut = options.InPlace ? source : Path.Combine(outputDirectory, name);
        if (!options.InPlace && string.Equals(notebookOut, source, StringComparison.Ordinal))
            throw new NotebookFormatException($"{path}: --out {options.OutputDirectory} would overwrite the source notebook; choose another folder or pass --in-place");
        var htmlOut = Path.Combine(outputDirectory, Path.ChangeExtension(name, ".html"));

        var notebook = NotebookDocument.Load(source);
        notebook.Cells.RemoveAll(c => c.Tags.Contains(BannerTag));
        var injected = ParameterInjector.Inject(notebook, name, options.Parameters, options.Quick);
        var defaultKernel = CellDirectives.DefaultKernel(notebook);
        var executor = new CellExecutor(Path.GetDirectoryName(source)!);
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var codeCells = notebook.Cells.Count(c => c.CellType == "code");
        var failed = new List<int>();
        var executionCount = 0;
        var codeIndex = 0;
        log.WriteLine($"{name}: {codeCells} code cells" + (injected.Count > 0 ? $", parameters {string.Join(", ", injected.Select(p => $"{p.Key}={p.Value?.ToJsonString()}"))}" : ""));

        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.CellType != "code") continue;
            codeIndex++;
            var number = i + 1;
            cell.Json["outputs"] = new JsonArray();
            cell.Json["execution_count"] = null;
            var record = new JsonObject();
            cell.Metadata[MetadataKey] = record;
            var prefix = $"  [{codeIndex}/{codeCells}] cell {number}";

            var kernel = CellDirectives.KernelOf(cell, defaultKernel);
            if (kernel != CellDirectives.CSharp)
            {
                record["status"] = "not-executed";
                record["kernel"] = kernel;
                var note = new CellOutputs();
                note.Display($"[pidreg notebooks run] not executed: this is a {kernel} cell and the headless runner runs C# only.", []);
                cell.Json["outputs"] = note.ToJson();
                log.WriteLine($"{prefix}  not executed ({kernel} cell)");
                continue;
            }
            if (failed.Count > 0 && !options.ContinueOnError)
            {
                record["status"] = "skipped";
                log.WriteLine($"{prefix}  skipped");
                continue;
            }

            var outputs = new CellOutputs();
            var cellClock = Stopwatch.StartNew();
            var cellStart = DateTimeOffset.UtcNow;
            cell.Json["execution_count"] = ++executionCount;
            var prepared = CellDirectives.Prepare(cell.Source, kernel);
            CellStatus status;
            if (prepared.Error is not null)
            {
                CellExecutor.ReportDirectiveError(prepared.Error, number, prepared.ErrorLine, outputs);
                status = CellStatus.Failed;
            }
            else
            {
                var echo = options.EchoOutput ? new EchoLog(log, prefix) : null;
                status = await executor.ExecuteAsync(prepared.Code, number, executionCount, outputs, options.CellTimeout, echo);
            }
            var seconds = cellClock.Elapsed.TotalSeconds;
            cell.Json["outputs"] = outputs.ToJson();
            record["start_time"] = cellStart.ToString("o", CultureInfo.InvariantCulture);
            record["end_time"] = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture);
            record["duration"] = Math.Round(seconds, 4);
            record["status"] = status switch { CellStatus.Completed => "completed", CellStatus.TimedOut => "timed-out", _ => "failed" };
            var verdict = status == CellStatus.Completed ? "ok" : status == CellStatus.TimedOut ? "TIMED OUT" : "FAILED";
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}  {verdict}  {seconds:0.00} s"));
            if (status != CellStatus.Completed)
            {
                failed.Add(number);
                var error = cell.Outputs.OfType<JsonObject>().LastOrDefault(o => o["output_type"]?.GetValue<string>() == "error");
                if (error is not null) log.WriteLine($"      {error["ename"]}: {error["evalue"]}");
            }
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

        Directory.CreateDirectory(outputDirectory);
        notebook.Save(notebookOut);
        File.WriteAllText(htmlOut, HtmlReport.Render(notebook, Path.GetFileNameWithoutExtension(name)), new UTF8Encoding(false));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {(failed.Count == 0 ? "ok" : $"FAILED (cell {string.Join(", ", failed)})")} in {clock.Elapsed.TotalSeconds:0.0} s -> {notebookOut}, {htmlOut}"));
        return new NotebookRunResult(notebookOut, htmlOut, failed, executionCount, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Echoes a cell's printed lines under a heading naming the cell, written before the first line.</summary>
    sealed class EchoLog(TextWriter log, string heading) : TextWriter
    {
        bool headed;

        public override System.Text.Encoding Encoding => log.Encoding;

        public override void WriteLine(string? value)
        {
            lock (log)
            {
                if (!headed) log.WriteLine($"{heading}  running");
                headed = true;
                log.WriteLine(value);
            }
        }
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
