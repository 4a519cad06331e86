using PidReg.Model;
using PidReg.Plots;
using PidReg.Training;

namespace PidReg.Tests.Plots;

public class TrainingHistoryChartsTests
{
    // Three stage-1 epochs with atoms, then two stage-2 epochs without; frozen at the end of epoch 3.
    static TrainingHistory History() => KitChartPage.History();

    [Fact]
    public void AtomsFromAHistoryCoverOnlyTheEpochsThatComputedThePid()
    {
        var json = new ChartJson(TrainingCharts.Atoms(History()));

        Assert.Equal(4, json.Traces.Length);
        Assert.All(json.Traces, t => Assert.Equal([1.0, 2.0, 3.0], ChartJson.Numbers(t.GetProperty("x"))));
        Assert.Equal([0.4, 0.3, 0.2], ChartJson.Numbers(json.Trace("S (synergistic)").GetProperty("y")));
        Assert.Equal(3.0, json.Layout.GetProperty("shapes")[0].GetProperty("x0").GetDouble());
    }

    [Fact]
    public void WeightsAndLambdasFromAHistoryCoverEveryEpochWithTheFreezeMarked()
    {
        var weights = new ChartJson(TrainingCharts.FusionWeights(History(), "image", "text"));
        var lambdas = new ChartJson(TrainingCharts.Lambdas(History()));

        var w1 = weights.Trace("w1 (image)");
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0], ChartJson.Numbers(w1.GetProperty("x")));
        Assert.Equal([0.3, 0.4, 0.5, 0.6, 0.7], ChartJson.Numbers(w1.GetProperty("y")).Select(v => Math.Round(v, 12)));
        Assert.Equal([0.9, 0.8, 0.7, 0.6, 0.5], ChartJson.Numbers(lambdas.Trace("λ2 (X2)").GetProperty("y")).Select(v => Math.Round(v, 12)));
        Assert.Equal(3.0, lambdas.Layout.GetProperty("shapes")[0].GetProperty("x0").GetDouble());
    }

    [Fact]
    public void LossesFromAHistoryLeaveOutTermsThatWereNeverOn()
    {
        var json = new ChartJson(TrainingCharts.Losses(History()));

        Assert.Equal(["total", "MSE (train)", "MSE (validation)", "CS", "Gaussianity"], json.TraceNames);
        Assert.Equal([1.2, 0.6, 0.4, 0.3, 0.24], ChartJson.Numbers(json.Trace("MSE (validation)").GetProperty("y")).Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void OnALogAxisASwitchedOffTermLosesOnlyItsZeroEpochs()
    {
        var json = new ChartJson(TrainingCharts.Losses(History(), logY: true));

        var gauss = json.Trace("Gaussianity");
        Assert.Equal([1.0, 2.0, 3.0], ChartJson.Numbers(gauss.GetProperty("x")));
        Assert.Equal(5, ChartJson.Numbers(json.Trace("total").GetProperty("x")).Length);
        Assert.Equal("log", json.Layout.GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void AnEmptyHistoryIsRejected()
    {
        var empty = new TrainingHistory([], 0, null, false);
        Assert.Contains("no epochs", Assert.Throws<ArgumentException>(() => TrainingCharts.Lambdas(empty)).Message);
        Assert.Throws<ArgumentNullException>(() => TrainingCharts.Atoms((TrainingHistory)null!));
    }
}
