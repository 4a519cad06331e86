using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Notebooks;
using PidReg.Tests.Plots;
using PidReg.Tests.Training;
using PidReg.Training;
using static PidReg.Tests.Training.SyntheticModalities;

namespace PidReg.Tests.Notebooks;

[Collection(TorchSeedCollection.Name)]
public sealed class WalkthroughTests
{
    public WalkthroughTests() => TrainingTestSetup.Prepare();

    static readonly PidRegOptions Tiny = new() { HiddenDim = 16, LatentDim = 3, BatchSize = 64, Epochs = 3, LearningRate = 1e-2, Seed = 4 };

    [Fact]
    public void CompareGivesTheExperimentRunnersTableAndALinePerRun()
    {
        var split = Make(Structure.NeedsBoth, 300, 8).Split();
        var options = new ExperimentOptions { Seeds = 2, Model = Tiny };
        var log = new StringWriter();

        var result = Walkthrough.Compare(split, "pidreg, early", options, log);

        var expected = new ExperimentRunner(options).Run(split, ["pidreg", "early"]);
        Assert.Equal(expected.Rows.Select(r => (r.Model, r.Seeds, r.Rmse, r.Mae, r.R2, r.Parameters)),
            result.Rows.Select(r => (r.Model, r.Seeds, r.Rmse, r.Mae, r.R2, r.Parameters)));
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("run ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["run 1/4: pidreg, seed 1234: ", "run 2/4: pidreg, seed 1235: ", "run 3/4: early, seed 1234: ", "run 4/4: early, seed 1235: "],
            lines.Select(l => l[..(l.IndexOf(": RMSE", StringComparison.Ordinal) + 2)]));
        // Outside a kernel the progress goes to the same log; it ends at the grid's end even when early stopping cut a run short.
        Assert.Contains("epoch of the grid 12/12  4 runs done", log.ToString());
    }

    [Fact]
    public void CompareRefusesUnknownModelsAndANewSplitPerSeed()
    {
        var split = Make(Structure.NeedsBoth, 200, 1).Split();
        Assert.Contains("unknown model 'nope'", Assert.Throws<ArgumentException>(() =>
            Walkthrough.Compare(split, "pidreg,nope", new ExperimentOptions { Seeds = 1, Model = Tiny }, TextWriter.Null)).Message);
        var error = Assert.Throws<ArgumentException>(() =>
            Walkthrough.Compare(split, "pidreg", new ExperimentOptions { Seeds = 1, Model = Tiny, ResplitPerSeed = true }, TextWriter.Null));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("ResplitPerSeed", error.Message);
    }

    [Fact]
    public void SelectModalityTrainsOneNetworkPerModalityWithTheFittedModelsSettings()
    {
        var split = Make(Structure.SecondIsNoise, 900, 6).Split();
        using var pidreg = new PidRegRegressor(Tiny with { BatchSize = 100, Epochs = 20 }).Fit(split.Train, split.Validation);
        var log = new StringWriter();

        var report = Walkthrough.SelectModality(pidreg, split, log);

        Assert.Equal(["x1", "x2"], report.Modalities.Select(m => m.Modality));
        Assert.Equal(Metrics.Regression(split.Test.Target, pidreg.Predict(split.Test)), report.FusedScores);
        Assert.True(report.Modalities[0].R2Loss > report.Modalities[1].R2Loss, report.ToMarkdown());
        Assert.Contains("x1 only: epoch 1/20", log.ToString());
        Assert.Contains("epoch 40/40  both unimodal networks trained", log.ToString());
    }

    [Fact]
    public void SelectModalityOverThreeModalitiesDropsEachInTurnAndAccountsFromTheLatentLattice()
    {
        var split = MakeThree(900, 6).Split();
        using var pidreg = new PidRegRegressor(Tiny with { BatchSize = 100, Epochs = 20 }).Fit(split.Train, split.Validation);
        var log = new StringWriter();

        var report = Walkthrough.SelectModality(pidreg, split, log);

        Assert.Equal(["a", "b", "c"], report.Modalities.Select(m => m.Modality));
        Assert.Null(report.Atoms);
        var lattice = Assert.IsType<PidReg.Information.LatticePid>(report.LatticeAtoms);
        Assert.Equal(18, lattice.Atoms.Count);
        // y = s1 + s2 + s3 with each s_m in its own modality: dropping any of them costs accuracy.
        Assert.All(report.Modalities, m => Assert.True(m.R2Loss > 0.05, report.ToMarkdown()));
        // The account is the unique atom plus a share of the redundancies; with the synergies they add up to the clipped atoms.
        Assert.All(report.Modalities, m => Assert.Equal(m.UniqueBits + m.RedundancyShareBits, m.PidBits, 12));
        Assert.Equal(Math.Max(0, lattice["{1}"]), report.Modalities[0].UniqueBits, 12);
        Assert.InRange(report.Modalities.Sum(m => m.PidBits), 0, lattice.Atoms.Sum(a => Math.Max(0, a)) + 1e-12);
        Assert.Contains("without a: epoch 1/20", log.ToString());
        Assert.Contains("epoch 60/60  3 networks without one modality trained", log.ToString());
        Assert.Contains("| c |", report.ToMarkdown());
    }

    [Fact]
    public void ModelsChartHasAPanelPerMetricAndTheUnitOnlyOnErrorsOnTheTargetsScale()
    {
        var result = MadeUpResult(sentiment: false);
        var json = new ChartJson(Walkthrough.ModelsChart(result, [ComparisonMetric.Mae, ComparisonMetric.R2], "K"));

        Assert.Equal(["MAE", "R²"], json.TraceNames);
        Assert.Equal(["pidreg", "early"], ChartJson.Strings(json.Trace("MAE").GetProperty("x")));
        Assert.Equal(result.Rows.Select(r => r.Mae.Mean), ChartJson.Numbers(json.Trace("MAE").GetProperty("y")));
        Assert.Equal("MAE (K)", json.AxisTitle("yaxis"));
        Assert.Equal("R²", json.AxisTitle("yaxis2"));
        Assert.Contains("3 seeds", json.Title);
    }

    [Fact]
    public void ModelsChartAsksForSentimentWhenATableHasNoSentimentMetrics()
    {
        var error = Assert.Throws<ArgumentException>(() => Walkthrough.ModelsChart(MadeUpResult(sentiment: false), [ComparisonMetric.Acc2]));
        Assert.Contains("model 'pidreg' has no Acc-2", error.Message);
        Assert.Contains("ExperimentOptions.Sentiment = true", error.Message);
        Assert.Equal(["Acc-2"], new ChartJson(Walkthrough.ModelsChart(MadeUpResult(sentiment: true), [ComparisonMetric.Acc2])).TraceNames);
    }

    [Fact]
    public void SubsampleDrawsSeededRowsAndLeavesTheDataAloneWhenAllRowsAreAsked()
    {
        var data = Make(Structure.SameSignal, 50, 3);

        var sample = Walkthrough.Subsample(data, 10);
        Assert.Equal(10, sample.RowCount);
        Assert.Equal(sample.Target.Cast<double>(), Walkthrough.Subsample(data, 10).Target.Cast<double>());
        Assert.NotEqual(sample.Target.Cast<double>(), Walkthrough.Subsample(data, 10, seed: 8).Target.Cast<double>());
        Assert.All(Walkthrough.Column(sample.Target), y => Assert.Contains(y, Walkthrough.Column(data.Target)));
        Assert.Same(data, Walkthrough.Subsample(data, 0));
        Assert.Same(data, Walkthrough.Subsample(data, 50));
        Assert.Equal("maxRows", Assert.Throws<ArgumentOutOfRangeException>(() => Walkthrough.Subsample(data, -1)).ParamName);
    }

    [Fact]
    public void ColumnTakesOneColumnAndNamesTheRangeWhenAskedForAnother()
    {
        double[,] values = { { 1, 2 }, { 3, 4 }, { 5, 6 } };
        Assert.Equal([1.0, 3, 5], Walkthrough.Column(values));
        Assert.Equal([2.0, 4, 6], Walkthrough.Column(values, 1));
        Assert.Empty(Walkthrough.Column(new double[0, 1]));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Walkthrough.Column(values, 2));
        Assert.Equal("column", error.ParamName);
        Assert.Contains("2 columns (0 to 1)", error.Message);
    }

    [Fact]
    public void DescribeSaysTheRowsOfEachPartAndHowAFitWent()
    {
        var split = Make(Structure.SameSignal, 100, 2).Split();
        Assert.Equal($"train {split.Train.RowCount}, validation {split.Validation.RowCount}, test {split.Test.RowCount}", Walkthrough.Describe(split));
        var history = new TrainingHistory([], BestEpoch: 0, FrozenAtEpoch: null, StoppedEarly: false);
        Assert.Equal("0 epochs, best epoch 0, weights frozen at epoch never, 0.00 s per epoch", Walkthrough.Describe(history));
    }

    /// <summary>A table of made-up runs (nothing trained): pidreg and early, 3 seeds each.</summary>
    internal static ExperimentResult MadeUpResult(bool sentiment, IReadOnlyDictionary<string, double>? paper = null)
    {
        var runner = new ExperimentRunner(new ExperimentOptions { Seeds = 3, Sentiment = sentiment, PaperNumbers = paper, PaperLabel = "paper RMSE (K)" });
        string[] models = ["pidreg", "early"];
        var rng = new Random(11);
        var runs = runner.Plan(models).Select(k => new ExperimentRun(k.Model, k.Seed,
            new RegressionScores(1 + rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble()),
            sentiment ? new SentimentScores(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()) : null, 0.5, 1234)).ToArray();
        return runner.Aggregate("made-up", models, runs);
    }
}
