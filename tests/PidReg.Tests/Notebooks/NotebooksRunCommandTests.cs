using System.CommandLine;
using System.Text.Json.Nodes;
using PidReg.Cli.Commands;
using PidReg.Cli.Notebooks;
using PidReg.Plots;

namespace PidReg.Tests.Notebooks;

[Collection(NotebookRunsCollection.Name)]
[Trait(TestCategories.Category, TestCategories.Slow)]
public sealed class NotebooksRunCommandTests : IDisposable
{
    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("pidreg-nbcli-");

    public void Dispose() => folder.Delete(recursive: true);

    static Task<int> Invoke(params string[] args) =>
        new RootCommand { NotebooksCommand.Create() }.Parse(["notebooks", "run", .. args]).InvokeAsync();

    string Copy(string fixture, string? name = null)
    {
        var path = Path.Combine(folder.FullName, name ?? fixture);
        File.Copy(Path.Combine(NotebookRuns.Fixtures, fixture), path);
        return path;
    }

    [Fact]
    public async Task AFolderRunsEveryNotebookAndExitsZeroWhenAllCellsPass()
    {
        Copy("parameters.ipynb", "b.ipynb");
        Copy("parameters.ipynb", "a.ipynb");
        var output = Path.Combine(folder.FullName, "out");
        Assert.Equal(0, await Invoke(folder.FullName, "--out", output, "--quick", "--param", "epochs=3"));
        Assert.Equal([".pidreg-output", "a.html", "a.ipynb", "b.html", "b.ipynb"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("var epochs = 3;", File.ReadAllText(Path.Combine(output, "a.ipynb")));
    }

    [Fact]
    public async Task ReportsInOneFolderShareOnePlotlyJsAndTheirChartsDraw()
    {
        // The chart fixture, also loading a package with a kernel extension (Microsoft.Data.Analysis ships one).
        foreach (var name in new[] { "a.ipynb", "b.ipynb" })
            File.WriteAllText(Path.Combine(folder.FullName, name), File.ReadAllText(Path.Combine(NotebookRuns.Fixtures, "chart.ipynb"))
                .Replace("\"#r \\\"PidReg\\\"\\n\",", "\"#r \\\"nuget: Microsoft.Data.Analysis, 0.23.1\\\"\\n\", \"#r \\\"PidReg\\\"\\n\",", StringComparison.Ordinal));
        Assert.Contains("Microsoft.Data.Analysis", File.ReadAllText(Path.Combine(folder.FullName, "a.ipynb")));
        var output = Path.Combine(folder.FullName, "out");

        Assert.Equal(0, await Invoke(folder.FullName, "--out", output));

        Assert.Equal([".pidreg-output", "a.html", "a.ipynb", "b.html", "b.ipynb", ChartHtml.PlotlyJsFileName],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(ChartHtml.PlotlyJsFile(), File.ReadAllText(Path.Combine(output, ChartHtml.PlotlyJsFileName)));
        var marker = ChartHtml.PlotlyJsSource()[..200];
        foreach (var report in new[] { "a.html", "b.html" }.Select(r => Path.Combine(output, r)))
        {
            var html = File.ReadAllText(report);
            Assert.DoesNotContain(marker, html);
            Assert.True(new FileInfo(report).Length < 200_000, $"{report}: {new FileInfo(report).Length} bytes");
            Assert.Contains($"src=\"{ChartHtml.PlotlyJsFileName}\"", html);
            Assert.DoesNotContain("Loading extensions", html);
            var (dom, requests) = HeadlessChromium.Open(report);
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(dom, "class=\"plot-container plotly\"").Count);
            Assert.DoesNotContain("<p class=\"plotly-missing\"", dom);
            Assert.Empty(requests);
        }
        // The executed notebooks stay self-contained for Jupyter and VS Code: plotly.js rides with the first chart.
        Assert.Contains("* plotly.js v2.28.0", File.ReadAllText(Path.Combine(output, "a.ipynb")));
        // The kernel's "Loading extensions from `<NuGet cache>`" note stays in the notebook, as in Jupyter, not in the report.
        Assert.Contains("Loading extensions from `", File.ReadAllText(Path.Combine(output, "a.ipynb")));

        // Copied away without the shared file, a report says what is missing instead of showing blank charts.
        var alone = Path.Combine(folder.FullName, "alone");
        Directory.CreateDirectory(alone);
        File.Copy(Path.Combine(output, "a.html"), Path.Combine(alone, "a.html"));
        Assert.Contains($"<p class=\"plotly-missing\" style=\"", HeadlessChromium.Open(Path.Combine(alone, "a.html")).Dom);
    }

    [Fact]
    public async Task EmbedPlotlyMakesEachReportOneFile()
    {
        Copy("chart.ipynb", "a.ipynb");
        var output = Path.Combine(folder.FullName, "out");

        Assert.Equal(0, await Invoke(folder.FullName, "--out", output, "--embed-plotly"));

        Assert.Equal([".pidreg-output", "a.html", "a.ipynb"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains(ChartHtml.PlotlyJsSource()[..200], File.ReadAllText(Path.Combine(output, "a.html")));
    }

    [Fact]
    public void FoldersExpandToTheirNotebooksInOrdinalOrder()
    {
        Copy("parameters.ipynb", "b.ipynb");
        Copy("state.ipynb", "A.ipynb");
        Copy("chart.ipynb", "a.ipynb");
        var single = Copy("kernels.ipynb");
        Assert.Equal([single, .. new[] { "A.ipynb", "a.ipynb", "b.ipynb" }.Select(n => Path.Combine(folder.FullName, n))],
            NotebooksRunCommand.Expand([single, folder.FullName]).Take(1).Concat(NotebooksRunCommand.Expand([folder.FullName]).Where(p => p != single)));
    }

    [Fact]
    public async Task AFailedCellMakesTheExitCodeOne()
    {
        var notebook = Copy("compile-error.ipynb");
        Assert.Equal(1, await Invoke(notebook, "--out", Path.Combine(folder.FullName, "out")));
        Assert.True(File.Exists(Path.Combine(folder.FullName, "out", "compile-error.html")));
    }

    static JsonObject Load(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    static List<JsonObject> CodeCells(JsonObject notebook) =>
        notebook["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["cell_type"] == "code").ToList();

    static List<JsonObject> Outputs(JsonObject cell) => cell["outputs"]!.AsArray().Select(o => o!.AsObject()).ToList();

    static string? Status(JsonObject cell) => (string?)cell["metadata"]?["pidreg"]?["status"];

    [Theory]
    [InlineData("kernel-exit.ipynb", "exit code 3", "leaving", "leaving")]
    [InlineData("stack-overflow.ipynb", "exit code -?[1-9][0-9]*", ".*at .*", "(?s)Stack overflow.*at ")]
    public async Task ACellThatEndsTheKernelProcessFailsOnlyItsNotebookAndTheNextOneStillRuns(string fixture, string exitCode, string lastWords, string printedWords)
    {
        var dying = Copy(fixture, "a.ipynb");
        var next = Copy("parameters.ipynb", "b.ipynb");
        var output = Path.Combine(folder.FullName, "out");
        Assert.Equal(1, await Invoke(dying, next, "--out", output));

        // Saved after every cell, the notebook keeps what ran before the process died.
        var text = File.ReadAllText(Path.Combine(output, "a.ipynb"));
        Assert.Empty(NbformatSchema.Violations(text));
        var notebook = Load(Path.Combine(output, "a.ipynb"));
        var code = CodeCells(notebook);
        Assert.Equal("completed", Status(code[0]));
        Assert.StartsWith("before the ", NotebookDocument.FromLines(Outputs(code[0]).Single()["text"]));
        // The dying cell keeps what it printed (for a stack overflow, the runtime's own report), then the error.
        var (printed, error) = (Outputs(code[1])[0], Outputs(code[1])[^1]);
        Assert.Equal(2, Outputs(code[1]).Count);
        Assert.Matches(printedWords, NotebookDocument.FromLines(printed["text"]));
        Assert.DoesNotContain("before the ", NotebookDocument.FromLines(printed["text"]));
        Assert.NotNull(code[1]["execution_count"]?.GetValue<int>());
        Assert.Equal("KernelProcessExited", (string?)error["ename"]);
        // Named: the cell, how the process ended, and what it last wrote (the dying cell's words, not an earlier cell's).
        Assert.Matches($"^cell 2: the kernel process ended with {exitCode} .*; its last words: {lastWords}$", (string?)error["evalue"]);
        Assert.DoesNotContain("before the ", (string?)error["evalue"]);
        Assert.Equal("failed", Status(code[1]));
        Assert.Equal("skipped", Status(code[2]));
        Assert.Empty(Outputs(code[2]));
        Assert.Equal([2], notebook["metadata"]!["pidreg"]!["failed_cells"]!.AsArray().Select(n => (int)n!));
        Assert.Contains("An exception was encountered at <a href=\"#pidreg-error-cell\">cell 2</a>", NotebookDocument.FromLines(notebook["cells"]![0]!["source"]));
        Assert.True(File.Exists(Path.Combine(output, "a.html")));

        var after = Load(Path.Combine(output, "b.ipynb"));
        Assert.Empty(after["metadata"]!["pidreg"]!["failed_cells"]!.AsArray());
        Assert.All(CodeCells(after), c => Assert.Equal("completed", Status(c)));
        Assert.True(File.Exists(Path.Combine(output, "b.html")));
    }

    [Theory]
    [InlineData("--param", "epoch=3")]
    [InlineData("--param", "epochs")]
    [InlineData("--param", "epochs=many")]
    [InlineData("--timeout", "0")]
    public async Task BadArgumentsExitTwoAndWriteNothing(string option, string value)
    {
        var notebook = Copy("parameters.ipynb");
        var output = Path.Combine(folder.FullName, "out");
        Assert.Equal(2, await Invoke(notebook, "--out", output, option, value));
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any());
    }

    [Fact]
    public async Task AMissingPathExitsTwo() =>
        Assert.Equal(2, await Invoke(Path.Combine(folder.FullName, "missing.ipynb")));

    [Fact]
    public async Task TheSourceIsOverwrittenOnlyWithInPlace()
    {
        var notebook = Copy("parameters.ipynb");
        var before = File.ReadAllText(notebook);
        Assert.Equal(2, await Invoke(notebook, "--out", folder.FullName));
        Assert.Equal(before, File.ReadAllText(notebook));
        Assert.Equal(0, await Invoke(notebook, "--in-place", "--out", Path.Combine(folder.FullName, "html")));
        Assert.Contains("\"execution_count\": 1", File.ReadAllText(notebook));
        Assert.True(File.Exists(Path.Combine(folder.FullName, "html", "parameters.html")));
    }
}
