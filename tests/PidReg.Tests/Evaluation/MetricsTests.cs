using PidReg.Evaluation;

namespace PidReg.Tests.Evaluation;

public class MetricsTests
{
    // truth 1..4, prediction off by (+0.5, −0.5, +1, 0): SSE = 1.5, SST = 5, |e| sum = 2.
    static readonly double[] Truth = [1, 2, 3, 4];
    static readonly double[] Prediction = [1.5, 1.5, 4, 4];

    [Fact]
    public void RegressionMetricsMatchHandComputedValues()
    {
        Assert.Equal(Math.Sqrt(1.5 / 4), Metrics.Rmse(Truth, Prediction), 12);
        Assert.Equal(0.5, Metrics.Mae(Truth, Prediction), 12);
        Assert.Equal(1 - 1.5 / 5, Metrics.R2(Truth, Prediction), 12);
        // Means 2.5 and 2.75; deviations (−1.5, −.5, .5, 1.5) and (−1.25, −1.25, 1.25, 1.25): Σab = 5, Σa² = 5, Σb² = 6.25.
        Assert.Equal(5 / Math.Sqrt(5 * 6.25), Metrics.Pearson(Truth, Prediction), 12);
    }

    [Fact]
    public void MatrixMetricsPoolEveryEntry()
    {
        var truth = new double[,] { { 1, 3 }, { 2, 4 } };
        var prediction = new double[,] { { 1.5, 4 }, { 1.5, 4 } };
        var scores = Metrics.Regression(truth, prediction);
        Assert.Equal(Math.Sqrt(1.5 / 4), scores.Rmse, 12);
        Assert.Equal(0.5, scores.Mae, 12);
        Assert.Equal(0.7, scores.R2, 12);
    }

    [Fact]
    public void PerfectPredictionScoresPerfectlyAndNegatedPredictionCorrelatesMinusOne()
    {
        Assert.Equal(0, Metrics.Rmse(Truth, Truth));
        Assert.Equal(1, Metrics.R2(Truth, Truth));
        Assert.Equal(-1, Metrics.Pearson(Truth, Truth.Select(v => -2 * v + 7).ToArray()), 12);
        Assert.True(Metrics.R2(Truth, Truth.Select(v => -v).ToArray()) < 0);
    }

    [Fact]
    public void SentimentMetricsFollowTheMosiConvention()
    {
        // The zero truth (row 2) is dropped; signs of the rest: truth + + − − +, prediction + − − + +.
        double[] truth = [2.4, 0.6, 0, -1.5, -2.6, 3.4];
        double[] prediction = [1.6, -0.2, 0.3, -1.4, 0.4, 2.5];
        Assert.Equal(3.0 / 5, Metrics.Acc2(truth, prediction), 12);
        // Class "+": tp 2, support 3, predicted 3 -> F1 2/3. Class "−": tp 1, support 2, predicted 2 -> F1 1/2.
        Assert.Equal((3 * (2.0 / 3) + 2 * 0.5) / 5, Metrics.F1(truth, prediction), 12);
        // Classes round(clip(·)): truth 2, 1, 0, −2, −3, 3 vs prediction 2, −0, 0, −1, 0, 2 (2.5 rounds to even: 2).
        Assert.Equal(2.0 / 6, Metrics.Acc7(truth, prediction), 12);
        var scores = Metrics.Sentiment(Column(truth), Column(prediction));
        Assert.Equal(new SentimentScores(0.6, (3 * (2.0 / 3) + 2 * 0.5) / 5, 2.0 / 6), scores);
    }

    [Fact]
    public void F1GivesZeroToAClassThatIsNeverPredicted()
    {
        // All predicted positive: class "+" has precision 3/4, recall 1 -> F1 6/7; class "−" F1 0 with weight 1/4.
        Assert.Equal(0.75 * 6.0 / 7, Metrics.F1([1, 2, 3, -1], [1, 1, 1, 1]), 12);
    }

    [Theory]
    [InlineData(double.NaN, "truth value 1")]
    [InlineData(double.PositiveInfinity, "truth value 1")]
    public void NonFiniteTruthIsRejectedByPosition(double bad, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => Metrics.Rmse([1, bad, 3], [1, 2, 3]));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void BadInputsGiveClearErrors()
    {
        Assert.Contains("prediction 0 is NaN", Assert.Throws<ArgumentException>(() => Metrics.Mae([1.0], [double.NaN])).Message);
        Assert.Contains("3 values but the prediction has 2", Assert.Throws<ArgumentException>(() => Metrics.Mae([1.0, 2, 3], [1.0, 2])).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => Metrics.Rmse([], [])).Message);
        Assert.Contains("constant", Assert.Throws<ArgumentException>(() => Metrics.R2([2.0, 2, 2], [1.0, 2, 3])).Message);
        Assert.Contains("constant", Assert.Throws<ArgumentException>(() => Metrics.Pearson([2.0, 2, 2], [1.0, 2, 3])).Message);
        Assert.True(double.IsNaN(Metrics.Pearson([1.0, 2, 3], [2.0, 2, 2])));
        Assert.Contains("every truth value is 0", Assert.Throws<ArgumentException>(() => Metrics.Acc2([0.0, 0], [1.0, -1])).Message);
        Assert.Contains("2 × 1 but the prediction is 2 × 2",
            Assert.Throws<ArgumentException>(() => Metrics.Regression(new double[2, 1], new double[2, 2])).Message);
        Assert.Contains("one target column", Assert.Throws<ArgumentException>(() => Metrics.Sentiment(new double[2, 2], new double[2, 2])).Message);
    }

    [Fact]
    public void MeanSdUsesTheSampleStandardDeviation()
    {
        var m = MeanSd.Of([2.0, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(5, m.Mean, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), m.Sd, 12);
        Assert.Equal(new MeanSd(3, 0), MeanSd.Of([3.0]));
        Assert.Throws<ArgumentException>(() => MeanSd.Of(Array.Empty<double>()));
    }

    [Theory]
    [InlineData(0.912345678, 4.1e-05, "0.912346 ± 0.000041")]
    [InlineData(12.3456, 1.4321, "12.3 ± 1.4")]
    [InlineData(1234.56, 12.3, "1235 ± 12")]
    [InlineData(0.5, 0.0996, "0.50 ± 0.10")]
    [InlineData(-0.0123456, 0.0021, "-0.0123 ± 0.0021")]
    [InlineData(0.912345678, 0.0, "0.9123")]
    [InlineData(12345.678, 0.0, "12346")]
    public void MeanAndSdFollowOneSignificantDigitsRuleWithoutExponents(double mean, double sd, string expected)
    {
        Assert.Equal(expected, new MeanSd(mean, sd).ToString());
        Assert.DoesNotContain("E", new MeanSd(mean, sd).ToString());
    }

    [Fact]
    public void OneSeedShowsOnlyTheMeanToFourSignificantDigits()
    {
        Assert.Equal("0.9123", new MeanSd(0.912345678, 0).ToString(seeds: 1));
        Assert.Equal("0.912346 ± 0.000041", new MeanSd(0.912345678, 4.1e-05).ToString(seeds: 3));
        Assert.Equal("0.9123 ± 0.0000", new MeanSd(0.912345678, 0).ToString(seeds: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeanSd(1, 0).ToString(seeds: 0));
    }

    static double[,] Column(double[] values)
    {
        var m = new double[values.Length, 1];
        for (int i = 0; i < values.Length; i++) m[i, 0] = values[i];
        return m;
    }
}
