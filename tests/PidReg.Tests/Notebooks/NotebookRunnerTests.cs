using System.Text.Json.Nodes;
using PidReg.Cli.Notebooks;

namespace PidReg.Tests.Notebooks;

[Collection(NotebookRunsCollection.Name)]
public sealed class NotebookRunnerTests(NotebookRuns runs)
{
    static List<JsonObject> Cells(NotebookRuns.Run run) => run.Notebook["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();

    static List<JsonObject> CodeCells(NotebookRuns.Run run) => Cells(run).Where(c => (string?)c["cell_type"] == "code").ToList();

    static List<JsonObject> Outputs(JsonObject cell) => cell["outputs"]!.AsArray().Select(o => o!.AsObject()).ToList();

    static string Text(JsonNode? node) => NotebookDocument.FromLines(node);

    static string Stdout(JsonObject cell) =>
        string.Concat(Outputs(cell).Where(o => (string?)o["output_type"] == "stream" && (string?)o["name"] == "stdout").Select(o => Text(o["text"])));

    static JsonObject Error(JsonObject cell) => Outputs(cell).Single(o => (string?)o["output_type"] == "error");

    static string? Status(JsonObject cell) => (string?)cell["metadata"]?["pidreg"]?["status"];

    [Fact]
    public void EveryExecutedNotebookIsValidNbformat45()
    {
        foreach (var (key, run) in runs.All)
        {
            var violations = NbformatSchema.Violations(File.ReadAllText(run.Result.NotebookPath));
            Assert.True(violations.Count == 0, $"{key}: {string.Join("; ", violations)}");
            Assert.Equal(4, (int)run.Notebook["nbformat"]!);
            Assert.Equal(5, (int)run.Notebook["nbformat_minor"]!);
        }
    }

    [Fact]
    public void TheSchemaValidatorRejectsANotebookMissingWhatNbformatRequires()
    {
        // Guards the check above against a validator that accepts anything.
        var run = runs["state"];
        var broken = run.Notebook.DeepClone().AsObject();
        CodeCells(new NotebookRuns.Run(run.Result, broken, "", ""))[0].Remove("execution_count");
        Assert.NotEmpty(NbformatSchema.Violations(broken.ToJsonString()));
        var extra = run.Notebook.DeepClone().AsObject();
        extra["cells"]![0]!.AsObject()["outputs"] = new JsonArray();
        Assert.NotEmpty(NbformatSchema.Violations(extra.ToJsonString()));
    }

    [Fact]
    public void VariablesMethodsAndTypesCarryAcrossCellsWithTopLevelAwait()
    {
        var code = CodeCells(runs["state"]);
        Assert.Equal("y = 42\n", Stdout(code[1]));
        var result = Outputs(code[2]).Single();
        Assert.Equal("execute_result", (string?)result["output_type"]);
        Assert.Equal("Point { X = 1, Y = 42 }", Text(result["data"]!["text/plain"]));
        Assert.Contains("Point { X = 1, Y = 42 }", Text(result["data"]!["text/html"]));
        Assert.Equal((int)code[2]["execution_count"]!, (int)result["execution_count"]!);
    }

    [Fact]
    public void StandardErrorBecomesItsOwnStream()
    {
        var stderr = Outputs(CodeCells(runs["state"])[1]).Single(o => (string?)o["name"] == "stderr");
        Assert.Equal("a warning\n", Text(stderr["text"]));
    }

    [Fact]
    public void LoadAndFileReferenceDirectivesResolveAgainstTheNotebookFolder()
    {
        var code = CodeCells(runs["state"]);
        Assert.Equal("42", Text(Outputs(code[3]).Single()["data"]!["text/plain"]));
        Assert.Equal("<p><em>loaded</em></p>", Text(Outputs(code[4]).Single()["data"]!["text/plain"]));
        Assert.True(runs["state"].Result.Succeeded, runs["state"].Log);
    }

    [Fact]
    public void ExecutionCountsNumberTheExecutedCellsInOrder()
    {
        var counts = CodeCells(runs["state"]).Select(c => (int)c["execution_count"]!).ToList();
        Assert.Equal(Enumerable.Range(1, counts.Count), counts);
    }

    [Fact]
    public void UnknownNotebookMetadataSurvivesTheRun()
    {
        Assert.Equal("me", (string?)runs["state"].Notebook["metadata"]!["custom"]!["keep"]);
        Assert.Equal("csharp", (string?)runs["state"].Notebook["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        Assert.Equal("csharp", (string?)CodeCells(runs["state"])[0]["metadata"]!["polyglot_notebook"]!["kernelName"]);
    }

    [Fact]
    public void MarkdownCellsAreKeptAsTheyWere()
    {
        var source = File.ReadAllText(Path.Combine(NotebookRuns.Fixtures, "state.ipynb"));
        var original = JsonNode.Parse(source)!["cells"]![0]!;
        var kept = Cells(runs["state"])[0];
        Assert.True(JsonNode.DeepEquals(original, kept), kept.ToJsonString());
        Assert.Contains("<h1 id=\"state-across-cells\">State across cells</h1>", runs["state"].Html);
    }

    [Fact]
    public void ACompileErrorReportsTheCellRelativeLineAndSkipsTheRest()
    {
        var run = runs["compile"];
        var code = CodeCells(run);
        var error = Error(code[1]);
        Assert.Equal("CompilationError", (string?)error["ename"]);
        Assert.StartsWith("cell 2, line 3, column 9: CS0029", (string?)error["evalue"]);
        Assert.Equal("failed", Status(code[1]));
        Assert.Equal("skipped", Status(code[2]));
        Assert.Empty(Outputs(code[2]));
        Assert.Null(code[2]["execution_count"]);
        Assert.Equal([2], run.Result.FailedCells);
        Assert.Contains("[3/3] cell 3  skipped", run.Log);
    }

    [Fact]
    public void ARuntimeExceptionNamesTheFailingLineOfTheCellAndOfTheHelperItCalled()
    {
        var code = CodeCells(runs["runtime"]);
        Assert.Equal("before\n", Stdout(code[1]));
        var error = Error(code[1]);
        Assert.Equal("InvalidOperationException", (string?)error["ename"]);
        Assert.Equal("cell 2, line 3: boom from the helper", (string?)error["evalue"]);
        var trace = error["traceback"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.Contains(trace, t => t.EndsWith("in cell 1, line 3", StringComparison.Ordinal));
        Assert.Contains(trace, t => t.EndsWith("in cell 2, line 3", StringComparison.Ordinal));
        Assert.Equal("skipped", Status(code[2]));
    }

    [Fact]
    public void ContinueOnErrorRunsTheCellsAfterAFailureWithTheStateSoFar()
    {
        var run = runs["runtime-continue"];
        var code = CodeCells(run);
        Assert.Equal("after 1\n", Stdout(code[2]));
        Assert.Equal("completed", Status(code[2]));
        Assert.Equal([2], run.Result.FailedCells);
    }

    [Fact]
    public void AFailedRunGetsATopBannerLinkingToAMarkerBeforeTheFailedCell()
    {
        var cells = Cells(runs["runtime"]);
        Assert.Contains("pidreg-error-banner", cells[0]["metadata"]!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Contains($"href=\"#{NotebookRunner.ErrorAnchor}\"", Text(cells[0]["source"]));
        var marker = cells.FindIndex(c => Text(c["source"]).Contains($"id=\"{NotebookRunner.ErrorAnchor}\"", StringComparison.Ordinal));
        Assert.Equal("failed", Status(cells[marker + 1]));
        var html = runs["runtime"].Html;
        Assert.True(html.IndexOf("class=\"banner\"", StringComparison.Ordinal) < html.IndexOf("class=\"cell code\"", StringComparison.Ordinal));
        Assert.Contains($"id=\"{NotebookRunner.ErrorAnchor}\"", html);
    }

    [Fact]
    public void ASuccessfulRunHasNoBanner()
    {
        Assert.DoesNotContain(Cells(runs["state"]), c => c["metadata"]?["tags"]?.ToJsonString().Contains("pidreg-error-banner") == true);
        Assert.DoesNotContain("class=\"banner\"", runs["state"].Html);
    }

    [Fact]
    public void APackageTheRunnerDoesNotShipIsACellErrorNamingItAndWhatShips()
    {
        var run = runs["missing"];
        var error = Error(CodeCells(run)[0]);
        Assert.Equal("DirectiveError", (string?)error["ename"]);
        Assert.Contains("cell 1, line 1: package Newtonsoft.Json 13.0.3 is not available", (string?)error["evalue"]);
        Assert.Contains("TorchSharp-cpu 0.107.0", (string?)error["evalue"]);
        Assert.False(run.Result.Succeeded);
        Assert.Equal("skipped", Status(CodeCells(run)[1]));
    }

    [Fact]
    public void WithoutOverridesTheParametersCellRunsAsWrittenAndNothingIsInjected()
    {
        var run = runs["params-default"];
        Assert.Equal("200|12345678901|0.001|False|full run\nInt32|Int64|Double|Boolean|String\n", Stdout(CodeCells(run)[1]));
        Assert.DoesNotContain(Cells(run), c => c["metadata"]?["tags"]?.ToJsonString().Contains("injected-parameters") == true);
        Assert.Empty(run.Notebook["metadata"]!["pidreg"]!["parameters"]!.AsObject());
    }

    [Fact]
    public void QuickInjectsTheQuickValuesRightAfterTheParametersCellKeepingTypes()
    {
        var run = runs["params-quick"];
        var cells = Cells(run);
        var parameters = cells.FindIndex(c => c["metadata"]?["tags"]?.ToJsonString().Contains("\"parameters\"") == true);
        var injected = cells[parameters + 1];
        Assert.Equal(["injected-parameters"], injected["metadata"]!["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Contains("var epochs = 2;\n", Text(injected["source"]));
        Assert.Contains("var learningRate = 0.5;\n", Text(injected["source"]));
        Assert.Equal("2|12345678901|0.5|False|tiny \"q\"\nInt32|Int64|Double|Boolean|String\n", Stdout(cells[parameters + 2]));
        var recorded = run.Notebook["metadata"]!["pidreg"]!["parameters"]!;
        Assert.Equal(2, (int)recorded["epochs"]!);
        Assert.Equal(0.5, (double)recorded["learningRate"]!);
        Assert.Equal("tiny \"q\"", (string?)recorded["name"]);
        Assert.True((bool)run.Notebook["metadata"]!["pidreg"]!["quick"]!);
    }

    [Fact]
    public void ParamOverridesWinOverQuickValues()
    {
        var run = runs["params-override"];
        Assert.Equal("7|12345678901|0.5|True|tiny \"q\"\nInt32|Int64|Double|Boolean|String\n",
            Stdout(CodeCells(run).Single(c => Stdout(c).Length > 0)));
    }

    [Fact]
    public void RerunningAnExecutedNotebookReplacesItsInjectedCell()
    {
        var run = runs["params-rerun"];
        var injected = Cells(run).Where(c => c["metadata"]?["tags"]?.ToJsonString().Contains("injected-parameters") == true).ToList();
        Assert.Equal("// Injected by `pidreg notebooks run` (--param)\nvar epochs = 9;", Text(Assert.Single(injected)["source"]));
        Assert.Equal("9|12345678901|0.001|False|full run\nInt32|Int64|Double|Boolean|String\n", Stdout(CodeCells(run).Single(c => Stdout(c).Length > 0)));
    }

    [Fact]
    public void CellTimingsAndRunParametersAreRecordedInMetadata()
    {
        var run = runs["params-quick"];
        foreach (var cell in CodeCells(run))
        {
            var record = cell["metadata"]!["pidreg"]!;
            Assert.Equal("completed", (string?)record["status"]);
            Assert.True((double)record["duration"]! >= 0);
            Assert.True(DateTimeOffset.Parse((string)record["start_time"]!) <= DateTimeOffset.Parse((string)record["end_time"]!));
        }
        var notebook = run.Notebook["metadata"]!["pidreg"]!;
        Assert.EndsWith("parameters.ipynb", (string?)notebook["input_path"]);
        Assert.Empty(notebook["failed_cells"]!.AsArray());
    }

    [Fact]
    public void TheSourceNotebookIsNeverWritten()
    {
        var source = JsonNode.Parse(File.ReadAllText(Path.Combine(NotebookRuns.Fixtures, "parameters.ipynb")))!;
        Assert.DoesNotContain("injected-parameters", source.ToJsonString());
        Assert.DoesNotContain("\"pidreg\"", source.ToJsonString());
        Assert.NotEqual(Path.Combine(NotebookRuns.Fixtures, "parameters.ipynb"), runs["params-quick"].Result.NotebookPath);
    }

    [Fact]
    public void DisplayShowsRecordsAsATableHtmlStringsAsHtmlAndUpdatesInPlace()
    {
        var outputs = Outputs(CodeCells(runs["display"])[1]);
        Assert.All(outputs.Take(3), o => Assert.Equal("display_data", (string?)o["output_type"]));
        var table = Text(outputs[0]["data"]!["text/html"]);
        Assert.Contains("<th>Name</th><th>Value</th>", table);
        Assert.Contains("<td>a</td><td>1.5</td>", table);
        Assert.Equal("<i>raw html</i>", Text(outputs[1]["data"]!["text/html"]));
        Assert.Equal("updated", Text(outputs[2]["data"]!["text/plain"]));
        var badge = outputs[3];
        Assert.Equal("execute_result", (string?)badge["output_type"]);
        Assert.Equal("<b class=\"badge\">badge</b>", Text(badge["data"]!["text/html"]));
    }

    [Fact]
    public void TrainingProgressWritesTenthsOfTheWayUnderTheRunner()
    {
        var stdout = Stdout(CodeCells(runs["display"])[2]);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(["epoch 1/20  loss 1.000", "epoch 2/20  loss 0.500", "epoch 4/20  loss 0.250", "epoch 6/20  loss 0.167",
            "epoch 8/20  loss 0.125", "epoch 10/20  loss 0.100", "epoch 12/20  loss 0.083", "epoch 14/20  loss 0.071",
            "epoch 16/20  loss 0.062", "epoch 18/20  loss 0.056", "epoch 20/20  loss 0.050"], lines);
        Assert.Contains("    | epoch 20/20  loss 0.050", runs["display"].Log);
    }

    [Fact]
    public void CellsOfOtherKernelsAreKeptUnexecutedWithAVisibleNote()
    {
        var run = runs["kernels"];
        var code = CodeCells(run);
        Assert.True(run.Result.Succeeded, run.Log);
        foreach (var (cell, kernel) in new[] { (code[0], "fsharp"), (code[1], "pwsh") })
        {
            Assert.Equal("not-executed", Status(cell));
            Assert.Null(cell["execution_count"]);
            Assert.Contains($"not executed: this is a {kernel} cell", Text(Outputs(cell).Single()["data"]!["text/plain"]));
        }
        Assert.Equal("let x = 1", Text(code[0]["source"]));
        Assert.Equal("csharp ran\n", Stdout(code[2]));
        Assert.Equal(1, (int)code[2]["execution_count"]!);
    }

    [Fact]
    public void ACellRunningPastTheTimeoutFailsAndTheRestIsSkipped()
    {
        var run = runs["timeout"];
        var code = CodeCells(run);
        Assert.Equal("TimeoutException", (string?)Error(code[0])["ename"]);
        Assert.Equal("timed-out", Status(code[0]));
        Assert.Equal("skipped", Status(code[1]));
        Assert.Contains("TIMED OUT", run.Log);
    }

    [Fact]
    public void ChartsBecomeHtmlOutputsWithoutPlotlyJs()
    {
        var code = CodeCells(runs["chart"]);
        var charts = code.SelectMany(Outputs).Where(o => o["data"] is not null).Select(o => Text(o["data"]!["text/html"])).ToList();
        Assert.Equal(2, charts.Count);
        Assert.All(charts, c => Assert.Contains("Plotly.newPlot", c));
        Assert.All(charts, c => Assert.DoesNotContain("<script src", c));
        Assert.True(new FileInfo(runs["chart"].Result.NotebookPath).Length < 100_000, "the .ipynb must not carry plotly.js");
    }
}
