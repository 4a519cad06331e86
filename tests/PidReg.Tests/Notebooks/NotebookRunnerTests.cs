using System.Text.Json.Nodes;
using PidReg.Cli.Notebooks;
using PidReg.Plots;

namespace PidReg.Tests.Notebooks;

[Collection(NotebookRunsCollection.Name)]
[Trait(TestCategories.Category, TestCategories.Slow)]
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

    static string Html(JsonObject output) => Text(output["data"]!["text/html"]);

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
        // The kernel's own view of an object: its ToString as the summary of a tree of its properties.
        Assert.Contains("<code>Point { X = 1, Y = 42 }</code>", Html(result));
        Assert.Equal((int)code[2]["execution_count"]!, (int)result["execution_count"]!);
    }

    [Fact]
    public void WhatACellPrintsIsEchoedToTheLogBetweenTheLinesThatStartAndEndTheCell()
    {
        var log = runs["state"].Log.Replace("\r\n", "\n");
        var printed = log.IndexOf("\n      y = 42\n", StringComparison.Ordinal);
        Assert.True(printed >= 0, log);
        Assert.True(log.IndexOf("  [2/5] cell 3  running\n", StringComparison.Ordinal) is >= 0 and var started && started < printed, log);
        Assert.True(log.IndexOf("\n      a warning\n", StringComparison.Ordinal) > printed, log);
        Assert.True(log.IndexOf("  [2/5] cell 3  ok", StringComparison.Ordinal) > printed, log);
    }

    [Fact]
    public void StandardErrorBecomesItsOwnStream()
    {
        var stderr = Outputs(CodeCells(runs["state"])[1]).Single(o => (string?)o["name"] == "stderr");
        Assert.Equal("a warning\n", Text(stderr["text"]));
    }

    [Fact]
    public void LoadAndFileReferenceDirectivesResolveAgainstTheSourceNotebooksFolder()
    {
        // helper.csx and ../../Markdig.dll are relative to the fixtures folder, not to the output folder the
        // runner's working copy is in: the kernel process runs in the source notebook's folder.
        var code = CodeCells(runs["state"]);
        Assert.Contains("<pre>42</pre>", Html(Outputs(code[3]).Single()));
        Assert.Equal("<p><em>loaded</em></p>", Text(Outputs(code[4]).Single()["data"]!["text/plain"]));
        Assert.True(runs["state"].Result.Succeeded, runs["state"].Log);
    }

    [Fact]
    public void TheOutputFolderHoldsTheExecutedNotebookAndItsReportOnlyEvenAfterAKilledKernel()
    {
        // The runner's working copy (.NAME.running) is gone, whether the kernel process finished, failed or was stopped.
        foreach (var key in new[] { "state", "compile", "timeout" })
        {
            var result = runs[key].Result;
            var files = Directory.GetFiles(Path.GetDirectoryName(result.NotebookPath)!).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            Assert.Equal([Path.GetFileName(result.HtmlPath), Path.GetFileName(result.NotebookPath)], files);
        }
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
        // The shape of dotnet-interactive's Jupyter kernel: ename "Error", the diagnostics at (line,column) of the cell.
        Assert.Equal("Error", (string?)error["ename"]);
        Assert.Equal("(3,9): error CS0029: Cannot implicitly convert type 'string' to 'int'", (string?)error["evalue"]);
        Assert.Equal([(string?)error["evalue"]], error["traceback"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("completed", Status(code[0]));
        Assert.Equal("failed", Status(code[1]));
        Assert.Equal("skipped", Status(code[2]));
        Assert.Empty(Outputs(code[2]));
        Assert.Null(code[2]["execution_count"]);
        Assert.Equal([2], run.Result.FailedCells);
        Assert.Contains("[2/3] cell 2  FAILED", run.Log);
        Assert.DoesNotContain("never", run.Log);
    }

    [Fact]
    public void ARuntimeExceptionKeepsWhatTheCellPrintedAndShowsTheStackThroughTheHelperItCalled()
    {
        var code = CodeCells(runs["runtime"]);
        Assert.Equal("before\n", Stdout(code[1]));
        var error = Error(code[1]);
        Assert.Equal("Error", (string?)error["ename"]);
        var message = (string)error["evalue"]!;
        Assert.StartsWith("System.InvalidOperationException: boom from the helper\n", message);
        // Boom was declared in cell 1; the kernel compiles each cell as a submission of its own.
        Assert.Matches(@"\n   at Submission#\d+\.Boom\(\)\n", message);
        Assert.Equal("failed", Status(code[1]));
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
    public void NugetReferencesAreRestoredByTheKernel()
    {
        var run = runs["chart"];
        Assert.True(run.Result.Succeeded, run.Log);
        var restore = Html(Outputs(CodeCells(run)[0]).Single(o => (string?)o["output_type"] == "display_data"));
        Assert.Contains("<strong>Installed Packages</strong>", restore);
        Assert.Contains("<span>Plotly.NET, 6.0.0</span>", restore);
        Assert.Contains("<span>Plotly.NET.CSharp, 0.14.0</span>", restore);
    }

    [Fact]
    public void APackageNugetDoesNotHaveIsACellErrorNamingIt()
    {
        var run = runs["missing"];
        var error = Error(CodeCells(run)[0]);
        Assert.Equal("Error", (string?)error["ename"]);
        Assert.Contains("error NU1101: Unable to find package No.Such.Package.Pidreg.", (string?)error["evalue"]);
        Assert.Equal([1], run.Result.FailedCells);
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
    public void DisplayShowsRecordsAsTheKitsTableHtmlStringsAsHtmlAndKitValuesThroughTheirOwnView()
    {
        var outputs = Outputs(CodeCells(runs["display"])[1]);
        Assert.Equal(["display_data", "display_data", "execute_result"], outputs.Select(o => (string?)o["output_type"]));
        // KernelSetup.Initialize registered the kit's views: a sequence of records is one table, a column per property.
        Assert.Equal("<table class=\"pidreg-table\"><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody>"
                     + "<tr><td>a</td><td>1.5</td></tr><tr><td>b</td><td>2.5</td></tr></tbody></table>", Html(outputs[0]));
        Assert.Equal("<i>raw html</i>", Html(outputs[1]));
        Assert.Equal("<b class=\"badge\">badge</b>", Html(outputs[2]));
    }

    [Fact]
    public void TrainingProgressIsOneDisplayUpdatedInPlaceThatKeepsItsLastStep()
    {
        // Twenty reports, one output: each report replaced the display the first one made, and nothing went to the console.
        var progress = Assert.Single(Outputs(CodeCells(runs["display"])[2]));
        Assert.Equal("display_data", (string?)progress["output_type"]);
        var html = Html(progress);
        Assert.StartsWith("<div class=\"pidreg-progress\"><progress max=\"20\" value=\"20\"></progress> epoch 20/20  loss 0.050  (", html);
        Assert.EndsWith(", done)</div>", html);
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
            var note = Outputs(cell).Single();
            Assert.Equal("stderr", (string?)note["name"]);
            Assert.Contains($"not executed: this is a {kernel} cell", Text(note["text"]));
        }
        Assert.Equal("let x = 1", Text(code[0]["source"]));
        Assert.Equal("csharp ran\n", Stdout(code[2]));
        Assert.Equal(1, (int)code[2]["execution_count"]!);
    }

    [Fact]
    public void ACellRunningPastTheTimeoutIsStoppedWithItsKernelAndTheRestIsSkipped()
    {
        // The cell awaits forever: that the run came back at all means its kernel process was stopped.
        var run = runs["timeout"];
        var code = CodeCells(run);
        var seconds = NotebookRuns.Timeout.TotalSeconds;
        Assert.Equal("completed", Status(code[0]));
        Assert.Equal("before the wait\n", Stdout(code[0]));
        var error = Error(code[1]);
        Assert.Equal("TimeoutException", (string?)error["ename"]);
        Assert.Equal($"cell 2 was still running after {seconds} s (--timeout), so its kernel process was stopped", (string?)error["evalue"]);
        Assert.Equal("timed-out", Status(code[1]));
        Assert.Equal("skipped", Status(code[2]));
        Assert.Empty(Outputs(code[2]));
        Assert.Equal([2], run.Result.FailedCells);
        Assert.Contains($"cell 2  TIMED OUT after {seconds} s", run.Log);
    }

    [Fact]
    public void ChartsBecomeHtmlOutputsAndOnlyTheFirstCarriesPlotlyJs()
    {
        // A kernel's outputs share one page (VS Code, Jupyter): plotly.js travels once, with the first chart.
        var code = CodeCells(runs["chart"]).Skip(1);
        var charts = code.SelectMany(Outputs).Where(o => o["data"] is not null).Select(Html).ToList();
        Assert.Equal(2, charts.Count);
        Assert.All(charts, c => Assert.Contains("Plotly.newPlot", c));
        Assert.All(charts, c => Assert.DoesNotContain("<script src", c));
        Assert.StartsWith(ChartHtml.PlotlyScript(), charts[0]);
        Assert.DoesNotContain(ChartHtml.PlotlyJsSource()[..200], charts[1]);
        Assert.Equal("two charts\n", Stdout(code.Last()));
    }
}
