using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PidReg.Cli.Notebooks;
using PidReg.Tests.Plots;

namespace PidReg.Tests.Notebooks;

/// <summary>
/// Runs every notebook the kit ships (notebooks/*.ipynb at the repository root) through the headless runner in quick
/// mode, as `pidreg notebooks run notebooks --quick` does, on the .NET Interactive kernel, and checks that it ran clean
/// and that its HTML report draws every chart in headless Chromium with the network off. The notebooks end with check
/// cells that throw when a result leaves its range, so "ran clean" includes "results in range".
/// </summary>
[Collection(TorchSeedCollection.Name)]
[Trait(TestCategories.Category, TestCategories.Slow)]
public sealed partial class ShippedNotebookTests
{
    /// <summary>The repository's notebooks folder, found upward from the test assembly.</summary>
    static string NotebooksFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PidReg.slnx")))
                return Path.Combine(dir.FullName, "notebooks");
        throw new DirectoryNotFoundException($"no PidReg.slnx above {AppContext.BaseDirectory}");
    }

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(NotebooksFolder(), "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    static async Task<(NotebookRunResult Result, List<JsonObject> CodeCells, string Dom, IReadOnlyList<string> Requests)> RunQuick(string name)
    {
        var output = Path.Combine(Path.GetTempPath(), "pidreg-shipped-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var result = await NotebookRunner.RunAsync(Path.Combine(NotebooksFolder(), name),
                new RunnerOptions { Quick = true, OutputDirectory = output, EchoOutput = false }, TextWriter.Null);
            var json = JsonNode.Parse(await File.ReadAllTextAsync(result.NotebookPath))!;
            var cells = json["cells"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["cell_type"] == "code").ToList();
            var (dom, requests) = HeadlessChromium.Open(result.HtmlPath);
            return (result, cells, dom, requests);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    static IEnumerable<JsonObject> Outputs(JsonObject cell) => cell["outputs"]!.AsArray().Select(o => o!.AsObject());

    static string Stdout(JsonObject cell) => string.Concat(Outputs(cell)
        .Where(o => (string?)o["output_type"] == "stream" && (string?)o["name"] == "stdout")
        .Select(o => NotebookDocument.FromLines(o["text"])));

    [Theory]
    [MemberData(nameof(Notebooks))]
    // One run per notebook (the sum of the quick runs is the cost); the synthetic notebook's atom bound is checked in the same run.
    public async Task EveryShippedNotebookRunsCleanInQuickMode(string name)
    {
        var (result, cells, dom, requests) = await RunQuick(name);

        var errors = cells.SelectMany(Outputs).Where(o => (string?)o["output_type"] == "error")
            .Select(o => $"{o["ename"]}: {o["evalue"]}").ToList();
        Assert.True(result.Succeeded, $"{name}: cells {string.Join(", ", result.FailedCells)} failed: {string.Join(" | ", errors)}");
        Assert.Empty(errors);
        Assert.Equal(cells.Count, result.ExecutedCells);
        Assert.All(cells, c => Assert.Equal("completed", (string?)c["metadata"]?["pidreg"]?["status"]));
        Assert.Contains(cells, c => c["metadata"]?["tags"]?.AsArray().Any(t => (string?)t == "parameters") == true);
        // Notebooks end with check cells that throw when a result leaves its range.
        Assert.Contains("throw new", NotebookDocument.FromLines(cells[^1]["source"]));
        if (name.StartsWith("01-synthetic", StringComparison.Ordinal)) AssertSyntheticAtomErrorsBounded(cells);

        // What a reader of the report sees, offline: every chart the notebook made is drawn, with its marks and labels.
        Assert.Empty(requests);
        var charts = cells.SelectMany(Outputs).Count(o => NotebookDocument.FromLines(o["data"]?["text/html"]).Contains("Plotly.newPlot", StringComparison.Ordinal));
        Assert.InRange(charts, 1, int.MaxValue);
        Assert.Equal(charts, ChartMarks.Read(dom).Count);
        ChartMarks.AssertEveryChartDrawsMarks(dom);
    }

    [GeneratedRegex(@"sweep: largest atom error (?<error>[0-9.]+) < (?<tolerance>[0-9.]+) bits")]
    private static partial Regex SweepLine();

    /// <summary>
    /// 01-synthetic-pid-validation's check cell prints the largest atom error of the engine against the analytic truth
    /// and the bound it enforced; the bound itself must be tight (a tenth of a bit), else the check proves little.
    /// </summary>
    static void AssertSyntheticAtomErrorsBounded(List<JsonObject> cells)
    {
        var match = cells.Select(c => SweepLine().Match(Stdout(c))).Single(m => m.Success);
        double error = double.Parse(match.Groups["error"].Value, CultureInfo.InvariantCulture);
        double tolerance = double.Parse(match.Groups["tolerance"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(error, 0, tolerance);
        Assert.InRange(tolerance, 0, 0.1);
    }
}
