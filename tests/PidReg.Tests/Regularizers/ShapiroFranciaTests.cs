using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using PidReg.Regularizers;
using static TorchSharp.torch;

namespace PidReg.Tests.Regularizers;

[Collection(TorchSeedCollection.Name)]
public class ShapiroFranciaTests
{
    public ShapiroFranciaTests() => PidReg.Tests.Training.TrainingTestSetup.Prepare();

    // Independent computation, as R's nortest::sf.test: cor(sort(x), qnorm(ppoints(n, a = 3/8)))^2.
    static double SfTest(double[] x)
    {
        int n = x.Length;
        var sorted = x.OrderBy(v => v).ToArray();
        var quantiles = Enumerable.Range(1, n).Select(i => Normal.InvCDF(0, 1, (i - 3.0 / 8) / (n + 1 - 2 * 3.0 / 8))).ToArray();
        double r = Correlation.Pearson(sorted, quantiles);
        return r * r;
    }

    [Fact]
    public void StatisticOfAnEvenlySpacedSampleOfFiveMatchesTheHandComputation()
    {
        // Blom scores for n = 5: ±1.17976, ±0.49720, 0. W' = (Σ i m_i)² / (Σ (i-3)² Σ m_i²)
        // = (2·(2·1.17976 + 0.49720))² / (10 · 2·(1.17976² + 0.49720²)) = 0.99580.
        Assert.Equal(0.99580, ShapiroFrancia.Statistic([1.0, 2, 3, 4, 5]), 4);
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(50, 2)]
    [InlineData(997, 3)]
    public void StatisticMatchesTheSquaredCorrelationWithNormalScores(int n, int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => Math.Exp(rng.NextDouble() * 2) + rng.NextDouble()).ToArray();
        Assert.Equal(SfTest(x), ShapiroFrancia.Statistic(x), 12);
    }

    [Fact]
    public void StatisticIsOneForTheNormalScoresThemselvesAndInvariantToAffineMaps()
    {
        var scores = ShapiroFrancia.BlomScores(40);
        Assert.Equal(1.0, ShapiroFrancia.Statistic(scores), 12);
        var rng = new Random(5);
        var x = Enumerable.Range(0, 60).Select(_ => rng.NextDouble()).ToArray();
        Assert.Equal(ShapiroFrancia.Statistic(x), ShapiroFrancia.Statistic(x.Select(v => 3 - 2.5 * v).ToArray()), 12);
    }

    [Fact]
    public void SkewedSamplesScoreLowerThanNormalSamples()
    {
        var rng = new Random(11);
        var normal = Enumerable.Range(0, 500).Select(_ => Normal.Sample(rng, 0, 1)).ToArray();
        var skewed = Enumerable.Range(0, 500).Select(_ => Exponential.Sample(rng, 1)).ToArray();
        Assert.True(ShapiroFrancia.Statistic(normal) > 0.99);
        Assert.True(ShapiroFrancia.Statistic(skewed) < 0.95);
    }

    [Fact]
    public void TensorStatisticCarriesAGradient()
    {
        var x = tensor(new double[] { 0.3, -1.2, 2.5, 0.1, 0.9, -0.4 }).requires_grad_(true);
        var w = ShapiroFrancia.Statistic(x);
        w.backward();
        Assert.NotNull(x.grad);
        Assert.True(x.grad!.abs().sum().item<double>() > 0);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0 })]
    [InlineData(new[] { 1.0, 1.0, 1.0, 1.0 })]
    [InlineData(new[] { 1.0, double.NaN, 2.0, 3.0 })]
    [InlineData(new[] { 1.0, double.PositiveInfinity, 2.0, 3.0 })]
    public void BadSamplesAreRejectedWithAClearMessage(double[] sample)
    {
        var ex = Assert.Throws<ArgumentException>(() => ShapiroFrancia.Statistic(sample));
        Assert.Contains("ShapiroFrancia", ex.Message);
    }
}
