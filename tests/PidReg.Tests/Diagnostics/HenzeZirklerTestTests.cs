using MathNet.Numerics.Distributions;
using PidReg.Diagnostics;

namespace PidReg.Tests.Diagnostics;

public class HenzeZirklerTestTests
{
    [Fact]
    public void StatisticMatchesTheFormulaComputedByHand()
    {
        var (hz, beta) = HandComputation.HenzeZirkler(HandComputation.Matrix);
        var test = HenzeZirklerTest.FromSamples(HandComputation.Matrix);
        Assert.Equal(beta, test.Beta, 12);
        Assert.Equal(hz, test.Statistic, 10);
        Assert.Equal(1 - LogNormal.CDF(test.LogMean, test.LogSd, hz), test.PValue, 10);
    }

    [Fact]
    public void LogNormalMomentsMatchTheExactMeanAndVarianceUnderNormality()
    {
        // Henze & Zirkler (1990): E HZ = 1 − a^(−p/2)(1 + pβ²/a + p(p+2)β⁴/(2a²)), a = 1 + 2β², written out here;
        // the fitted log-normal must reproduce it as exp(μ + σ²/2).
        var test = HenzeZirklerTest.FromSamples(HandComputation.Matrix);
        double b2 = test.Beta * test.Beta, a = 1 + 2 * b2;
        int p = 3;
        double mean = 1 - Math.Pow(a, -p / 2.0) * (1 + p * b2 / a + p * (p + 2) * b2 * b2 / (2 * a * a));
        Assert.Equal(mean, Math.Exp(test.LogMean + test.LogSd * test.LogSd / 2), 10);
    }

    [Fact]
    public void IrisSetosaMatchesThePublishedMvnOutput()
    {
        // R: MVN::mvn(iris[1:50, 1:4], mvnTest = "hz"): HZ 0.9488453, p 0.04995356 (printed to 7 digits).
        var test = HenzeZirklerTest.FromSamples(IrisSetosa.Rows);
        Assert.Equal(0.9488453, test.Statistic, 6);
        Assert.Equal(0.04995356, test.PValue, 6);
    }

    [Fact]
    public void ToStringIsCultureInvariant()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Contains("HZ = 0.94885", HenzeZirklerTest.FromSamples(IrisSetosa.Rows).ToString());
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = saved; }
    }
}
