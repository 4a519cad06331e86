using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PidReg.Cli.Commands;
using PidReg.Tests.Training;

namespace PidReg.Tests.Cli;

[Collection(TorchSeedCollection.Name)]
public class FitCommandTests : IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "pidreg-fit-" + Guid.NewGuid().ToString("N"));

    public FitCommandTests()
    {
        TrainingTestSetup.Prepare();
        Directory.CreateDirectory(directory);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    string WriteCsv(int rows)
    {
        var data = SyntheticModalities.Make(SyntheticModalities.Structure.NeedsBoth, rows, 9, width1: 4, width2: 3);
        var text = new StringBuilder("a0,a1,a2,a3,b0,b1,b2,y\n");
        for (int i = 0; i < rows; i++)
        {
            var cells = Enumerable.Range(0, 4).Select(j => data.Modalities[0].Values[i, j])
                .Concat(Enumerable.Range(0, 3).Select(j => data.Modalities[1].Values[i, j]))
                .Append(data.Target[i, 0]);
            text.AppendLine(string.Join(",", cells.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        var path = Path.Combine(directory, "data.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    static (int Exit, string Out, string Error) Run(params string[] args) =>
        CommandConsole.Invoke(new RootCommand { FitCommand.Create() }, args);

    [Fact]
    public void JsonOutputFollowsTheDesignContractAndSavesACheckpoint()
    {
        var csv = WriteCsv(600);
        var output = Path.Combine(directory, "run");
        var (exit, stdout, stderr) = Run("fit", "--data", csv, "--target", "y", "--x1", "0-3", "--x2", "b0,b1,b2",
            "--epochs", "2", "--seed", "3", "--out", output, "--json", "--threads", "1");
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["metrics", "pid", "weights", "lambdas", "epochs", "frozenAtEpoch", "secondsPerEpoch", "normality"],
            root.EnumerateObject().Select(p => p.Name));
        // The latents' joint normality on the training split (70 % of 600 rows), 1 + 2 × 64 columns.
        var normality = root.GetProperty("normality");
        Assert.Equal(NormalityJson.Keys, normality.EnumerateObject().Select(p => p.Name));
        Assert.Equal(420, normality.GetProperty("samples").GetInt32());
        Assert.Equal(129, normality.GetProperty("dimensions").GetInt32());
        Assert.Equal(["rmse", "mae", "r2", "pearson"], root.GetProperty("metrics").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["uniqueX1", "uniqueX2", "redundancy", "synergy", "atoms", "measure"], root.GetProperty("pid").EnumerateObject().Select(p => p.Name));
        Assert.Equal("mmi", root.GetProperty("pid").GetProperty("measure").GetString());
        // One weight per fusion path, keyed by the modalities' names (x1, x2 for the --x1/--x2 spelling): a convex combination.
        var weights = root.GetProperty("weights").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(["x1", "x2", "x1*x2"], weights.Keys);
        Assert.Equal(1, weights.Values.Sum(), 9);
        Assert.Equal(2, root.GetProperty("lambdas").GetArrayLength());
        Assert.Equal(2, root.GetProperty("epochs").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("frozenAtEpoch").ValueKind);
        Assert.True(root.GetProperty("metrics").GetProperty("rmse").GetDouble() > 0);
        Assert.True(File.Exists(Path.Combine(output, "pidreg.json")) && File.Exists(Path.Combine(output, "history.json")));
        Assert.True(File.Exists(Path.Combine(output, ".pidreg-output")));  // the kit's folder: a rerun may replace its outputs
        var mine = Path.Combine(directory, "mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "history.json"), "{}");
        var again = Run("fit", "--data", csv, "--target", "y", "--x1", "0-3", "--x2", "b0,b1,b2", "--epochs", "1", "--out", mine);
        Assert.Equal(2, again.Exit);
        Assert.Contains("did not create", again.Error);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(mine, "history.json")));
    }

    [Fact]
    public void OutWritesEveryRowsPartAndPredictionAndTheTestRowsGiveTheReportedRmse()
    {
        var csv = WriteCsv(600);
        var output = Path.Combine(directory, "predictions");
        var (exit, stdout, stderr) = Run("fit", "--data", csv, "--target", "y", "--x1", "0-3", "--x2", "b0,b1,b2",
            "--model", "early", "--epochs", "2", "--out", output, "--json", "--threads", "1");
        Assert.True(exit == 0, stderr);
        var lines = File.ReadAllLines(Path.Combine(output, FitCommand.PredictionsFile));
        Assert.Equal("row,part,y,predicted_y", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        // Every data row of the CSV exactly once, in the 70/10/20 parts of the kit's split.
        Assert.Equal(Enumerable.Range(0, 600), rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).Order());
        Assert.Equal([("test", 120), ("train", 420), ("validation", 60)],
            rows.GroupBy(r => r[1]).Select(g => (g.Key, g.Count())).Order());
        // The target column is the CSV's own value of that row.
        var source = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')[^1]).ToArray();
        Assert.All(rows, r => Assert.Equal(source[int.Parse(r[0], CultureInfo.InvariantCulture)], r[2]));
        // The test rows' predictions reproduce the RMSE the command reported.
        var test = rows.Where(r => r[1] == "test").Select(r => (Truth: double.Parse(r[2], CultureInfo.InvariantCulture), Predicted: double.Parse(r[3], CultureInfo.InvariantCulture))).ToArray();
        double rmse = Math.Sqrt(test.Average(t => (t.Truth - t.Predicted) * (t.Truth - t.Predicted)));
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(json.RootElement.GetProperty("metrics").GetProperty("rmse").GetDouble(), rmse, 10);
    }

    [Fact]
    public void OutWritesEachModalitysContributionToEveryPredictionAndTheyAddUp()
    {
        var csv = WriteCsv(400);
        var output = Path.Combine(directory, "explanations");
        var (exit, _, stderr) = Run("fit", "--data", csv, "--target", "y", "--x1", "0-3", "--x2", "b0,b1,b2",
            "--epochs", "2", "--out", output, "--threads", "1");
        Assert.True(exit == 0, stderr);
        var lines = File.ReadAllLines(Path.Combine(output, FitCommand.ExplanationsFile));
        Assert.StartsWith("row,part,predicted_y,baseline,contribution_", lines[0]);
        Assert.Equal(2, lines[0].Split(',').Count(h => h.StartsWith("contribution_", StringComparison.Ordinal)));
        Assert.EndsWith(",local_mi_joint,local_redundancy_ccs", lines[0]);
        var predicted = File.ReadAllLines(Path.Combine(output, FitCommand.PredictionsFile)).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(r => r[0], r => double.Parse(r[3], CultureInfo.InvariantCulture));
        var rows = lines.Skip(1).Select(l => l.Split(',').ToArray()).ToArray();
        Assert.Equal(400, rows.Length);
        foreach (var r in rows)
        {
            double prediction = double.Parse(r[2], CultureInfo.InvariantCulture), baseline = double.Parse(r[3], CultureInfo.InvariantCulture);
            double sum = double.Parse(r[4], CultureInfo.InvariantCulture) + double.Parse(r[5], CultureInfo.InvariantCulture);
            Assert.Equal(prediction - baseline, sum, 6);
            Assert.Equal(predicted[r[0]], prediction, 4);
        }
    }

    [Fact]
    public void RowsTakesTheSameSeededSubsampleForEverySeedBeforeTheSplit()
    {
        var csv = WriteCsv(600);
        int[] Rows(string seed, out string stdout)
        {
            var output = Path.Combine(directory, "rows-" + seed);
            var run = Run("fit", "--data", csv, "--target", "y", "--x1", "0-3", "--x2", "b0,b1,b2", "--model", "early",
                "--rows", "300", "--seed", seed, "--epochs", "1", "--out", output, "--threads", "1");
            Assert.True(run.Exit == 0, run.Error);
            stdout = run.Out;
            return [.. File.ReadAllLines(Path.Combine(output, FitCommand.PredictionsFile)).Skip(1)
                .Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).Order()];
        }
        var first = Rows("1", out var text);
        Assert.Contains("(--rows 300: a subsample of the 600 rows, seed 42): 210 train / 30 validation / 60 test rows", text);
        Assert.Equal(300, first.Distinct().Count());
        Assert.All(first, r => Assert.InRange(r, 0, 599));
        // Not simply the first 300 rows: a CSV sorted by the target would give a biased slice.
        Assert.Contains(first, r => r >= 300);
        Assert.Equal(first, Rows("2", out _));
    }

    [Fact]
    public void HiddenDimSetsTheWidthOfTheLayers()
    {
        var csv = WriteCsv(100);
        long Parameters(string hidden)
        {
            var (exit, stdout, stderr) = Run("fit", "--data", csv, "--target", "y", "--x1", "0-3", "--x2", "b0,b1,b2", "--model", "early",
                "--hidden-dim", hidden, "--epochs", "1", "--threads", "1");
            Assert.True(exit == 0, stderr);
            var line = stdout.Split('\n').Single(l => l.EndsWith(" parameters", StringComparison.Ordinal));
            return long.Parse(line.Split(", ")[^1].Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        }
        Assert.True(Parameters("8") < Parameters("16"));
    }

    [Theory]
    [InlineData("--hidden-dim", "1", "--hidden-dim 1: must be between 2 and 16384.")]
    [InlineData("--rows", "2", "--rows 2: must be between 3 and 100000000.")]
    [InlineData("--rows", "51", "--rows 51: dataset 'data' has only 50 rows; give at most 50 or leave --rows out to use them all.")]
    public void HiddenDimAndRowsOutOfRangeAreNamed(string flag, string value, string message)
    {
        var csv = WriteCsv(50);
        var (exit, _, stderr) = Run("fit", "--data", csv, "--target", "y", "--x1", "0-3", "--x2", "4-6", flag, value);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, stderr);
    }

    // Every registry name is a valid --model (baselines: ExperimentCommandTests).
    [Theory]
    [InlineData("magic", "unknown --model 'magic'; valid names: pidreg,")]
    public void OtherModelsFailClearly(string model, string message)
    {
        var csv = WriteCsv(50);
        var (exit, _, stderr) = Run("fit", "--data", csv, "--target", "y", "--x1", "0-3", "--x2", "4-6", "--model", model);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void NamedModalitiesNameTheWeightsAndTakeTheSameColumnsAsX1AndX2()
    {
        var csv = WriteCsv(300);
        string[] common = ["fit", "--data", csv, "--target", "y", "--epochs", "1", "--hidden-dim", "8", "--latent-dim", "2", "--batch-size", "64", "--json"];
        var named = Run([.. common, "--modality", "left=a0,a1,a2,a3", "--modality", "right=b0,b1,b2"]);
        Assert.True(named.Exit == 0, named.Error);
        var spelled = Run([.. common, "--x1", "a0,a1,a2,a3", "--x2", "b0,b1,b2"]);
        using var a = JsonDocument.Parse(named.Out);
        using var b = JsonDocument.Parse(spelled.Out);
        Assert.Equal(["left", "right", "left*right"], a.RootElement.GetProperty("weights").EnumerateObject().Select(p => p.Name));
        Assert.Equal(b.RootElement.GetProperty("metrics").GetRawText(), a.RootElement.GetProperty("metrics").GetRawText());
    }

    [Fact]
    public void ThreeModalitiesTrainABaselineAndPidRegWithWeightsPerPathAndLatticeAtoms()
    {
        var csv = WriteCsv(300);
        string[] common = ["fit", "--data", csv, "--target", "y", "--epochs", "1", "--hidden-dim", "8", "--latent-dim", "2", "--batch-size", "64", "--json",
            "--modality", "a=a0,a1", "--modality", "b=a2,a3", "--modality", "c=b0,b1,b2"];
        var late = Run([.. common, "--model", "late"]);
        Assert.True(late.Exit == 0, late.Error);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(late.Out).RootElement.GetProperty("weights").ValueKind);
        var pidreg = Run([.. common, "--model", "pidreg"]);
        Assert.True(pidreg.Exit == 0, pidreg.Error);
        using var json = JsonDocument.Parse(pidreg.Out);
        var weights = json.RootElement.GetProperty("weights").EnumerateObject().ToArray();
        Assert.Equal(["a", "b", "c", "a*b", "a*c", "b*c", "a*b*c"], weights.Select(p => p.Name));
        Assert.Equal(1, weights.Sum(p => p.Value.GetDouble()), 9);
        var pid = json.RootElement.GetProperty("pid");
        Assert.Equal("mmi", pid.GetProperty("measure").GetString());
        Assert.Equal(18, pid.GetProperty("atoms").EnumerateObject().Count());
        Assert.False(pid.TryGetProperty("uniqueX1", out _));  // the two-source keys belong to two modalities
        Assert.Equal(3, json.RootElement.GetProperty("lambdas").GetArrayLength());
        Assert.Equal(1 + 3 * 2, json.RootElement.GetProperty("normality").GetProperty("dimensions").GetInt32());  // (y', Z1, Z2, Z3)
    }

    [Theory]
    [InlineData("--modality a=a0 --x1 b0 --x2 b1", "give either --x1 and --x2 or --modality NAME=COLS")]
    [InlineData("--modality a=a0", "give a second --modality NAME=COLS")]
    [InlineData("--modality a=a0 --modality a=b0", "--modality a is given twice")]
    [InlineData("--modality a*b=a0 --modality c=b0", "may not contain '*'")]
    [InlineData("--modality a0 --modality c=b0", "write NAME=COLS")]
    [InlineData("--x1 a0", "--x1 needs --x2")]
    [InlineData("", "give the modalities")]
    [InlineData("--x1 a0 --x2 b0 --device gpu", "--device gpu: give cpu or cuda")]
    public void ModalityAndDeviceMistakesAreNamed(string flags, string message)
    {
        var csv = WriteCsv(50);
        var (exit, _, stderr) = Run(["fit", "--data", csv, "--target", "y", .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void CudaOnAMachineWithoutItIsRefusedBeforeTheDataIsReadNamingTheFix()
    {
        var (exit, _, stderr) = Run("fit", "--data", Path.Combine(directory, "not-read.csv"), "--target", "y", "--x1", "a0", "--x2", "b0", "--device", "cuda");
        Assert.Equal(2, exit);
        if (TorchSharp.torch.cuda.is_available())
        {
            Assert.Contains("not-read.csv", stderr);  // CUDA is there: the next problem is the missing file
            return;
        }
        Assert.Contains("--device cuda", stderr);
        Assert.Contains("--device cpu", stderr);
        Assert.DoesNotContain("not-read.csv", stderr);
    }

    [Fact]
    public void MissingFileOrColumnIsReportedWithoutAStackTrace()
    {
        var missing = Run("fit", "--data", Path.Combine(directory, "none.csv"), "--target", "y", "--x1", "0-3", "--x2", "4-6");
        Assert.NotEqual(0, missing.Exit);
        Assert.Contains("none.csv", missing.Error);
        Assert.DoesNotContain("   at ", missing.Error);
        var csv = WriteCsv(50);
        var column = Run("fit", "--data", csv, "--target", "nope", "--x1", "0-3", "--x2", "4-6");
        Assert.NotEqual(0, column.Exit);
        Assert.Contains("nope", column.Error);
    }
}
