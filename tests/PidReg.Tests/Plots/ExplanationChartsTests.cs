using PidReg.Plots;
using PidReg.Training;

namespace PidReg.Tests.Plots;

public class ExplanationChartsTests
{
    static readonly ModalityAttribution Example = new(["thickness", "subcortical"], 0, 20.0, [21.5, 18.0, 20.0],
        new double[,] { { 1.0, 0.5 }, { -1.5, -0.5 }, { 0.25, -0.25 } });

    [Fact]
    public void ContributionsDrawOneBoxOfEveryRowPerModalityWithTheBaselineInTheTitle()
    {
        var json = new ChartJson(ExplanationCharts.Contributions(Example, "age", "years"));

        Assert.Equal(["thickness", "subcortical"], json.TraceNames);
        Assert.Equal([1.0, -1.5, 0.25], ChartJson.Numbers(json.Trace("thickness").GetProperty("y")));
        Assert.Equal([0.5, -0.5, -0.25], ChartJson.Numbers(json.Trace("subcortical").GetProperty("y")));
        Assert.Equal("all", json.Trace("thickness").GetProperty("boxpoints").GetString());
        Assert.Contains("n = 3", json.Title);
        Assert.Contains("prediction − 20", json.Title);
        Assert.Equal("contribution to predicted age (years)", json.AxisTitle("yaxis"));
    }

    [Fact]
    public void ContributionsRejectNonFiniteValuesAndNamesTheModality()
    {
        var bad = Example with { Contributions = new double[,] { { 1.0, double.NaN }, { 0, 0 }, { 0, 0 } } };
        Assert.Contains("subcortical", Assert.Throws<ArgumentException>(() => ExplanationCharts.Contributions(bad)).Message);
    }

    [Fact]
    public void PathWeightsDrawOneBarPerFusionPathInPathOrder()
    {
        var weights = PidReg.Model.FusionPathWeights.FromValues(["text", "audio", "vision"], [0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1]);
        var json = new ChartJson(ExplanationCharts.PathWeights(weights));

        var bars = Assert.Single(json.Traces);
        Assert.Equal(["text", "audio", "vision", "text*audio", "text*vision", "audio*vision", "text*audio*vision"], ChartJson.Strings(bars.GetProperty("x")));
        Assert.Equal([0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1], ChartJson.Numbers(bars.GetProperty("y")));
        var colors = ChartJson.Strings(bars.GetProperty("marker").GetProperty("color"));
        Assert.Equal(["rgba(0, 114, 178, 1.0)", "rgba(230, 159, 0, 1.0)", "rgba(213, 94, 0, 1.0)"], colors[..3]);
        Assert.All(colors[3..], c => Assert.Equal("rgba(204, 121, 167, 1.0)", c));
        Assert.Contains("7 paths", json.Title);
        Assert.Contains("MMI", json.Title);
        Assert.Equal("weight (fraction of 1)", json.AxisTitle("yaxis"));
    }
}
