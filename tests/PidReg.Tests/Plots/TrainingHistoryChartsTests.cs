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

    // Three modalities a, b, c: two stage-1 epochs; only the atoms {1}{2} and {123} ever reach a hundredth of a bit.
    static TrainingHistory ThreeModalityHistory()
    {
        var lattice = PidReg.Information.RedundancyLattice.Create(3).Antichains.Select(a => a.Key).ToArray();
        EpochReport Epoch(int e, double r, double s) => new(e, 1, 1, 0, 0, 0, 1, 1, null, null, 0.9, 0.8, 1e-3, 1)
        {
            PathWeights = FusionPathWeights.FromValues(["a", "b", "c"], [0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1]).ByName,
            LatticeAtoms = lattice.ToDictionary(k => k, k => k == "{1}{2}" ? r : k == "{123}" ? s : 0.001, StringComparer.Ordinal),
            Lambdas = [0.9, 0.8, 0.7 - 0.1 * e],
        };
        return new TrainingHistory([Epoch(1, 0.2, 0.1), Epoch(2, 0.3, 0.05)], 2, null, false);
    }

    [Fact]
    public void AThreeModalityHistoryDrawsItsPathsLambdasAndTheLatticeAtomsThatMatter()
    {
        var history = ThreeModalityHistory();
        var atoms = new ChartJson(TrainingCharts.Atoms(history));
        Assert.Equal(["{1}{2}", "{123}"], atoms.TraceNames);
        Assert.Equal([0.2, 0.3], ChartJson.Numbers(atoms.Trace("{1}{2}").GetProperty("y")));
        Assert.Contains("MMI lattice", atoms.Title);
        Assert.Contains("16 of 18 atoms under 0.005 bits left out", atoms.Title);

        var weights = new ChartJson(TrainingCharts.FusionWeights(history));
        Assert.Equal(["w (a)", "w (b)", "w (c)", "w (a*b)", "w (a*c)", "w (b*c)", "w (a*b*c)"], weights.TraceNames);
        var lambdas = new ChartJson(TrainingCharts.Lambdas(history));
        Assert.Equal(["λ1 (a)", "λ2 (b)", "λ3 (c)"], lambdas.TraceNames);
        Assert.Equal([0.6, 0.5], ChartJson.Numbers(lambdas.Trace("λ3 (c)").GetProperty("y")).Select(v => Math.Round(v, 12)));
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
