using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PidReg.Cli.Notebooks;
using PidReg.Tests.Plots;

namespace PidReg.Tests.Notebooks;

/// <summary>
/// A shipped notebook driven by Jupyter, an independent client: Debian's nbconvert and nbclient start the
/// dotnet-interactive kernel (the engine of VS Code Polyglot Notebooks) from the kernelspec that
/// `dotnet interactive jupyter install` writes, exactly as a user's Jupyter does. What comes out must be clean, draw its
/// charts offline in Chromium, update the training progress in place, and match `pidreg notebooks run` apart from timings.
/// </summary>
[Collection(TorchSeedCollection.Name)]
public sealed partial class JupyterClientTests : IClassFixture<JupyterClientTests.Runs>
{
    const string Notebook = "00-quickstart.ipynb";
    const string Install = "bash environment/test.sh (as root it installs jupyter-nbconvert, python3-nbclient and python3-ipykernel; then environment/setup.sh restores the dotnet-interactive tool)";

    /// <summary>The quick notebook executed once by Jupyter and once by the kit's runner, shared by the tests.</summary>
    public sealed class Runs : IDisposable
    {
        public DirectoryInfo Folder { get; } = Directory.CreateTempSubdirectory("pidreg-jupyter-");
        public JsonObject Jupyter { get; }
        public JsonObject Runner { get; }
        public string JupyterHtml { get; }

        public Runs()
        {
            var notebooks = KernelPinsTests.RepoFile("notebooks");
            var jupyter = new[] { "/usr/bin/jupyter" }.FirstOrDefault(File.Exists);
            Assert.True(jupyter is not null, $"Debian's Jupyter is not installed; run {Install}");

            // The kernelspec, in a folder of the test's own; the kernel runs `dotnet interactive`, the repo's local tool.
            var kernels = Path.Combine(Folder.FullName, "jupyter", "kernels");
            Directory.CreateDirectory(kernels);
            Run("dotnet", ["interactive", "jupyter", "install", "--path", kernels], notebooks, null, TimeSpan.FromMinutes(2), $"dotnet-interactive is not restored; run {Install}");

            // Unmodified but for the quick values, injected after the parameters cell, as `--quick` does.
            var prepared = NotebookDocument.Load(Path.Combine(notebooks, Notebook));
            ParameterInjector.Inject(prepared, Notebook, [], quick: true);
            // From standard input, so that the kernel starts in notebooks/ (the notebook's own folder, where VS Code starts
            // it too) without writing anything into the source tree.
            // (Not --stdout: the kernel process shares nbconvert's standard output and logs to it.)
            Run(jupyter!, ["nbconvert", "--stdin", "--to", "notebook", "--execute", "--output-dir", Folder.FullName, "--output", "jupyter-00-quickstart",
                    "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=900"],
                notebooks, prepared.ToJson(), TimeSpan.FromMinutes(10), "jupyter nbconvert --execute failed",
                new() { ["JUPYTER_PATH"] = Path.Combine(Folder.FullName, "jupyter") });
            var executedPath = Path.Combine(Folder.FullName, "jupyter-" + Notebook);
            Jupyter = (JsonObject)JsonNode.Parse(File.ReadAllText(executedPath))!;

            Run(jupyter!, ["nbconvert", "--to", "html", executedPath], Folder.FullName, null, TimeSpan.FromMinutes(2), "jupyter nbconvert --to html failed");
            JupyterHtml = Path.ChangeExtension(executedPath, ".html");

            var result = NotebookRunner.RunAsync(Path.Combine(notebooks, Notebook),
                new RunnerOptions { Quick = true, OutputDirectory = Path.Combine(Folder.FullName, "runner"), EchoOutput = false }, TextWriter.Null).GetAwaiter().GetResult();
            Runner = (JsonObject)JsonNode.Parse(File.ReadAllText(result.NotebookPath))!;
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

    [Fact]
    public void EveryCellRunsCleanInJupyterAndChartsArePlotlyHtml()
    {
        var errors = CodeCells(runs.Jupyter).SelectMany(Outputs).Where(o => (string?)o["output_type"] == "error")
            .Select(o => $"{o["ename"]}: {o["evalue"]}").ToList();
        Assert.Empty(errors);
        Assert.All(CodeCells(runs.Jupyter), c => Assert.NotNull(c["execution_count"]?.GetValue<int>()));
        var charts = CodeCells(runs.Jupyter).SelectMany(Outputs).Count(o => Data(o, "text/html").Contains("Plotly.newPlot", StringComparison.Ordinal));
        Assert.InRange(charts, 1, int.MaxValue);
        // plotly.js travels once, with the first chart, and never from a CDN.
        var html = string.Concat(CodeCells(runs.Jupyter).SelectMany(Outputs).Select(o => Data(o, "text/html")));
        Assert.Equal(1, Regex.Count(html, Regex.Escape("plotly.js v2.28.0")));
        Assert.DoesNotMatch("""<script[^>]+src=["']?https?:""", html);
    }

    [Fact]
    public void TheTrainingProgressIsOneOutputUpdatedInPlaceToItsLastEpoch()
    {
        var cell = CodeCells(runs.Jupyter).Single(c => Outputs(c).Any(o => Data(o, "text/html").Contains("pidreg-progress", StringComparison.Ordinal)));
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
    public void JupytersHtmlDrawsEveryChartOfflineInChromium()
    {
        var (dom, requests) = HeadlessChromium.Open(runs.JupyterHtml);
        // nbconvert's page asks a CDN for require.js and MathJax; nothing else, and the charts must not need them.
        Assert.All(requests, r => Assert.Matches("require|mathjax|MathJax", r));
        Assert.InRange(ChartMarks.Read(dom).Count, 1, int.MaxValue);
        ChartMarks.AssertEveryChartDrawsMarks(dom);
    }

    [Fact]
    public void TheKitsRunnerGivesJupytersOutputsApartFromTimings()
    {
        var jupyter = CodeCells(runs.Jupyter).ToList();
        var runner = CodeCells(runs.Runner).ToList();
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
