using System.Text.Json.Nodes;
using PidReg.Cli.Notebooks;

namespace PidReg.Tests.Notebooks;

/// <summary>
/// Runs every fixture notebook once per test process and keeps what came out. Each run starts a kernel process of
/// its own (2-4 s, more with a NuGet restore), so cases share a fixture where it reads fine and the runs are shared.
/// </summary>
public sealed class NotebookRuns : IAsyncLifetime
{
    /// <summary>One run: the result, the executed notebook, the console log and the HTML report.</summary>
    internal sealed record Run(NotebookRunResult Result, JsonObject Notebook, string Log, string Html);

    readonly Dictionary<string, Run> runs = new(StringComparer.Ordinal);

    /// <summary>Fresh folder for everything the runs write; deleted at the end.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pidreg-notebook-tests-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The folder holding the fixture notebooks (copied next to the test assembly).</summary>
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Notebooks", "Fixtures");

    /// <summary>
    /// The --timeout of the "timeout" run: well above the few seconds the kernel's first compile takes (the cell before
    /// the endless one must finish, also on a loaded machine, where 6 s proved too short), and what that run costs, since
    /// the endless cell runs until it.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    internal Run this[string key] => runs[key];

    internal IEnumerable<KeyValuePair<string, Run>> All => runs;

    public async Task InitializeAsync()
    {
        // Two kernel processes at a time: starting a kernel keeps about one core busy.
        await Task.WhenAll(
            Task.Run(async () =>
            {
                await Add("state", "state.ipynb", new RunnerOptions());
                await Add("compile", "compile-error.ipynb", new RunnerOptions());
                await Add("runtime", "runtime-error.ipynb", new RunnerOptions());
                await Add("runtime-continue", "runtime-error.ipynb", new RunnerOptions { ContinueOnError = true });
                await Add("missing", "missing-package.ipynb", new RunnerOptions());
                await Add("kernels", "kernels.ipynb", new RunnerOptions());
            }),
            Task.Run(async () =>
            {
                await Add("params-default", "parameters.ipynb", new RunnerOptions());
                await Add("params-quick", "parameters.ipynb", new RunnerOptions { Quick = true });
                await Add("params-override", "parameters.ipynb", new RunnerOptions { Quick = true, Parameters = [new("epochs", "7"), new("verbose", "true")] });
                // Rerunning an executed notebook must replace its injected cell, not add a second one.
                await Add("params-rerun", Path.Combine(Root, "params-override", "parameters.ipynb"), new RunnerOptions { Parameters = [new("epochs", "9")] });
                await Add("chart", "chart.ipynb", new RunnerOptions());
                await Add("display", "display.ipynb", new RunnerOptions());
            }));
        // Alone, so that no neighbour slows the cell before the endless one past the timeout.
        await Add("timeout", "timeout.ipynb", new RunnerOptions { CellTimeout = Timeout });
    }

    async Task Add(string key, string notebook, RunnerOptions options)
    {
        var log = new StringWriter();
        var path = Path.IsPathRooted(notebook) ? notebook : Path.Combine(Fixtures, notebook);
        var result = await NotebookRunner.RunAsync(path, options with { OutputDirectory = Path.Combine(Root, key) }, log);
        var json = (JsonObject)JsonNode.Parse(await File.ReadAllTextAsync(result.NotebookPath))!;
        var run = new Run(result, json, log.ToString(), await File.ReadAllTextAsync(result.HtmlPath));
        lock (runs) runs[key] = run;
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
