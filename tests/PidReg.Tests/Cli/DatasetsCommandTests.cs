using System.CommandLine;
using PidReg.Cli.Commands;
using PidReg.Data;

namespace PidReg.Tests.Cli;

/// <summary>`pidreg datasets [--json]`, run in-process (the console is captured: torch collection).</summary>
[Collection(TorchSeedCollection.Name)]
public sealed class DatasetsCommandTests
{
    static (int Exit, string Out, string Error) Run(params string[] args) =>
        CommandConsole.Invoke(new RootCommand { DatasetsCommand.Create() }, args);

    [Fact]
    public void TableListsBimodalMnistWith70000Rows()
    {
        var (exit, stdout, stderr) = Run("datasets");
        Assert.True(exit == 0, stderr);
        var line = stdout.Split('\n').Single(l => l.StartsWith(DatasetNames.BimodalMnist + " ", StringComparison.Ordinal));
        Assert.Equal([DatasetNames.BimodalMnist, DatasetKinds.Real, "70000", "left[392] + right[392]", "angle", "yes"],
            line.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void JsonListsBimodalMnistWith70000Rows()
    {
        var (exit, stdout, stderr) = Run("datasets", "--json");
        Assert.True(exit == 0, stderr);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var mnist = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == DatasetNames.BimodalMnist);
        Assert.Equal(70000, mnist.GetProperty("rows").GetInt32());
        Assert.True(mnist.GetProperty("realFilesPresent").GetBoolean());
    }
}
