using PidReg.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Tests.Regularizers;

[Collection(TorchSeedCollection.Name)]
public class CauchySchwarzDivergenceTests
{
    public CauchySchwarzDivergenceTests() => PidReg.Tests.Training.TrainingTestSetup.Prepare();

    // E_{x~N(ma,Sa), y~N(mb,Sb)} exp(-|x-y|^2/(2 s^2)) = det(I + (Sa+Sb)/s^2)^(-1/2) exp(-1/2 dm' (Sa+Sb+s^2 I)^-1 dm)
    // for diagonal covariances.
    static double ExpectedKernel(double[] meanA, double[] varA, double[] meanB, double[] varB, double sigma)
    {
        double logValue = 0;
        for (int k = 0; k < meanA.Length; k++)
        {
            double v = varA[k] + varB[k];
            double dm = meanA[k] - meanB[k];
            logValue += -0.5 * Math.Log(1 + v / (sigma * sigma)) - 0.5 * dm * dm / (v + sigma * sigma);
        }
        return logValue;
    }

    // A deterministic "sample": the product grid of normal quantiles Φ⁻¹((i − ½)/k) per axis, so the Parzen
    // V-statistics become quadratures of the kernel expectations instead of noisy Monte Carlo sums.
    static Tensor QuantileGrid(int k, double[] mean, double[] variance)
    {
        var q = Enumerable.Range(0, k).Select(i => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (i + 0.5) / k)).ToArray();
        var rows = new double[k * k, 2];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                rows[i * k + j, 0] = mean[0] + Math.Sqrt(variance[0]) * q[i];
                rows[i * k + j, 1] = mean[1] + Math.Sqrt(variance[1]) * q[j];
            }
        return tensor(rows);
    }

    [Fact]
    public void DivergenceBetweenTwoGaussiansMatchesTheClosedForm()
    {
        double[] meanP = [0, 0], varP = [1, 1], meanQ = [1.0, -0.5], varQ = [0.5, 2.0];
        const double sigma = 1.0;
        var p = QuantileGrid(40, meanP, varP);
        var q = QuantileGrid(40, meanQ, varQ);
        double expected = ExpectedKernel(meanP, varP, meanP, varP, sigma) + ExpectedKernel(meanQ, varQ, meanQ, varQ, sigma)
            - 2 * ExpectedKernel(meanP, varP, meanQ, varQ, sigma);
        double estimate = CauchySchwarzDivergence.Estimate(p, q, sigma).item<double>();
        Assert.InRange(expected, 0.2, 2.0);  // a divergence big enough for a relative check to mean something
        Assert.Equal(expected, estimate, expected * 0.02);
    }

    [Fact]
    public void DivergenceOfASampleWithItselfIsZero()
    {
        var gen = new Generator(1);
        var p = randn(200, 4, dtype: ScalarType.Float64, generator: gen);
        Assert.Equal(0.0, CauchySchwarzDivergence.Estimate(p, p, 1.3).item<double>(), 12);
    }

    [Fact]
    public void DivergenceToTheStandardNormalIsSmallForNormalDataAndLargeForShiftedData()
    {
        random.manual_seed(7);
        var normal = randn(256, 8);
        var shifted = randn(256, 8) * 0.3f + 2.0f;
        double near = CauchySchwarzDivergence.ToStandardNormal(normal).item<float>();
        double far = CauchySchwarzDivergence.ToStandardNormal(shifted).item<float>();
        Assert.InRange(near, 0, 0.05);
        Assert.True(far > 10 * Math.Max(near, 0.01), $"shifted {far} vs normal {near}");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonPositiveOrNonFiniteWidthIsRejected(double sigma)
    {
        var p = ones(3, 2);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CauchySchwarzDivergence.Estimate(p, p, sigma));
        Assert.Equal("sigma", ex.ParamName);
    }
}
