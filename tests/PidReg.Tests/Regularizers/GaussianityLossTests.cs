using PidReg.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Tests.Regularizers;

[Collection(TorchSeedCollection.Name)]
public class GaussianityLossTests
{
    public GaussianityLossTests() => PidReg.Tests.Training.TrainingTestSetup.Prepare();

    [Fact]
    public void CorrelatedGaussianBatchHasAlmostZeroLossAndSkewedBatchDoesNot()
    {
        var gen = new Generator(3);
        var mix = randn(6, 6, dtype: ScalarType.Float64, generator: gen);
        var gaussian = randn(256, 6, dtype: ScalarType.Float64, generator: gen).mm(mix);  // correlated, still Gaussian
        var skewed = randn(256, 6, dtype: ScalarType.Float64, generator: gen).pow(2).mm(mix);
        double small = GaussianityLoss.Compute(gaussian[.., ..1], gaussian[.., 1..4], gaussian[.., 4..]).item<double>();
        double large = GaussianityLoss.Compute(skewed[.., ..1], skewed[.., 1..4], skewed[.., 4..]).item<double>();
        Assert.InRange(small, 0, 0.01);
        Assert.True(large > 5 * small && large > 0.02, $"skewed {large} vs gaussian {small}");
    }

    [Fact]
    public void BatchSmallerThanTheJointDimensionStillGivesAFiniteLoss()
    {
        var gen = new Generator(4);
        var x = randn(10, 25, dtype: ScalarType.Float64, generator: gen);
        double loss = GaussianityLoss.Compute(x[.., ..1], x[.., 1..13], x[.., 13..]).item<double>();
        Assert.True(double.IsFinite(loss) && loss >= 0);
    }
}
