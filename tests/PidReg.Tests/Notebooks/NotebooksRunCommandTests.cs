using System.CommandLine;
using PidReg.Cli.Commands;

namespace PidReg.Tests.Notebooks;

[Collection(NotebookRunsCollection.Name)]
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
        Assert.Equal(["a.html", "a.ipynb", "b.html", "b.ipynb"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.Contains("var epochs = 3;", File.ReadAllText(Path.Combine(output, "a.ipynb")));
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
