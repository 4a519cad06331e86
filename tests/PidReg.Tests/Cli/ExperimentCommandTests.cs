using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PidReg.Cli.Commands;
using PidReg.Tests.Training;

namespace PidReg.Tests.Cli;

/// <summary>The `pidreg experiment` and `pidreg fit --model` contracts, run in-process on a small CSV.</summary>
[Collection(TorchSeedCollection.Name)]
public sealed class ExperimentCommandTests : IDisposable
{
    readonly string csv = Path.Combine(Path.GetTempPath(), $"pidreg-cli-{Guid.NewGuid():N}.csv");

    public ExperimentCommandTests()
    {
        TrainingTestSetup.Prepare();
        var rng = new Random(12);
        var text = new StringBuilder("a,b,c,d,y\n");
        for (int i = 0; i < 200; i++)
        {
            double s1 = rng.NextDouble(), s2 = rng.NextDouble();
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{s1},{rng.NextDouble()},{s2},{rng.NextDouble()},{s1 + s2}"));
        }
        File.WriteAllText(csv, text.ToString());
    }

    public void Dispose() => File.Delete(csv);

    [Fact]
    public void ExperimentJsonHasOneRowPerModelWithTheContractKeys()
    {
        var (exit, output, error) = CommandConsole.Invoke(ExperimentCommand.Create(), "--data", csv, "--target", "y", "--x1", "a,b", "--x2", "c,d",
            "--models", "early,unimodal2", "--seeds", "2", "--epochs", "2", "--threads", "1", "--json");
        Assert.True(exit == 0, error);
        var rows = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(new[] { "early", "unimodal2" }, rows.Select(r => (string)r!["model"]!));
        foreach (var row in rows)
        {
            foreach (var key in new[] { "rmse", "mae", "r2", "pearson", "secondsPerEpoch" })
                Assert.True(double.IsFinite((double)row![key]!["mean"]!) && (double)row[key]!["sd"]! >= 0, key);
            Assert.True((long)row!["parameters"]! > 0);
        }
    }

    [Fact]
    public void ExperimentTakesRowsAndHiddenDimLikeFit()
    {
        var (exit, output, error) = CommandConsole.Invoke(ExperimentCommand.Create(), "--data", csv, "--target", "y", "--x1", "a,b", "--x2", "c,d",
            "--models", "early", "--seeds", "1", "--epochs", "1", "--threads", "1", "--rows", "120", "--hidden-dim", "8", "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("(--rows 120: a subsample of the 200 rows, seed 42)", error);
        var narrow = (long)JsonNode.Parse(output)!.AsArray()[0]!["parameters"]!;
        var wide = CommandConsole.Invoke(ExperimentCommand.Create(), "--data", csv, "--target", "y", "--x1", "a,b", "--x2", "c,d",
            "--models", "early", "--seeds", "1", "--epochs", "1", "--threads", "1", "--rows", "120", "--hidden-dim", "16", "--json");
        Assert.True(wide.Exit == 0, wide.Error);
        Assert.True(narrow < (long)JsonNode.Parse(wide.Out)!.AsArray()[0]!["parameters"]!);
    }

    [Fact]
    public void FitAcceptsABaselineAndLeavesThePidFieldsNull()
    {
        var (exit, output, error) = CommandConsole.Invoke(FitCommand.Create(), "--data", csv, "--target", "y", "--x1", "a,b", "--x2", "c,d",
            "--model", "lmf", "--epochs", "2", "--threads", "1", "--json");
        Assert.True(exit == 0, error);
        var result = JsonNode.Parse(output)!.AsObject();
        Assert.True(double.IsFinite((double)result["metrics"]!["rmse"]!));
        Assert.Equal(2, (int)result["epochs"]!);
        foreach (var key in new[] { "pid", "weights", "lambdas", "frozenAtEpoch" })
            Assert.True(result.ContainsKey(key) && result[key] is null, key);
    }

    [Theory]
    [InlineData("fit", "unknown --model 'tfm'; valid names: pidreg,")]
    [InlineData("experiment", "unknown model 'tfm'; valid names: pidreg,")]
    public void UnknownModelNamesListTheValidOnes(string command, string expected)
    {
        var (exit, _, error) = command == "fit"
            ? CommandConsole.Invoke(FitCommand.Create(), "--data", csv, "--target", "y", "--x1", "a,b", "--x2", "c,d", "--model", "tfm")
            : CommandConsole.Invoke(ExperimentCommand.Create(), "--data", csv, "--target", "y", "--x1", "a,b", "--x2", "c,d", "--models", "early,tfm");
        Assert.Equal(2, exit);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void ExperimentNeedsExactlyOneDataSourceAndAllColumnsOfACsv()
    {
        var neither = CommandConsole.Invoke(ExperimentCommand.Create(), "--models", "early");
        Assert.Equal(2, neither.Exit);
        Assert.Contains("either --dataset NAME or --data FILE.csv", neither.Error);
        var missing = CommandConsole.Invoke(ExperimentCommand.Create(), "--data", csv, "--models", "early");
        Assert.Contains("missing: --target, the modalities", missing.Error);
        var half = CommandConsole.Invoke(ExperimentCommand.Create(), "--data", csv, "--target", "y", "--x1", "a", "--models", "early");
        Assert.Contains("--x1 needs --x2", half.Error);
        var mixed = CommandConsole.Invoke(ExperimentCommand.Create(), "--data", csv, "--target", "y", "--x1", "a", "--modality", "b=c", "--models", "early");
        Assert.Equal(2, mixed.Exit);
        Assert.Contains("either --x1 and --x2 or --modality NAME=COLS", mixed.Error);
        var noFile = CommandConsole.Invoke(ExperimentCommand.Create(), "--data", csv + ".missing", "--target", "y", "--x1", "a", "--x2", "c", "--models", "early");
        Assert.Equal(2, noFile.Exit);
        Assert.Contains(".missing", noFile.Error);
    }

    [Fact]
    public void AThreeModalitySetRunsEveryModelOnEveryModality()
    {
        // The MOSI stand-in has text, audio and vision: every model takes all three.
        var all = CommandConsole.Invoke(ExperimentCommand.Create(), "--dataset", "mosi", "--models", "early,lmf,unimodal3,pidreg", "--seeds", "1", "--epochs", "1", "--rows", "300", "--json");
        Assert.True(all.Exit == 0, all.Error);
        Assert.Equal(["early", "lmf", "unimodal3", "pidreg"], JsonNode.Parse(all.Out)!.AsArray().Select(row => (string?)row!["model"]));
        var one = CommandConsole.Invoke(ExperimentCommand.Create(), "--dataset", "mosi", "--modalities", "text", "--models", "early", "--seeds", "1", "--epochs", "1");
        Assert.Equal(2, one.Exit);
        Assert.Contains("name two or more modalities", one.Error);

        var unknown = CommandConsole.Invoke(ExperimentCommand.Create(), "--dataset", "mosi", "--modalities", "text,smell", "--models", "early", "--seeds", "1", "--epochs", "1");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("smell", unknown.Error);

        var chosen = CommandConsole.Invoke(ExperimentCommand.Create(), "--dataset", "mosi", "--modalities", "text,audio", "--models", "early", "--seeds", "1", "--epochs", "1", "--json");
        Assert.Equal(0, chosen.Exit);
        Assert.Equal("early", (string?)Assert.Single(JsonNode.Parse(chosen.Out)!.AsArray())!["model"]);
    }

    [Fact]
    public void BrainAgeReachesAreaAndVolumeThroughModalities()
    {
        // Neither is in brain-age's default pair (thickness, subcortical): the load reads their tables only when chosen.
        var chosen = CommandConsole.Invoke(ExperimentCommand.Create(), "--dataset", "brain-age", "--modalities", "volume,area", "--models", "early",
            "--seeds", "1", "--epochs", "1", "--rows", "200", "--json");
        Assert.Equal(0, chosen.Exit);
        Assert.Contains("volume", chosen.Error);

        var unknown = CommandConsole.Invoke(ExperimentCommand.Create(), "--dataset", "brain-age", "--modalities", "thickness,pial", "--models", "early", "--seeds", "1", "--epochs", "1");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("--modalities", unknown.Error);
        Assert.Contains("'pial'", unknown.Error);
        Assert.Contains("thickness, area, volume, subcortical", unknown.Error);
    }
}
