using PidReg.Plots;

namespace PidReg.Tests.Plots;

public class TrainingChartsTests
{
    [Fact]
    public void AtomsOverEpochsDrawOneLinePerAtomAgainstEpochsFromOne()
    {
        var json = new ChartJson(TrainingCharts.Atoms([0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9], [1.0, 1.1, 1.2], freezeEpoch: null, "a", "b"));

        Assert.Equal(["U1 (unique to a)", "U2 (unique to b)", "R (redundant)", "S (synergistic)"], json.TraceNames);
        Assert.All(json.Traces, t => Assert.Equal([1.0, 2.0, 3.0], ChartJson.Numbers(t.GetProperty("x"))));
        Assert.Equal([0.7, 0.8, 0.9], ChartJson.Numbers(json.Trace("R (redundant)").GetProperty("y")));
        Assert.Equal("epoch", json.AxisTitle("xaxis"));
        Assert.Equal("information (bits)", json.AxisTitle("yaxis"));
        Assert.False(json.Layout.TryGetProperty("shapes", out _));
    }

    [Fact]
    public void TheFreezeEpochIsAVerticalLineAtThatEpochSpanningThePlot()
    {
        var json = new ChartJson(TrainingCharts.FusionWeights([0.2, 0.3, 0.4, 0.4], [0.5, 0.4, 0.3, 0.3], [0.3, 0.3, 0.3, 0.3], freezeEpoch: 3));

        var shape = Assert.Single(json.Layout.GetProperty("shapes").EnumerateArray());
        Assert.Equal("line", shape.GetProperty("type").GetString());
        Assert.Equal(3.0, shape.GetProperty("x0").GetDouble());
        Assert.Equal(3.0, shape.GetProperty("x1").GetDouble());
        Assert.Equal("paper", shape.GetProperty("yref").GetString());
        Assert.Contains("epoch 3", Assert.Single(json.Layout.GetProperty("annotations").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal(["w1 (X1)", "w2 (X2)", "w3 (X1 × X2)"], json.TraceNames);
    }

    [Fact]
    public void LambdasUseTheModalityColours()
    {
        var json = new ChartJson(TrainingCharts.Lambdas([0.98, 0.9], [0.97, 0.5]));

        Assert.Equal("rgba(0, 114, 178, 1.0)", json.Traces[0].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal("rgba(230, 159, 0, 1.0)", json.Traces[1].GetProperty("line").GetProperty("color").GetString());
    }

    [Fact]
    public void LossTermsKeepTheirOrderAndCanUseALogAxis()
    {
        var terms = new List<KeyValuePair<string, IReadOnlyList<double>>>
        {
            new("MSE", [1.0, 0.5]), new("CS", [0.2, 0.1]), new("Gauss", [0.05, 0.04]),
        };

        var json = new ChartJson(TrainingCharts.Losses(terms, freezeEpoch: 2, logY: true));

        Assert.Equal(["MSE", "CS", "Gauss"], json.TraceNames);
        Assert.Equal("log", json.Layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal(2.0, json.Layout.GetProperty("shapes")[0].GetProperty("x0").GetDouble());
    }

    [Fact]
    public void MismatchedSeriesLengthsAreRejectedNamingTheSeries()
    {
        var ex = Assert.Throws<ArgumentException>(() => TrainingCharts.Atoms([1, 2], [1, 2], [1, 2, 3], [1, 2]));
        Assert.Equal("redundancy", ex.ParamName);
        Assert.Contains("3 values", ex.Message);
    }

    [Fact]
    public void ANaNEpochIsRejectedNamingSeriesAndEpoch()
    {
        var ex = Assert.Throws<ArgumentException>(() => TrainingCharts.Lambdas([0.9, 0.8], [0.9, double.NaN]));
        Assert.Equal("lambda2", ex.ParamName);
        Assert.Contains("epoch index 1", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void AFreezeEpochOutsideTheRunIsRejected(int freeze)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TrainingCharts.Lambdas([0.9, 0.8, 0.7], [0.9, 0.8, 0.7], freeze));
        Assert.Contains("[1, 3]", ex.Message);
    }

    [Fact]
    public void EmptySeriesAndNonPositiveLogValuesAreRejected()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => TrainingCharts.Lambdas([], [])).Message);
        Assert.Throws<ArgumentException>(() => TrainingCharts.Losses(new Dictionary<string, double[]>()));
        var ex = Assert.Throws<ArgumentException>(() => TrainingCharts.Losses(new Dictionary<string, double[]> { ["CS"] = [0.1, 0.0] }, logY: true));
        Assert.Contains("terms['CS']", ex.Message);
    }

    [Fact]
    public void ALogAxisOverDecadesLabelsPowersOfTenAndLeavesMinorTicksUnlabelled()
    {
        var json = new ChartJson(TrainingCharts.Losses([new("MSE", [1.0, 0.5]), new("CS", [0.2, 0.1]), new("Gauss", [0.05, 0.004])], logY: true));

        var axis = json.Layout.GetProperty("yaxis");
        Assert.Equal(1, axis.GetProperty("dtick").GetDouble());
        Assert.Equal("outside", axis.GetProperty("minor").GetProperty("ticks").GetString());
        Assert.False(axis.TryGetProperty("tickvals", out _));
    }

    [Fact]
    public void ALogAxisWithinOneDecadeLabelsOneTwoFiveInFull()
    {
        var json = new ChartJson(TrainingCharts.Losses([new("MSE (train)", [0.9, 0.45, 0.3])], logY: true));

        var axis = json.Layout.GetProperty("yaxis");
        Assert.Equal([0.3, 0.5, 1.0], ChartJson.Numbers(axis.GetProperty("tickvals")));
        Assert.Equal(["0.3", "0.5", "1"], ChartJson.Strings(axis.GetProperty("ticktext")));
    }

    [Theory]
    [InlineData(new[] { "MSE (train)", "MSE (validation)" }, "MSE (standardized target units²)")]
    [InlineData(new[] { "total", "MSE (train)", "CS", "CMI", "Gaussianity" }, "loss (MSE: standardized y²;<br>regularisers: own scales)")]
    public void TheLossAxisClaimsTargetUnitsOnlyForMseTerms(string[] terms, string title)
    {
        var json = new ChartJson(TrainingCharts.Losses(terms.Select(t => KeyValuePair.Create(t, (IReadOnlyList<double>)[1.0, 0.5])).ToList()));

        Assert.Equal(title, json.AxisTitle("yaxis"));
    }
}
