using MathNet.Numerics.Distributions;
using PidReg.Diagnostics;

namespace PidReg.Tests.Diagnostics;

public class MardiaTestTests
{
    [Fact]
    public void SkewnessAndKurtosisMatchTheFormulasComputedByHand()
    {
        var (b1, b2) = HandComputation.Mardia(HandComputation.Matrix);
        var test = MardiaTest.FromSamples(HandComputation.Matrix);
        int n = 8, p = 3;
        Assert.Equal(b1, test.Skewness, 10);
        Assert.Equal(b2, test.Kurtosis, 10);
        Assert.Equal(10.0, test.SkewnessDegreesOfFreedom);
        Assert.Equal(n * b1 / 6, test.SkewnessStatistic, 10);
        Assert.Equal(1 - ChiSquared.CDF(10, n * b1 / 6), test.SkewnessPValue, 10);
        double k = (p + 1.0) * (n + 1) * (n + 3) / (n * ((n + 1.0) * (p + 1) - 6));
        Assert.Equal(k * n * b1 / 6, test.CorrectedSkewnessStatistic, 10);
        Assert.Equal(1 - ChiSquared.CDF(10, k * n * b1 / 6), test.CorrectedSkewnessPValue, 10);
        double z = (b2 - p * (p + 2)) / Math.Sqrt(8.0 * p * (p + 2) / n);
        Assert.Equal(z, test.KurtosisStatistic, 10);
        Assert.Equal(2 * (1 - Normal.CDF(0, 1, Math.Abs(z))), test.KurtosisPValue, 10);
        // Exact moments (Mardia 1974): mean 15 · 7/9, variance 8 · 15 · 5 · 4 · 6 / (81 · 11 · 13).
        double zExact = (b2 - 15.0 * 7 / 9) / Math.Sqrt(8.0 * 15 * 5 * 4 * 6 / (81.0 * 11 * 13));
        Assert.Equal(zExact, test.CorrectedKurtosisStatistic, 10);
        Assert.Equal(2 * (1 - Normal.CDF(0, 1, Math.Abs(zExact))), test.CorrectedKurtosisPValue, 10);
    }

    [Fact]
    public void IrisSetosaMatchesThePublishedMvnOutput()
    {
        // R: MVN::mvn(iris[1:50, 1:4], mvnTest = "mardia") (Korkmaz, Goksuluk & Zararsiz 2014, the package's worked example):
        // Mardia Skewness 25.6643445196298, p 0.177185884467652; Mardia Kurtosis 1.29499223711605, p 0.195322907441935.
        var test = MardiaTest.FromSamples(IrisSetosa.Rows);
        Assert.Equal(25.6643445196298, test.SkewnessStatistic, 9);
        Assert.Equal(0.177185884467652, test.SkewnessPValue, 9);
        Assert.Equal(1.29499223711605, test.KurtosisStatistic, 9);
        Assert.Equal(0.195322907441935, test.KurtosisPValue, 9);
    }

    [Fact]
    public void SmallSampleCorrectionRaisesTheStatisticAndVanishesForLargeN()
    {
        var small = MardiaTest.FromSamples(HandComputation.Matrix);
        Assert.True(small.CorrectedSkewnessStatistic > small.SkewnessStatistic);
        Assert.True(small.CorrectedSkewnessPValue < small.SkewnessPValue);
        var large = MardiaTest.FromSamples(NormalitySamples.Draw(NormalitySamples.Kind.Gaussian, 5000, new Random(4711)));
        Assert.Equal(1, large.CorrectedSkewnessStatistic / large.SkewnessStatistic, 2);
    }

    [Fact]
    public void StatisticsAreAffineInvariant()
    {
        // Mardia's statistics depend on the sample only through S⁻¹-inner products: any invertible affine map leaves them.
        var x = HandComputation.Matrix;
        var y = new double[8, 3];
        for (int i = 0; i < 8; i++)
        {
            y[i, 0] = 3 * x[i, 0] - x[i, 1] + 10;
            y[i, 1] = 0.5 * x[i, 1] + 2 * x[i, 2] - 4;
            y[i, 2] = -x[i, 2] + 0.1 * x[i, 0];
        }
        var a = MardiaTest.FromSamples(x);
        var b = MardiaTest.FromSamples(y);
        Assert.Equal(a.Skewness, b.Skewness, 9);
        Assert.Equal(a.Kurtosis, b.Kurtosis, 9);
    }

    [Fact]
    public void ToStringIsCultureInvariant()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var text = MardiaTest.FromSamples(IrisSetosa.Rows).ToString();
            Assert.Contains("chi2(20) = 25.664", text);
            Assert.Contains("z = 1.295", text);
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = saved; }
    }
}
