using PidReg.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Tests.Regularizers;

[Collection(TorchSeedCollection.Name)]
public class ConditionalCsMutualInformationTests
{
    public ConditionalCsMutualInformationTests() => PidReg.Torch.TorchRuntime.EnsureLoaded();

    // X1, X2 independent; Z = tanh(X1 A) + noise + leak · X2 B: leak = 0 is conditional independence.
    static (Tensor Z, Tensor X2, Tensor X1) Latents(double leak, ulong seed, int n = 256)
    {
        var gen = new Generator(seed);
        var x1 = randn(n, 4, dtype: ScalarType.Float64, generator: gen);
        var x2 = randn(n, 4, dtype: ScalarType.Float64, generator: gen);
        var a = randn(4, 3, dtype: ScalarType.Float64, generator: gen);
        var b = randn(4, 3, dtype: ScalarType.Float64, generator: gen);
        var z = x1.mm(a).tanh() + 0.3 * randn(n, 3, dtype: ScalarType.Float64, generator: gen) + leak * x2.mm(b);
        return (z, x2, x1);
    }

    static double Cmi(double leak, ulong seed, CmiEstimator estimator = CmiEstimator.Proper)
    {
        var (z, x2, x1) = Latents(leak, seed);
        return ConditionalCsMutualInformation.Estimate(z, x2, x1, estimator).item<double>();
    }

    [Fact]
    public void EstimateGrowsWithLeakageOfTheOtherModality()
    {
        double[] values = [Cmi(0, 1), Cmi(0.5, 1), Cmi(1.0, 1), Cmi(2.0, 1)];
        for (int i = 1; i < values.Length; i++)
            Assert.True(values[i] > values[i - 1], $"CMI not increasing with leakage: {string.Join(", ", values)}");
        Assert.True(values[^1] > 5 * values[0], $"strong leakage {values[^1]} vs none {values[0]}");
    }

    [Fact]
    public void EstimateIsNearZeroUnderConditionalIndependence()
    {
        var independent = Enumerable.Range(10, 3).Select(s => Cmi(0, (ulong)s)).ToArray();
        var leaking = Enumerable.Range(10, 3).Select(s => Cmi(1.0, (ulong)s)).ToArray();
        Assert.All(independent, v => Assert.InRange(v, 0, 0.25 * leaking.Min()));
    }

    [Fact]
    public void ReferenceVariantIsNumericallyZeroEvenWithStrongLeakage()
    {
        // The reference's 0.05 × median width makes every Gram matrix the identity up to rounding.
        Assert.InRange(Cmi(2.0, 1, CmiEstimator.Reference), 0, 1e-6);
        Assert.True(Cmi(2.0, 1) > 1e-3);
    }

    [Fact]
    public void EstimateIsNonNegativeAndDifferentiable()
    {
        var (z, x2, x1) = Latents(0.3, 2);
        z.requires_grad_(true);
        var cmi = ConditionalCsMutualInformation.Estimate(z, x2, x1);
        Assert.True(cmi.item<double>() >= 0);
        cmi.backward();
        Assert.True(z.grad!.abs().sum().item<double>() > 0);
    }

    [Fact]
    public void PairEstimateEqualsTheSumOfBothDirections()
    {
        var (z1, x2, x1) = Latents(0.5, 3);
        var (z2, _, _) = Latents(0.2, 4);
        double pair = ConditionalCsMutualInformation.EstimatePair(z1, z2, x1, x2).item<double>();
        double sum = ConditionalCsMutualInformation.Estimate(z1, x2, x1).item<double>() + ConditionalCsMutualInformation.Estimate(z2, x1, x2).item<double>();
        Assert.Equal(sum, pair, 10);
    }

    [Fact]
    public void MismatchedRowCountsAreNamed()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            ConditionalCsMutualInformation.Estimate(ones(5, 2), ones(4, 2), ones(5, 2)));
        Assert.Contains("row counts differ", ex.Message);
    }
}
