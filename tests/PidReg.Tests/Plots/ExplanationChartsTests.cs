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
}
