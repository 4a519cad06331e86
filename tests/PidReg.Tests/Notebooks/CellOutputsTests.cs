using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using PidReg.Cli.Notebooks;

namespace PidReg.Tests.Notebooks;

public sealed class CellOutputsTests
{
    static FormattedValue Html(string html) => new("text/html", html);

    static FormattedValue Plain(string text) => new("text/plain", text);

    static string Text(JsonNode? node) => NotebookDocument.FromLines(node);

    [Fact]
    public void ConsecutiveWritesToAStreamMergeIntoOneOutputOfLines()
    {
        var outputs = new CellOutputs();
        outputs.Stream("stdout", "a\n");
        outputs.Stream("stdout", "b\n");
        outputs.Stream("stderr", "warning\n");
        outputs.Stream("stdout", "");
        outputs.Stream("stdout", "c");
        var json = outputs.ToJson();
        Assert.Equal(["stdout", "stderr", "stdout"], json.Select(o => (string?)o!["name"]));
        Assert.Equal(["a\n", "b\n"], json[0]!["text"]!.AsArray().Select(l => (string?)l));
        Assert.Equal("c", Text(json[2]!["text"]));
    }

    [Fact]
    public void AnUpdatedDisplayKeepsItsPlaceAndShowsItsLastValue()
    {
        var outputs = new CellOutputs();
        outputs.Display("progress", [Html("<p>1/3</p>")]);
        outputs.Stream("stdout", "between\n");
        outputs.Update("progress", [Html("<p>3/3</p>")]);
        var json = outputs.ToJson();
        Assert.Equal(["display_data", "stream"], json.Select(o => (string?)o!["output_type"]));
        Assert.Equal("<p>3/3</p>", Text(json[0]!["data"]!["text/html"]));
    }

    [Fact]
    public void AResultKeepsEveryMimeTypeOfTheValueAndTheExecutionCount()
    {
        var outputs = new CellOutputs();
        outputs.Result(4, [Html("<b>x</b>"), Plain("x\ny")]);
        var result = outputs.ToJson().Single()!;
        Assert.Equal("execute_result", (string?)result["output_type"]);
        Assert.Equal(4, (int)result["execution_count"]!);
        Assert.Equal("<b>x</b>", Text(result["data"]!["text/html"]));
        Assert.Equal(["x\n", "y"], result["data"]!["text/plain"]!.AsArray().Select(l => (string?)l));
    }

    [Fact]
    public void EveryKindOfOutputIsValidNbformat()
    {
        var outputs = new CellOutputs();
        outputs.Stream("stdout", "printed\n");
        outputs.Display("d", [Html("<i>shown</i>"), Plain("shown")]);
        outputs.Display(null, [Plain("anonymous")]);
        outputs.Result(1, [Plain("42")]);
        outputs.Error("Error", "(1,1): error CS0103: The name 'z' does not exist in the current context", ["(1,1): error CS0103"]);
        var notebook = new JsonObject
        {
            ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new JsonObject(),
            ["cells"] = new JsonArray(new JsonObject
            {
                ["cell_type"] = "code", ["id"] = "c1", ["metadata"] = new JsonObject(), ["source"] = "z",
                ["execution_count"] = 1, ["outputs"] = outputs.ToJson(),
            }),
        };
        Assert.Empty(NbformatSchema.Violations(notebook.ToJsonString()));
        Assert.Equal(5, outputs.ToJson().Count);
    }
}
