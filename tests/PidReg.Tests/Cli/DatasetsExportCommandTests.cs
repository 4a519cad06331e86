using System.CommandLine;
using PidReg.Cli.Commands;
using PidReg.Data;

namespace PidReg.Tests.Cli;

/// <summary>`pidreg datasets export NAME --out FILE.csv`, run in-process (the console is captured: torch collection).</summary>
[Collection(TorchSeedCollection.Name)]
public sealed class DatasetsExportCommandTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "pidreg-export-" + Guid.NewGuid().ToString("N"));

    public DatasetsExportCommandTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    static (int Exit, string Out, string Error) Run(params string[] args) =>
        CommandConsole.Invoke(new RootCommand { DatasetsCommand.Create() }, args);

    [Fact]
    public void ExportWritesTheModalitiesThenTheTargetAndReadsBackExactly()
    {
        var csv = Path.Combine(directory, "sub", "diabetes.csv");
        var (exit, stdout, stderr) = Run("datasets", "export", DatasetNames.Diabetes, "--out", csv);
        Assert.True(exit == 0, stderr);
        Assert.Contains("442 rows; columns 0-3 clinical, 4-9 serum, 10 progression (target)", stdout);
        var original = Datasets.Load(DatasetNames.Diabetes);
        var back = MultimodalDataset.FromCsv(csv, "10", "0-3", "4-9");
        Assert.Equal(original.CsvColumnNames(), File.ReadLines(csv).First().Split(','));
        Assert.Equal(original["clinical"].Values, back["x1"].Values);
        Assert.Equal(original["serum"].Values, back["x2"].Values);
        Assert.Equal(original.Target, back.Target);
    }

    [Fact]
    public void ExistingFileIsNotOverwritten()
    {
        var csv = Path.Combine(directory, "mine.csv");
        File.WriteAllText(csv, "keep me\n");
        var (exit, _, stderr) = Run("datasets", "export", DatasetNames.Diabetes, "--out", csv);
        Assert.Equal(CommandGuard.UserError, exit);
        Assert.Contains("already exists", stderr);
        Assert.Equal("keep me\n", File.ReadAllText(csv));
    }

    [Fact]
    public void UnknownDatasetListsTheKnownOnes()
    {
        var (exit, _, stderr) = Run("datasets", "export", "nope", "--out", Path.Combine(directory, "x.csv"));
        Assert.Equal(CommandGuard.UserError, exit);
        Assert.Contains("unknown dataset 'nope'", stderr);
        Assert.Contains(DatasetNames.Supercon, stderr);
        Assert.False(File.Exists(Path.Combine(directory, "x.csv")));
    }
}
