using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PidReg.Cli.Notebooks;
using PidReg.Tests.Plots;

namespace PidReg.Tests.Notebooks;

/// <summary>
/// The shipped notebooks driven by Jupyter, an independent client: Debian's nbconvert and nbclient start the
/// dotnet-interactive kernel (the engine of VS Code Polyglot Notebooks) from the kernelspec that
/// `dotnet interactive jupyter install` writes, exactly as a user's Jupyter does. What comes out must be clean and draw its
/// charts offline in Chromium; the quickstart's training progress must update in place, and its outputs match
/// `pidreg notebooks run` apart from timings.
/// </summary>
[Collection(TorchSeedCollection.Name)]
[Trait(TestCategories.Category, TestCategories.Slow)]
public sealed partial class JupyterClientTests : IClassFixture<JupyterClientTests.Runs>
{
    const string Notebook = "00-quickstart.ipynb";
    const string Install = "bash environment/test.sh (as root it installs jupyter-nbconvert, python3-nbclient and python3-ipykernel; then environment/setup.sh restores the dotnet-interactive tool)";

    /// <summary>Quick notebooks executed by Jupyter (each once, on first use), and 00-quickstart by the kit's runner.</summary>
    public sealed class Runs : IDisposable
    {
        readonly Dictionary<string, (JsonObject Notebook, string Html)> jupyter = new(StringComparer.Ordinal);
        readonly string notebooks = KernelPinsTests.RepoFile("notebooks");
        readonly string client;
        readonly string jupyterPath;
        JsonObject? runner;

        public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("pidreg-jupyter-");

        public Runs()
        {
            client = new[] { "/usr/bin/jupyter" }.FirstOrDefault(File.Exists)!;
            Assert.True(client is not null, $"Debian's Jupyter is not installed; run {Install}");
            // The kernelspec, in a folder of the test's own; the kernel runs `dotnet interactive`, the repo's local tool.
            jupyterPath = Path.Combine(Folder.FullName, "jupyter");
            var kernels = Path.Combine(jupyterPath, "kernels");
            Directory.CreateDirectory(kernels);
            Run("dotnet", ["interactive", "jupyter", "install", "--path", kernels], notebooks, null, TimeSpan.FromMinutes(2), $"dotnet-interactive is not restored; run {Install}");
        }

        /// <summary><paramref name="name"/> executed by nbconvert in quick mode, and nbconvert's HTML of the result.</summary>
        public (JsonObject Notebook, string Html) Jupyter(string name)
        {
            lock (jupyter)
            {
                if (jupyter.TryGetValue(name, out var done)) return done;
                // Unmodified but for the quick values, injected after the parameters cell, as `--quick` does.
                var prepared = NotebookDocument.Load(Path.Combine(notebooks, name));
                ParameterInjector.Inject(prepared, name, [], quick: true);
                var stem = "jupyter-" + Path.GetFileNameWithoutExtension(name);
                // From standard input, so that the kernel starts in notebooks/ (the notebook's own folder, where VS Code starts
                // it too) and nothing is written into the source tree. Not --stdout: the kernel process logs to nbconvert's.
                Run(client, ["nbconvert", "--stdin", "--to", "notebook", "--execute", "--output-dir", Folder.FullName, "--output", stem,
                        "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=900"],
                    notebooks, prepared.ToJson(), TimeSpan.FromMinutes(10), $"jupyter nbconvert --execute {name} failed",
                    new() { ["JUPYTER_PATH"] = jupyterPath });
                var executed = Path.Combine(Folder.FullName, stem + ".ipynb");
                Run(client, ["nbconvert", "--to", "html", executed], Folder.FullName, null, TimeSpan.FromMinutes(2), $"jupyter nbconvert --to html {name} failed");
                return jupyter[name] = ((JsonObject)JsonNode.Parse(File.ReadAllText(executed))!, Path.ChangeExtension(executed, ".html"));
            }
        }

        /// <summary>The same quick notebook executed by `pidreg notebooks run`.</summary>
        public JsonObject Runner(string name)
        {
            lock (jupyter)
            {
                if (runner is not null) return runner;
                var result = NotebookRunner.RunAsync(Path.Combine(notebooks, name),
                    new RunnerOptions { Quick = true, OutputDirectory = Path.Combine(Folder.FullName, "runner"), EchoOutput = false }, TextWriter.Null).GetAwaiter().GetResult();
                return runner = (JsonObject)JsonNode.Parse(File.ReadAllText(result.NotebookPath))!;
            }
        }

        public void Dispose() => Folder.Delete(recursive: true);
    }

    readonly Runs runs;

    public JupyterClientTests(Runs runs) => this.runs = runs;

    static string Run(string file, string[] arguments, string folder, string? input, TimeSpan limit, string failure, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? []) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{failure}: {file} {string.Join(' ', arguments)} did not finish within {limit.TotalMinutes} min");
        }
        Assert.True(process.ExitCode == 0, $"{failure} (exit code {process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    static IEnumerable<JsonObject> CodeCells(JsonObject notebook) =>
        notebook["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["cell_type"] == "code");

    static IEnumerable<JsonObject> Outputs(JsonObject cell) => cell["outputs"]!.AsArray().Select(o => o!.AsObject());

    static string Data(JsonObject output, string mime) => NotebookDocument.FromLines(output["data"]?[mime]);

    public static TheoryData<string> Notebooks() => ShippedNotebookTests.Notebooks();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EveryShippedNotebookRunsCleanInJupyterAndItsHtmlDrawsEveryChartOffline(string name)
    {
        var (notebook, htmlPath) = runs.Jupyter(name);
        var errors = CodeCells(notebook).SelectMany(Outputs).Where(o => (string?)o["output_type"] == "error")
            .Select(o => $"{o["ename"]}: {o["evalue"]}").ToList();
        Assert.Empty(errors);
        Assert.All(CodeCells(notebook), c => Assert.NotNull(c["execution_count"]?.GetValue<int>()));
        var charts = CodeCells(notebook).SelectMany(Outputs).Count(o => Data(o, "text/html").Contains("Plotly.newPlot", StringComparison.Ordinal));
        Assert.InRange(charts, 1, int.MaxValue);
        // plotly.js travels once, with the first chart, and never from a CDN.
        var html = string.Concat(CodeCells(notebook).SelectMany(Outputs).Select(o => Data(o, "text/html")));
        Assert.Equal(1, Regex.Count(html, Regex.Escape("plotly.js v2.28.0")));
        Assert.DoesNotMatch("""<script[^>]+src=["']?https?:""", html);

        var (dom, requests) = HeadlessChromium.Open(htmlPath);
        // nbconvert's page asks a CDN for require.js and MathJax; nothing else, and the charts must not need them.
        Assert.All(requests, r => Assert.Matches("require|mathjax|MathJax", r));
        Assert.Equal(charts, ChartMarks.Read(dom).Count);
        ChartMarks.AssertEveryChartDrawsMarks(dom);
    }

    [Fact]
    public void TheTrainingProgressIsOneOutputUpdatedInPlaceToItsLastEpoch()
    {
        var cell = CodeCells(runs.Jupyter(Notebook).Notebook).Single(c => Outputs(c).Any(o => Data(o, "text/html").Contains("pidreg-progress", StringComparison.Ordinal)));
        var progress = Assert.Single(Outputs(cell), o => Data(o, "text/html").Contains("pidreg-progress", StringComparison.Ordinal));
        Assert.Equal("display_data", (string?)progress["output_type"]);
        // Its last state is the last epoch trained, which the cell then prints ("15 epochs, best epoch ...").
        var step = ProgressStep().Match(Data(progress, "text/html")).Groups["step"].Value;
        var printed = string.Concat(Outputs(cell).Where(o => (string?)o["output_type"] == "stream").Select(o => NotebookDocument.FromLines(o["text"])));
        Assert.StartsWith($"{step} epochs", printed);
    }

    [GeneratedRegex("epoch (?<step>[0-9]+)/[0-9]+")]
    private static partial Regex ProgressStep();

    [Fact]
    public void TheKitsRunnerGivesJupytersOutputsApartFromTimings()
    {
        var jupyter = CodeCells(runs.Jupyter(Notebook).Notebook).ToList();
        var runner = CodeCells(runs.Runner(Notebook)).ToList();
        Assert.Equal(jupyter.Count, runner.Count);
        for (var i = 0; i < jupyter.Count; i++)
            Assert.Equal(Comparable(jupyter[i]), Comparable(runner[i]));
    }

    // What a reader sees of a cell's outputs, with what legitimately differs between runs masked: durations, chart ids,
    // and the script dotnet-interactive adds to Jupyter's first output to find its HTTP endpoint.
    static List<string> Comparable(JsonObject cell) => Outputs(cell)
        .Where(o => !Data(o, "text/html").Contains("dotnet-interactive-this-cell", StringComparison.Ordinal))
        .Select(o => (string?)o["output_type"] + ": " + Mask(o["output_type"]?.GetValue<string>() switch
        {
            "stream" => (string?)o["name"] + " " + NotebookDocument.FromLines(o["text"]),
            "error" => (string?)o["evalue"] ?? "",
            _ => string.Join(" | ", o["data"]!.AsObject().Select(p => p.Key + "=" + NotebookDocument.FromLines(p.Value))),
        }))
        .ToList();

    static string Mask(string text) => Guid().Replace(Seconds().Replace(text.Replace("\r\n", "\n"), "# s"), "GUID");

    [GeneratedRegex(@"[0-9]+(\.[0-9]+)? (s|min)\b")]
    private static partial Regex Seconds();

    [GeneratedRegex("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")]
    private static partial Regex Guid();
}
