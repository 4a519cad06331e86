using System.Text.Json.Nodes;
using PidReg.Cli.Notebooks;

namespace PidReg.Tests.Notebooks;

public sealed class NotebookDocumentTests : IDisposable
{
    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("pidreg-nbdoc-");

    public void Dispose() => folder.Delete(recursive: true);

    string Write(string name, string text)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ReadingAndWritingKeepsEveryKeyOfAValidNotebook()
    {
        var path = Path.Combine(NotebookRuns.Fixtures, "state.ipynb");
        var original = JsonNode.Parse(File.ReadAllText(path));
        var written = JsonNode.Parse(NotebookDocument.Load(path).ToJson());
        Assert.True(JsonNode.DeepEquals(original, written));
    }

    [Fact]
    public void AnOlderNotebookGainsUniqueCellIdsAndBecomes45()
    {
        var notebook = NotebookDocument.Load(Path.Combine(NotebookRuns.Fixtures, "kernels.ipynb"));
        var json = JsonNode.Parse(notebook.ToJson())!;
        Assert.Equal(5, (int)json["nbformat_minor"]!);
        var ids = json["cells"]!.AsArray().Select(c => (string)c!["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Empty(NbformatSchema.Violations(json.ToJsonString()));
    }

    [Fact]
    public void SourceLinesRoundTripThroughNbformatLineLists()
    {
        foreach (var text in new[] { "", "a", "a\n", "a\nb", "a\n\nb\n", "\n" })
            Assert.Equal(text, NotebookDocument.FromLines(NotebookDocument.ToLines(text)));
        Assert.Equal(["a\n", "b"], NotebookDocument.ToLines("a\nb").Select(n => (string)n!));
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON (line 1)")]
    [InlineData("[1, 2]", "a notebook must be a JSON object")]
    [InlineData("""{"nbformat": 3, "cells": []}""", "nbformat 3 is not supported")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}""", "missing the \"cells\" array")]
    [InlineData("""{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"source": "x"}]}""", "cell 1 has no cell_type")]
    public void AMalformedNotebookIsRejectedNamingTheFileAndTheProblem(string text, string problem)
    {
        var path = Write("bad.ipynb", text);
        var error = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Load(path));
        Assert.StartsWith(path, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void AMissingNotebookIsRejectedNamingTheFile()
    {
        var path = Path.Combine(folder.FullName, "nope.ipynb");
        Assert.Equal($"{path}: file not found", Assert.Throws<NotebookFormatException>(() => NotebookDocument.Load(path)).Message);
    }
}
