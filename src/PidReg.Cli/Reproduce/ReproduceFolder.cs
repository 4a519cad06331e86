using System.Text;
using PidReg.Cli.Commands;
using PidReg.Cli.Grid;
using PidReg.Evaluation;

namespace PidReg.Cli.Reproduce;

/// <summary>
/// The --out folder of `pidreg reproduce`, under the rule of every --out (<see cref="OutputFolder"/>): new, empty, or
/// made by the kit and holding nothing else, unless --force. Unlike fit's output it is not replaced as a whole: the
/// runs of each grid go to <c>runs/GRID/</c> as they finish and stay, so that an interrupted reproduce resumes there.
/// Its marker is written before the first run and lists every file the reproduce may write (each run's file, finished
/// or failed, and the tables), so that the folder is the kit's from its first run file on. Held under the output's
/// <see cref="OutputLock"/> from <see cref="Open"/> to <see cref="Dispose"/>.
/// </summary>
internal sealed class ReproduceFolder : IDisposable
{
    /// <summary>The folder of the grids' run folders, inside --out.</summary>
    public const string RunsFolder = "runs";

    /// <summary>The index of the output: every grid with its command, time and table.</summary>
    public const string IndexFile = "README.md";

    /// <summary>Extensions of a grid's files beside the index: GRID.md (the table), GRID.json (its rows), GRID.html (table and chart).</summary>
    public const string Markdown = ".md", Json = ".json", Html = ".html";

    // Files written under this prefix and renamed into place; the --out rule ignores it, and Open removes what a killed run left.
    const string StagingPrefix = ".pidreg-staging-";

    readonly OutputLock outputLock;
    readonly HashSet<string> kitFiles;
    string status = "incomplete";

    ReproduceFolder(string path, string spelled, OutputLock outputLock, HashSet<string> kitFiles)
    {
        (Path, Spelled, this.outputLock, this.kitFiles) = (path, spelled, outputLock, kitFiles);
    }

    /// <summary>The folder, full path with symlinks resolved.</summary>
    public string Path { get; }

    /// <summary>--out as the user spelled it, for messages.</summary>
    public string Spelled { get; }

    /// <summary>
    /// Checks <paramref name="spelled"/> as reproduce's --out, takes its lock, removes what a killed reproduce left
    /// (half-written files: a run file is written under a temporary name and renamed), and writes the marker listing
    /// the files of <paramref name="grids"/>, all before any data is read. Throws <see cref="IOException"/> naming --out.
    /// </summary>
    public static ReproduceFolder Open(string spelled, bool force, IReadOnlyList<PaperGrid> grids)
    {
        var path = System.IO.Path.TrimEndingDirectorySeparator(OutputFolder.RealPath(System.IO.Path.GetFullPath(spelled)));
        // A file, or a folder not made yet (nothing to repair): the rule's own messages, before anything is created.
        if (!Directory.Exists(path)) OutputFolder.Check(spelled, force, [], replacesFolder: false);
        OutputLock? held = null;
        try
        {
            Directory.CreateDirectory(path);
            held = OutputLock.Acquire(path, spelled);
            RemoveLeftovers(path);
            OutputFolder.Check(spelled, force, [], replacesFolder: false);
            var files = new HashSet<string>(OutputFolder.KitFiles(path) ?? [], StringComparer.Ordinal);
            files.UnionWith(Expected(grids));
            var folder = new ReproduceFolder(path, spelled, held, files);
            folder.WriteMarker("running");
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            held?.Dispose();
            if (e is IOException && e.Message.StartsWith("--out ", StringComparison.Ordinal)) throw;
            throw new IOException($"--out {spelled}: cannot write there ({StagedOutput.Reason(e)}); choose a folder on a writable disk. Nothing has been read or run yet.", e);
        }
    }

    /// <summary>The folder of <paramref name="grid"/>'s run files (made when missing).</summary>
    public string RunsOf(PaperGrid grid)
    {
        var runs = System.IO.Path.Combine(Path, RunsFolder, grid.Name);
        Directory.CreateDirectory(runs);
        return runs;
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="relative"/> under a temporary name and renames it into place.</summary>
    public void Write(string relative, string text)
    {
        var target = System.IO.Path.Combine(Path, relative);
        var temporary = System.IO.Path.Combine(Path, $"{StagingPrefix}{Environment.ProcessId}-{relative}");
        File.WriteAllText(temporary, text, new UTF8Encoding(false));
        File.Move(temporary, target, overwrite: true);
        kitFiles.Add(relative);
    }

    /// <summary>Writes <paramref name="relative"/> unless it already holds exactly <paramref name="text"/> (plotly.js, 3.6 MB, the same for every run of a kit version).</summary>
    public void WriteIfChanged(string relative, string text)
    {
        var target = System.IO.Path.Combine(Path, relative);
        if (File.Exists(target) && new FileInfo(target).Length == new UTF8Encoding(false).GetByteCount(text) && File.ReadAllText(target) == text)
        {
            kitFiles.Add(relative);
            return;
        }
        Write(relative, text);
    }

    /// <summary>Marks the output complete (the marker's status; an output never marked is "incomplete").</summary>
    public void Complete(bool failures) => status = failures ? "complete, with failed runs" : "complete";

    /// <summary>Marks the output interrupted (Ctrl+C or SIGTERM): the finished runs are kept for the next reproduce.</summary>
    public void Interrupted() => status = "interrupted";

    /// <summary>Rewrites the marker with the final status, and releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            WriteMarker(status);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        outputLock.Dispose();
    }

    // The list names the files still to come as well (and the run folders through them): a reproduce stopped at any
    // point leaves a folder that is the kit's, which the next one resumes.
    void WriteMarker(string state) => OutputFolder.WriteMarker(Path, kitFiles.Order(StringComparer.Ordinal), state);

    /// <summary>Every file a reproduce of <paramref name="grids"/> may write, relative to --out.</summary>
    static IEnumerable<string> Expected(IReadOnlyList<PaperGrid> grids)
    {
        yield return IndexFile;
        yield return GridWallTimes.FileName;
        yield return PidReg.Plots.ChartHtml.PlotlyJsFileName;
        foreach (var grid in grids)
        {
            foreach (var extension in new[] { Markdown, Json, Html }) yield return grid.Name + extension;
            var runs = System.IO.Path.Combine(RunsFolder, grid.Name);
            foreach (var key in new ExperimentRunner(new ExperimentOptions { Seeds = grid.Seeds }).Plan(grid.Models))
            {
                yield return RunFile.FinishedPath(runs, key);
                yield return RunFile.FailedPath(runs, key);
            }
        }
    }

    /// <summary>
    /// Half-written files of a reproduce that was killed (the lock is held, so no live one owns them): this folder's
    /// staged files, and the hidden temporaries of run files in the grids' run folders.
    /// </summary>
    static void RemoveLeftovers(string path)
    {
        if (!File.Exists(System.IO.Path.Combine(path, OutputFolder.MarkerFile))) return;  // not the kit's folder: the check refuses it, untouched
        foreach (var file in Directory.EnumerateFiles(path, StagingPrefix + "*")) File.Delete(file);
        var runs = System.IO.Path.Combine(path, RunsFolder);
        if (!Directory.Exists(runs)) return;
        foreach (var grid in Directory.EnumerateDirectories(runs))
            foreach (var file in Directory.EnumerateFiles(grid, ".*.tmp")) File.Delete(file);
    }
}
