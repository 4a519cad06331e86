using PidReg.Plots;

namespace PidReg.Tests.Plots;

public class PredictionChartsTests
{
    [Fact]
    public void PredictedVsTrueHasThePointsTheIdentityLineAndTheRmseInTheTitle()
    {
        // Errors 0, 0, 0, 2 give RMSE = sqrt(4 / 4) = 1.
        var json = new ChartJson(PredictionCharts.PredictedVsTrue([1, 2, 3, 4], [1, 2, 3, 6], "age", "years"));

        Assert.Equal(["test samples", "y = x"], json.TraceNames);
        Assert.Equal([1.0, 2.0, 3.0, 6.0], ChartJson.Numbers(json.Traces[0].GetProperty("y")));
        Assert.Equal([1.0, 6.0], ChartJson.Numbers(json.Trace("y = x").GetProperty("x")));
        Assert.Contains("RMSE 1 years", json.Title);
        Assert.Contains("n = 4", json.Title);
        Assert.Equal("true age (years)", json.AxisTitle("xaxis"));
        Assert.Equal("predicted age (years)", json.AxisTitle("yaxis"));
    }

    [Fact]
    public void ResidualsAreTrueMinusPredictedAgainstThePrediction()
    {
        var json = new ChartJson(PredictionCharts.Residuals([10, 20, 30], [12, 18, 30], "Tc", "K"));

        var points = json.Trace("residuals");
        Assert.Equal([12.0, 18.0, 30.0], ChartJson.Numbers(points.GetProperty("x")));
        Assert.Equal([-2.0, 2.0, 0.0], ChartJson.Numbers(points.GetProperty("y")));
        Assert.Equal([0.0, 0.0], ChartJson.Numbers(json.Trace("zero").GetProperty("y")));
        Assert.Equal("true − predicted (K)", json.AxisTitle("yaxis"));
    }

    [Fact]
    public void PredictionsRejectNaNMismatchAndEmpty()
    {
        Assert.Contains("index 1", Assert.Throws<ArgumentException>(() => PredictionCharts.PredictedVsTrue([1, double.NaN], [1, 2])).Message);
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => PredictionCharts.Residuals([1, 2], [1])).ParamName);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => PredictionCharts.PredictedVsTrue([], [])).Message);
    }
}
