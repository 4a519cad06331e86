using PidReg.Cli.Notebooks;

namespace PidReg.Tests.Notebooks;

public sealed class ParameterInjectorTests
{
    const string Cell = """
        // knobs
        var epochs = 200;        // quick: 2
        var big = 3000000000;
        long seed = 7;
        var rate = 1e-3;         // learning rate; quick: 0.5
        double scale = 2;
        var verbose = false;     // quick: true
        var name = "full";       // quick: "tiny"
        var derived = epochs * 2;
        """;

    static NotebookDocument Notebook(string parametersSource) => NotebookDocument.Parse(System.Text.Json.Nodes.JsonNode.Parse($$"""
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
          {"cell_type": "code", "id": "p", "metadata": {"tags": ["parameters"]}, "source": {{System.Text.Json.JsonSerializer.Serialize(parametersSource)}}, "outputs": [], "execution_count": null},
          {"cell_type": "code", "id": "b", "metadata": {}, "source": "epochs", "outputs": [], "execution_count": null}]}
        """), "test.ipynb");

    [Fact]
    public void DeclarationsAreReadWithTheirTypesAndQuickValues()
    {
        var parameters = ParametersCell.Parse(Cell);
        Assert.Equal(["epochs", "big", "seed", "rate", "scale", "verbose", "name"], parameters.Select(p => p.Name));
        Assert.Equal([ParameterType.Int, ParameterType.Long, ParameterType.Long, ParameterType.Double, ParameterType.Double, ParameterType.Bool, ParameterType.String],
            parameters.Select(p => p.Type));
        Assert.Equal(["2", null, null, "0.5", null, "true", "\"tiny\""], parameters.Select(p => p.QuickValue));
    }

    [Theory]
    [InlineData("Int", "-12", "-12")]
    [InlineData("Long", "12", "12L")]
    [InlineData("Double", "2", "2.0")]
    [InlineData("Double", "1e-3", "0.001")]
    [InlineData("Double", "NaN", "double.NaN")]
    [InlineData("Double", "-inf", "double.NegativeInfinity")]
    [InlineData("Bool", "True", "true")]
    [InlineData("String", "a \"b\" \\ c", "\"a \\\"b\\\" \\\\ c\"")]
    [InlineData("String", "\"quoted\"", "\"quoted\"")]
    public void ValuesBecomeCSharpLiteralsOfTheDeclaredType(string type, string value, string literal) =>
        Assert.Equal(literal, new NotebookParameter("p", Enum.Parse<ParameterType>(type), "0", null).ToLiteral(value));

    [Theory]
    [InlineData("Int", "2.5")]
    [InlineData("Int", "3000000000")]
    [InlineData("Long", "x")]
    [InlineData("Double", "1,5")]
    [InlineData("Bool", "yes")]
    [InlineData("Int", "")]
    public void AValueOfTheWrongTypeIsRejectedNamingTheParameter(string typeName, string value)
    {
        var type = Enum.Parse<ParameterType>(typeName);
        var error = Assert.Throws<NotebookFormatException>(() => new NotebookParameter("epochs", type, "0", null).ToLiteral(value));
        Assert.StartsWith($"parameter epochs is {NotebookParameter.TypeName(type)} (default 0); '{value}' is not a valid", error.Message);
    }

    [Fact]
    public void AnUnknownParameterIsRejectedListingTheKnownOnes()
    {
        var error = Assert.Throws<NotebookFormatException>(() => ParameterInjector.Inject(Notebook(Cell), "test.ipynb", [new("epoch", "3")], quick: false));
        Assert.Equal("test.ipynb: unknown parameter 'epoch'; the parameters cell declares: epochs (int), big (long), seed (long), rate (double), "
                     + "scale (double), verbose (bool), name (string)", error.Message);
    }

    [Fact]
    public void ParamOnANotebookWithoutAParametersCellIsAnError()
    {
        var notebook = Notebook(Cell);
        notebook.Cells[0].Metadata.Remove("tags");
        var error = Assert.Throws<NotebookFormatException>(() => ParameterInjector.Inject(notebook, "test.ipynb", [new("epochs", "3")], quick: false));
        Assert.StartsWith("test.ipynb: --param epochs given, but no code cell is tagged 'parameters'; tag the cell", error.Message);
        Assert.Empty(ParameterInjector.Inject(notebook, "test.ipynb", [], quick: false));
    }

    [Fact]
    public void QuickOnANotebookWithoutATaggedParametersCellNamesTheTag()
    {
        var notebook = Notebook(Cell);
        notebook.Cells[0].Metadata.Remove("tags");
        var error = Assert.Throws<NotebookFormatException>(() => ParameterInjector.Inject(notebook, "test.ipynb", [], quick: true));
        Assert.StartsWith("test.ipynb: --quick given, but no code cell is tagged 'parameters'; tag the cell", error.Message);
        Assert.Contains("\"tags\": [\"parameters\"]", error.Message);
    }

    [Fact]
    public void QuickOnAParametersCellWithoutQuickValuesIsAnError()
    {
        var error = Assert.Throws<NotebookFormatException>(() => ParameterInjector.Inject(Notebook("var epochs = 200;"), "test.ipynb", [], quick: true));
        Assert.Equal("test.ipynb: --quick given, but the cell tagged 'parameters' has no quick values; end a declaration with a comment such as `var epochs = 200; // quick: 5`", error.Message);
        // With --param as well, --quick is not the only override, so the run does what was asked.
        Assert.Equal("5", ParameterInjector.Inject(Notebook("var epochs = 200;"), "test.ipynb", [new("epochs", "5")], quick: true)["epochs"]!.ToJsonString());
    }

    [Fact]
    public void ABadQuickValueIsReportedAsSuch()
    {
        var error = Assert.Throws<NotebookFormatException>(() => ParametersCell.Parse("var epochs = 200; // quick: two"));
        Assert.StartsWith("quick value in the parameters cell: parameter epochs is int", error.Message);
    }

    [Fact]
    public void TheInjectedCellFollowsTheParametersCellAndIsReplacedOnEveryRun()
    {
        var notebook = Notebook(Cell);
        ParameterInjector.Inject(notebook, "t", [new("scale", "3")], quick: true);
        var recorded = ParameterInjector.Inject(notebook, "t", [new("epochs", "5")], quick: false);
        Assert.Equal(3, notebook.Cells.Count);
        Assert.Equal(["injected-parameters"], notebook.Cells[1].Tags);
        Assert.Equal("// Injected by `pidreg notebooks run` (--param)\nvar epochs = 5;", notebook.Cells[1].Source);
        Assert.Equal(5, (int)recorded["epochs"]!);
        Assert.Equal("epochs", notebook.Cells[2].Source);
    }
}
