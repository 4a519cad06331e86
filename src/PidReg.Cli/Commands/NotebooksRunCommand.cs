using System.CommandLine;
using PidReg.Cli.Notebooks;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg notebooks run PATH... [--out DIR] [--quick] [--param NAME=VALUE]... [--timeout SECONDS]
/// [--continue-on-error] [--in-place] [--progress-every SECONDS]`: executes notebooks headlessly and writes the executed
/// .ipynb and an HTML report per notebook. While a cell runs, standard output shows which one, for how long, and what its
/// progress display last said (<see cref="NotebookRunner"/>). Exit 0 when every cell ran, 1 when a cell failed, 2 for bad arguments, 130/143 after
/// SIGINT/SIGTERM (the kernel process is stopped, the outputs so far kept with the running cell marked interrupted).
/// Outputs are staged beside --out and moved into place as a whole (<see cref="StagedOutput"/>).
/// </summary>
internal static class NotebooksRunCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Notebooks (.ipynb) or folders (every *.ipynb in them, sorted).", Arity = ArgumentArity.OneOrMore };
        var defaults = new RunnerOptions();
        var outDir = new Option<string>("--out") { Description = "Folder for the executed notebooks and HTML reports.", DefaultValueFactory = _ => defaults.OutputDirectory };
        var quick = new Option<bool>("--quick") { Description = "Use each parameter's quick value: the `// quick: VALUE` comment after a `var NAME = VALUE;` line in the code cell tagged 'parameters' (papermill's tag; an error when no cell has it)." };
        var parameters = new Option<string[]>("--param") { Description = "Override a parameter of the cell tagged 'parameters': NAME=VALUE (repeatable; wins over --quick).", AllowMultipleArgumentsPerToken = false };
        var timeout = new Option<double>("--timeout") { Description = "Per-cell time limit in seconds.", DefaultValueFactory = _ => defaults.CellTimeout.TotalSeconds };
        var continueOnError = new Option<bool>("--continue-on-error") { Description = "Keep running the cells after a failed one." };
        var inPlace = new Option<bool>("--in-place") { Description = "Write the executed notebook over its source (the HTML still goes to --out)." };
        var embed = new Option<bool>("--embed-plotly") { Description = $"Embed plotly.js (3.6 MB) in every HTML report, making each a single file; by default the reports of --out share one {PidReg.Plots.ChartHtml.PlotlyJsFileName} beside them." };
        var progressEvery = ProgressEveryOption.Create();
        var force = new Option<bool>("--force") { Description = "Write into --out even if it holds files the kit did not create (same names are replaced; never a source notebook)." };

        var command = new Command("run", "Execute notebooks, write executed .ipynb and .html.") { paths, outDir, quick, parameters, timeout, continueOnError, inPlace, embed, progressEvery, force };
        command.SetAction(async (parseResult, ct) =>
        {
            var log = Console.Out;
            RunnerOptions options;
            List<string> notebooks;
            StagedOutput staged;
            try
            {
                var pairs = (parseResult.GetValue(parameters) ?? []).Select(ParseParameter).ToList();
                var seconds = parseResult.GetValue(timeout);
                if (!(seconds > 0 && seconds <= MaxTimeoutSeconds))
                    throw new NotebookFormatException(FormattableString.Invariant(
                        $"--timeout {seconds}: must be a number of seconds in (0, {MaxTimeoutSeconds}] (at most 7 days per cell)"));
                options = new RunnerOptions
                {
                    OutputDirectory = parseResult.GetValue(outDir)!,
                    Quick = parseResult.GetValue(quick),
                    Parameters = pairs,
                    CellTimeout = TimeSpan.FromSeconds(seconds),
                    ContinueOnError = parseResult.GetValue(continueOnError),
                    InPlace = parseResult.GetValue(inPlace),
                    SharePlotlyJs = !parseResult.GetValue(embed),
                    // The log is standard output: on a terminal the running cell's status is rewritten in place.
                    Terminal = !Console.IsOutputRedirected,
                    ProgressEvery = ProgressEveryOption.Bind(parseResult, progressEvery),
                }.Validate();
                notebooks = Expand(parseResult.GetValue(paths) ?? []);
                CheckBeforeRunning(notebooks, options, parseResult.GetValue(force));
                // Locked, staged and proven writable before the first kernel starts.
                staged = StagedOutput.Begin(Path.GetFullPath(options.OutputDirectory), options.OutputDirectory, keepForeignFiles: parseResult.GetValue(force));
            }
            catch (Exception e) when (e is NotebookFormatException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"pidreg notebooks run: {CommandGuard.UserMessage(e)}");
                return CommandGuard.UserError;
            }

            using (staged)
            {
                var exit = 0;
                var reports = new List<string>();
                NotebookRunResult? interrupted = null;
                try
                {
                    foreach (var notebook in notebooks)
                    {
                        try
                        {
                            var result = await NotebookRunner.RunAsync(notebook, options, log, ct, staged.Folder);
                            reports.Add(result.Succeeded ? result.HtmlPath : $"{result.HtmlPath} (FAILED)");
                            if (!result.Succeeded) exit = Math.Max(exit, 1);
                            if (result.Interrupted)
                            {
                                interrupted = result;
                                break;
                            }
                        }
                        catch (NotebookFormatException e)
                        {
                            Console.Error.WriteLine($"pidreg notebooks run: {e.Message}");
                            exit = 2;
                        }
                    }
                    // Interrupted or not, what ran is kept: the executed notebooks record where each one stopped.
                    staged.Commit(interrupted is null ? null : "interrupted");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"pidreg notebooks run: {CommandGuard.UserMessage(e)}");
                    return CommandGuard.UserError;
                }
                var folder = Path.GetFullPath(options.OutputDirectory);
                if (interrupted is not null)
                {
                    var where = interrupted.InterruptedCell is int cell ? $"while cell {cell} of {Path.GetFileName(interrupted.NotebookPath)} was running" : $"in {Path.GetFileName(interrupted.NotebookPath)}";
                    Console.Error.WriteLine($"pidreg notebooks run: interrupted {where}; its kernel process was stopped, and the outputs so far are in {folder} (the cell is marked interrupted).");
                    return CommandGuard.Cancelled;
                }
                // The summary a user running a whole folder looks for: where to open the reports.
                if (reports.Count > 0)
                    log.WriteLine($"HTML reports ({reports.Count}) in {folder}:{Environment.NewLine}  "
                        + string.Join(Environment.NewLine + "  ", reports));
                return exit;
            }
        });
        return command;
    }

    /// <summary>Upper bound of --timeout: a week per cell is beyond any notebook of the kit, and TimeSpan holds it.</summary>
    public const double MaxTimeoutSeconds = 7 * 24 * 3600;

    /// <summary>
    /// Everything that can be refused is refused before the first kernel starts: notebooks that do not parse or do not
    /// take the --param names, two notebooks with one file name (their reports would overwrite each other), an --out
    /// that is a file, holds files the kit did not make (without --force), or would put an executed copy over its
    /// source (compared after resolving symlinks, so a link to the source folder is caught).
    /// </summary>
    internal static void CheckBeforeRunning(IReadOnlyList<string> notebooks, RunnerOptions options, bool force)
    {
        var clash = notebooks.GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new NotebookFormatException(
                $"{string.Join(" and ", clash)} have the same file name, so their outputs in --out would overwrite each other; run them separately with different --out folders.");
        var output = OutputFolder.Check(options.OutputDirectory, force, options.InPlace ? [] : notebooks);
        foreach (var notebook in notebooks)
        {
            var name = Path.GetFileName(notebook);
            if (!options.InPlace && OutputFolder.SamePath(Path.Combine(output, name), notebook))
                throw new NotebookFormatException($"{notebook}: --out {options.OutputDirectory} would overwrite the source notebook; choose another folder or pass --in-place");
            if (OutputFolder.SamePath(Path.Combine(output, Path.ChangeExtension(name, ".html")), notebook))
                throw new NotebookFormatException($"{notebook}: its HTML report would overwrite it; choose another --out folder");
            ParameterInjector.Inject(NotebookDocument.Load(notebook), name, options.Parameters, options.Quick);
        }
    }

    static KeyValuePair<string, string> ParseParameter(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) throw new NotebookFormatException($"--param {text}: write NAME=VALUE");
        return KeyValuePair.Create(text[..equals].Trim(), text[(equals + 1)..]);
    }

    /// <summary>Files as given, folders as their *.ipynb files in ordinal order; a missing path is an error.</summary>
    internal static List<string> Expand(IEnumerable<string> paths)
    {
        var notebooks = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.ipynb").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new NotebookFormatException($"{path}: folder has no .ipynb files");
                notebooks.AddRange(found);
            }
            else if (File.Exists(path)) notebooks.Add(path);
            else throw new NotebookFormatException($"{path}: no such notebook or folder");
        }
        return notebooks;
    }
}
