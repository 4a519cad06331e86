using PidReg.Plots;

namespace PidReg.Tests.Plots;

public class ComparisonChartsTests
{
    [Fact]
    public void ModelComparisonHasOnePanelPerMetricWithSdErrorBars()
    {
        var json = new ChartJson(ComparisonCharts.Models(["PIDReg", "early fusion", "late fusion"],
        [
            new MetricSummary("RMSE", [10.4, 11.0, 12.1], [0.2, 0.3, 0.1], "K"),
            new MetricSummary("R²", [0.91, 0.9, 0.88], [0.01, 0.01, 0.02]),
        ]));

        Assert.Equal(["RMSE", "R²"], json.TraceNames);
        Assert.Equal(2, json.Layout.GetProperty("grid").GetProperty("columns").GetInt32());
        var rmse = json.Trace("RMSE");
        Assert.Equal(["PIDReg", "early fusion", "late fusion"], ChartJson.Strings(rmse.GetProperty("x")));
        Assert.Equal([10.4, 11.0, 12.1], ChartJson.Numbers(rmse.GetProperty("y")));
        Assert.Equal([0.2, 0.3, 0.1], ChartJson.Numbers(rmse.GetProperty("error_y").GetProperty("array")));
        Assert.Equal("y2", json.Trace("R²").GetProperty("yaxis").GetString());
        Assert.Equal("RMSE (K)", json.AxisTitle("yaxis"));
        Assert.Equal("R²", json.AxisTitle("yaxis2"));
    }

    [Fact]
    public void ModelComparisonRejectsAMetricWithTheWrongNumberOfModels()
    {
        var ex = Assert.Throws<ArgumentException>(() => ComparisonCharts.Models(["a", "b"], [new MetricSummary("MAE", [1, 2, 3], [0, 0, 0])]));
        Assert.Contains("metrics['MAE'].Mean", ex.Message);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() =>
            ComparisonCharts.Models(["a"], [new MetricSummary("MAE", [1], [-1])])).Message);
    }

    [Fact]
    public void ModalitySelectionPlacesEachModalityByUniqueInformationAndLossAndShowsTheTimeSaved()
    {
        var json = new ChartJson(ComparisonCharts.ModalitySelection(["fMRI", "sMRI"], [0.05, 0.6], [0.1, 2.5], [70, 30], "MAE", "years"));

        var tradeOff = json.Traces[0];
        Assert.Equal([0.05, 0.6], ChartJson.Numbers(tradeOff.GetProperty("x")));
        Assert.Equal([0.1, 2.5], ChartJson.Numbers(tradeOff.GetProperty("y")));
        Assert.Equal(["drop fMRI", "drop sMRI"], ChartJson.Strings(tradeOff.GetProperty("text")));
        // A label at the plot's edge is drawn whole, not cut by the axis.
        Assert.False(tradeOff.GetProperty("cliponaxis").GetBoolean());
        Assert.Equal([70.0, 30.0], ChartJson.Numbers(json.Traces[1].GetProperty("y")));
        Assert.Equal("unique information of the modality (bits)", json.AxisTitle("xaxis"));
        Assert.Equal("MAE increase when dropped (years)", json.AxisTitle("yaxis"));
        Assert.Equal("inference time saved (%)", json.AxisTitle("yaxis2"));
    }

    [Fact]
    public void ModalitySelectionRejectsNegativeUniqueInformationAndMismatchedLengths()
    {
        Assert.Equal("uniqueBits", Assert.Throws<ArgumentException>(() =>
            ComparisonCharts.ModalitySelection(["a", "b"], [-0.1, 0.2], [1, 1], [1, 1])).ParamName);
        Assert.Equal("timeSavingPercent", Assert.Throws<ArgumentException>(() =>
            ComparisonCharts.ModalitySelection(["a", "b"], [0.1, 0.2], [1, 1], [1])).ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(null)]
    public void OneSeedSaysSoAndDrawsNoWhiskers(int? seeds)
    {
        var json = new ChartJson(ComparisonCharts.Models(["PIDReg", "early fusion"],
            [new MetricSummary("RMSE", [10.4, 11.0], [0, 0], "K")], seeds: seeds));

        Assert.Equal("Model comparison (one seed)", json.Title);
        Assert.DoesNotContain("±", json.Title);
        Assert.False(json.Trace("RMSE").TryGetProperty("error_y", out _));
    }

    [Fact]
    public void SeveralSeedsAreCountedInTheTitle()
    {
        var json = new ChartJson(ComparisonCharts.Models(["PIDReg"], [new MetricSummary("RMSE", [10.4], [0.3])], seeds: 5));

        Assert.Equal("Model comparison (mean ± sd over 5 seeds)", json.Title);
        Assert.Equal([0.3], ChartJson.Numbers(json.Trace("RMSE").GetProperty("error_y").GetProperty("array")));
        Assert.Equal("seeds", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ComparisonCharts.Models(["a"], [new MetricSummary("MAE", [1], [0])], seeds: 0)).ParamName);
        Assert.Contains("one seed has no spread", Assert.Throws<ArgumentException>(() =>
            ComparisonCharts.Models(["a"], [new MetricSummary("MAE", [1], [0.1])], seeds: 1)).Message);
    }
}
