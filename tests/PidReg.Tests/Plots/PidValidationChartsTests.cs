using PidReg.Plots;
using static PidReg.Tests.Plots.PidChartsTests;

namespace PidReg.Tests.Plots;

public class PidValidationChartsTests
{
    [Fact]
    public void EstimatedVsTruePlotsEachAtomAgainstItsTruthWithAnIdentityLine()
    {
        var truth = new[] { Pid(0.5, 0, 0.2, 0.1), Pid(0, 0.4, 0.3, 0) };
        var estimated = new[] { Pid(0.45, 0.02, 0.25, 0.12), Pid(0.01, 0.38, 0.28, 0.05) };

        var json = new ChartJson(PidValidationCharts.EstimatedVsTrue(truth, estimated));

        Assert.Equal(["U1 (unique to X1)", "U2 (unique to X2)", "R (redundant)", "S (synergistic)", "y = x"], json.TraceNames);
        var u2 = json.Trace("U2 (unique to X2)");
        Assert.Equal([0.0, 0.4], ChartJson.Numbers(u2.GetProperty("x")));
        Assert.Equal([0.02, 0.38], ChartJson.Numbers(u2.GetProperty("y")));
        var identity = json.Trace("y = x");
        Assert.Equal(ChartJson.Numbers(identity.GetProperty("x")), ChartJson.Numbers(identity.GetProperty("y")));
        Assert.Equal([0.0, 0.5], ChartJson.Numbers(identity.GetProperty("x")));
        Assert.Equal("true atom (bits)", json.AxisTitle("xaxis"));
    }

    [Fact]
    public void EstimatedVsTrueRejectsDifferentCounts()
    {
        var ex = Assert.Throws<ArgumentException>(() => PidValidationCharts.EstimatedVsTrue([Pid(1, 0, 0, 0)], []));
        Assert.Equal("estimated", ex.ParamName);
    }

    [Fact]
    public void BiasChartShowsPlugInCorrectedAndTruthOnALogSampleSizeAxis()
    {
        var json = new ChartJson(PidValidationCharts.BiasVsSampleSize([100, 1000, 10000], [0.9, 0.55, 0.51], [0.48, 0.5, 0.5],
            truth: 0.5, plugInSd: [0.1, 0.03, 0.01]));

        Assert.Equal(["plug-in", "bias-corrected", "truth (0.5 bits)"], json.TraceNames);
        Assert.Equal("log", json.Layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal([100.0, 1000.0, 10000.0], ChartJson.Numbers(json.Traces[0].GetProperty("x")));
        Assert.Equal([0.1, 0.03, 0.01], ChartJson.Numbers(json.Traces[0].GetProperty("error_y").GetProperty("array")));
        Assert.False(json.Traces[1].TryGetProperty("error_y", out _));
        var truth = json.Traces[2];
        Assert.Equal([100.0, 10000.0], ChartJson.Numbers(truth.GetProperty("x")));
        Assert.Equal([0.5, 0.5], ChartJson.Numbers(truth.GetProperty("y")));
    }

    [Fact]
    public void BiasChartRejectsBadSampleSizesLengthsAndTruth()
    {
        Assert.Equal("sampleSizes", Assert.Throws<ArgumentException>(() =>
            PidValidationCharts.BiasVsSampleSize([0, 10], [1, 1], [1, 1], 1)).ParamName);
        Assert.Equal("corrected", Assert.Throws<ArgumentException>(() =>
            PidValidationCharts.BiasVsSampleSize([10, 20], [1, 1], [1], 1)).ParamName);
        Assert.Equal("truth", Assert.Throws<ArgumentException>(() =>
            PidValidationCharts.BiasVsSampleSize([10, 20], [1, 1], [1, 1], double.PositiveInfinity)).ParamName);
    }

    [Fact]
    public void TheQqIdentityLineSpansTheQuantilesNotTheFarthestOutlier()
    {
        var json = new ChartJson(PidValidationCharts.MahalanobisQq(["heavy tails"], [[0.2, 0.9, 3.5, 19.0, 40.0]], 2));

        var line = json.Trace("y = x");
        var x = ChartJson.Numbers(line.GetProperty("x"));
        var chi2 = new MathNet.Numerics.Distributions.ChiSquared(2);
        Assert.Equal(chi2.InverseCumulativeDistribution(0.1), x[0], 12);
        Assert.Equal(chi2.InverseCumulativeDistribution(0.9), x[1], 12);
        Assert.Equal(x, ChartJson.Numbers(line.GetProperty("y")));
    }

    [Fact]
    public void TheSampleSizeAxisTicksArePowersOfTen()
    {
        var json = new ChartJson(PidValidationCharts.BiasVsSampleSize([100, 1000, 10000], [0.9, 0.55, 0.51], [0.48, 0.5, 0.5], 0.5));

        Assert.Equal(1, json.Layout.GetProperty("xaxis").GetProperty("dtick").GetDouble());
    }
}
