using System.Text.Json.Nodes;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Training;
using PidReg.Tests.Training;
using static PidReg.Tests.Training.SyntheticModalities;

namespace PidReg.Tests.Evaluation;

[Collection(TorchSeedCollection.Name)]
public class ExperimentRunnerTests
{
    public ExperimentRunnerTests() => TrainingTestSetup.Prepare();

    static readonly ExperimentOptions Quick = new()
    {
        Seeds = 2,
        Model = new PidRegOptions { HiddenDim = 16, LatentDim = 3, BatchSize = 64, Epochs = 3, LearningRate = 1e-2 },
    };

    static readonly MultimodalDataset Data = Make(Structure.NeedsBoth, 300, 8);

    [Fact]
    public void AggregationIgnoresTheOrderRunsFinishInAndKeepsFailuresBeside()
    {
        // No training: made-up runs, so that only the aggregation is under test (the order of the sums behind each mean).
        var runner = new ExperimentRunner(new ExperimentOptions { Seeds = 3 });
        string[] models = ["early", "pidreg"];
        var plan = runner.Plan(models);
        Assert.Equal([("early", 1234), ("early", 1235), ("early", 1236), ("pidreg", 1234), ("pidreg", 1235), ("pidreg", 1236)], plan.Select(k => (k.Model, k.Seed)));
        Assert.Equal(Enumerable.Range(0, 6), plan.Select(k => k.Index));
        var rng = new Random(7);
        var runs = plan.Select(k => new ExperimentRun(k.Model, k.Seed,
            new RegressionScores(rng.NextDouble() * 10, rng.NextDouble(), rng.NextDouble(), rng.NextDouble()), null, 0.1 + rng.NextDouble(), 100)).ToArray();

        var inOrder = runner.Aggregate("d", models, runs);
        var shuffled = runner.Aggregate("d", models, runs.Reverse().OrderBy(_ => rng.Next()).ToArray());
        Assert.Equal(inOrder.ToJson(), shuffled.ToJson());
        Assert.Equal(runs, shuffled.Runs);

        // Two of pidreg's runs failed: its row counts the one left, the failures come in grid order; a model with none has no row.
        var failures = new[] { new ExperimentFailure("pidreg", 1236, "b"), new ExperimentFailure("pidreg", 1234, "a") };
        var partial = runner.Aggregate("d", models, runs.Where(r => r.Model == "early" || r.Seed == 1235), failures);
        Assert.Equal([("early", 3), ("pidreg", 1)], partial.Rows.Select(r => (r.Model, r.Seeds)));
        Assert.Equal(["a", "b"], partial.Failures.Select(f => f.Message));
        Assert.Equal(["early"], runner.Aggregate("d", models, runs.Take(3)).Rows.Select(r => r.Model));

        Assert.Contains("given twice", Assert.Throws<ArgumentException>(() => runner.Aggregate("d", models, [runs[0], runs[0]])).Message);
        Assert.Contains("not in this grid", Assert.Throws<ArgumentException>(() => runner.Aggregate("d", ["early"], runs)).Message);
    }

    [Fact]
    public void TheTableHasOneRowPerModelWithFiniteMetrics()
    {
        string[] models = ["pidreg", "early", "unimodal1"];
        var reports = new List<ExperimentProgress>();
        var result = new ExperimentRunner(Quick with { PaperNumbers = new Dictionary<string, double> { ["pidreg"] = 1.5 }, PaperLabel = "paper RMSE" })
            .Run(Data, models, new SynchronousProgress<ExperimentProgress>(reports.Add));

        Assert.Equal(models, result.Rows.Select(r => r.Model));
        Assert.Equal(6, result.Runs.Count);
        Assert.Equal(Enumerable.Range(1, 6), reports.Select(r => r.Run));
        Assert.All(reports, r => Assert.Equal(6, r.Total));
        Assert.All(result.Rows, row =>
        {
            Assert.Equal(2, row.Seeds);
            foreach (var m in new[] { row.Rmse, row.Mae, row.R2, row.Pearson, row.SecondsPerEpoch })
                Assert.True(double.IsFinite(m.Mean) && double.IsFinite(m.Sd) && m.Sd >= 0, $"{row.Model}: {m}");
            Assert.True(row.Parameters > 0);
            Assert.Null(row.Acc2);
        });
        Assert.Equal(1.5, result.Rows[0].Paper);
        Assert.Null(result.Rows[1].Paper);
        // Seeds 1234 and 1235 differ, so the two runs of a model differ.
        Assert.NotEqual(result.Runs[0].Scores, result.Runs[1].Scores);
        Assert.Equal([1234, 1235], result.Runs.Take(2).Select(r => r.Seed));

        var frame = result.ToDataFrame();
        Assert.Equal(3, frame.Rows.Count);
        Assert.Equal(result.Rows[2].Rmse.Mean, (double)frame["rmse_mean"][2]!);
        Assert.Equal(1.5, (double)frame["paper"][0]!);

        var markdown = result.ToMarkdown().TrimEnd().Split('\n');
        Assert.Equal(5, markdown.Length);
        Assert.StartsWith("| model | RMSE | MAE | R² | Pearson r | s / epoch | parameters | paper RMSE |", markdown[0]);
        Assert.StartsWith("| early |", markdown[3]);

        var json = JsonNode.Parse(result.ToJson())!.AsArray();
        Assert.Equal(3, json.Count);
        var first = json[0]!.AsObject();
        Assert.Equal("pidreg", (string)first["model"]!);
        Assert.Equal(result.Rows[0].Rmse.Mean, (double)first["rmse"]!["mean"]!);
        Assert.Equal(result.Rows[0].R2.Sd, (double)first["r2"]!["sd"]!);
        Assert.Equal(result.Rows[0].Parameters, (long)first["parameters"]!);
        foreach (var key in new[] { "mae", "pearson", "secondsPerEpoch" })
            Assert.NotNull(first[key]!["mean"]);
    }

    [Fact]
    public void TheSameSeedsReproduceEveryRunBitForBit()
    {
        var split = Data.Split();
        var runner = new ExperimentRunner(Quick);
        var a = runner.Run(split, ["pidreg", "lmf"]);
        var b = runner.Run(split, ["pidreg", "lmf"]);
        Assert.Equal(a.Runs.Select(r => r.Scores), b.Runs.Select(r => r.Scores));
    }

    [Fact]
    public void EveryEpochOfEveryRunIsReportedInOrderAndWatchingChangesNoResult()
    {
        var split = Data.Split();
        var runner = new ExperimentRunner(Quick);
        var epochs = new List<ExperimentEpoch>();
        var watched = runner.Run(split, ["early", "pidreg"], epochs: new SynchronousProgress<ExperimentEpoch>(epochs.Add));
        var plain = runner.Run(split, ["early", "pidreg"]);

        Assert.Equal(plain.Runs.Select(r => r.Scores), watched.Runs.Select(r => r.Scores));
        // Three epochs, patience 30: no run stops early, so every run reports epochs 1 to 3.
        Assert.Equal(from run in Enumerable.Range(1, 4) from epoch in Enumerable.Range(1, 3) select (run, epoch), epochs.Select(e => (e.Run, e.Epoch)));
        Assert.All(epochs, e => Assert.Equal(4, e.Total));
        Assert.Equal([("early", 1234), ("early", 1235), ("pidreg", 1234), ("pidreg", 1235)],
            epochs.Where(e => e.Epoch == 1).Select(e => (e.Key.Model, e.Key.Seed)));
    }

    [Fact]
    public void SentimentMetricsAppearWhenAskedFor()
    {
        var result = new ExperimentRunner(Quick with { Seeds = 1, Sentiment = true }).Run(Data, ["late"]);
        var row = Assert.Single(result.Rows);
        Assert.NotNull(row.Acc2);
        Assert.InRange(row.Acc2!.Mean, 0, 1);
        Assert.InRange(row.F1!.Mean, 0, 1);
        Assert.InRange(row.Acc7!.Mean, 0, 1);
        Assert.Equal(0, row.Acc2.Sd);
        Assert.Contains("| Acc-2 | F1 | Acc-7 |", result.ToMarkdown());
        Assert.NotNull(JsonNode.Parse(result.ToJson())![0]!["acc7"]);
    }

    [Fact]
    public void BadRequestsGiveClearErrors()
    {
        var runner = new ExperimentRunner(Quick);
        Assert.Contains("unknown model 'tnf'", Assert.Throws<ArgumentException>(() => runner.Run(Data, ["pidreg", "tnf"])).Message);
        Assert.Contains("ResplitPerSeed", Assert.Throws<InvalidOperationException>(
            () => new ExperimentRunner(Quick with { ResplitPerSeed = true }).Run(Data.Split(), ["early"])).Message);
        Assert.Equal("Seeds", Assert.Throws<ArgumentOutOfRangeException>(() => new ExperimentRunner(Quick with { Seeds = 0 })).ParamName);
        Assert.Contains("PaperNumbers['early']", Assert.Throws<ArgumentOutOfRangeException>(
            () => new ExperimentRunner(Quick with { PaperNumbers = new Dictionary<string, double> { ["early"] = double.NaN } })).Message);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => runner.Run(Data, ["early"], ct: cancelled.Token));
    }

    sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
