using PidReg.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PidReg.Tests.Training;

/// <summary>
/// The kit's Adam and plateau schedule (which exist only to keep Scalars alive, see AdamOptimizer) against their
/// oracles: torch.optim.Adam and torch.optim.lr_scheduler.ReduceLROnPlateau, bit for bit, and Adam's first step in
/// closed form.
/// </summary>
public class AdamOptimizerTests
{
    static (Parameter W, Parameter B, Parameter Spare) Parameters(ulong seed)
    {
        var gen = new Generator(seed);
        return (new Parameter(randn(4, 3, generator: gen)), new Parameter(randn(4, generator: gen)), new Parameter(randn(2, generator: gen)));
    }

    static Parameter Copy(Parameter p) => new(p.detach().clone());

    // A small regression loss; the spare parameter joins only on even steps, so some steps leave it without a gradient.
    static Tensor Loss(Parameter w, Parameter b, Parameter spare, Tensor x, Tensor y, int step)
    {
        var prediction = x.mm(w.t()) + b;  // (n, 4)
        var error = prediction - y;
        var loss = (error * error).mean();
        return step % 2 == 0 ? loss + (spare * spare).sum() : loss;
    }

    [Fact]
    public void StepsEqualTorchAdamBitForBit()
    {
        var gen = new Generator(4711);
        var x = randn(32, 3, generator: gen);
        var y = randn(32, 4, generator: gen);
        var (w, b, spare) = Parameters(7);
        var (w2, b2, spare2) = (Copy(w), Copy(b), Copy(spare));
        var oracle = TorchSharp.torch.optim.Adam(new[] { w, b, spare }, 0.05);
        using var kit = new AdamOptimizer(new[] { w2, b2, spare2 }, 0.05);
        for (int step = 0; step < 40; step++)
        {
            if (step == 25)
            {
                oracle.ParamGroups.First().LearningRate = 0.01;  // as ReduceLROnPlateau would
                kit.LearningRate = 0.01;
            }
            oracle.zero_grad();
            Loss(w, b, spare, x, y, step).backward();
            oracle.step();
            kit.ZeroGrad();
            Loss(w2, b2, spare2, x, y, step).backward();
            kit.Step();
        }
        foreach (var (a, c) in new[] { (w, w2), (b, b2), (spare, spare2) })
            Assert.Equal(a.data<float>().ToArray(), c.data<float>().ToArray());
        var (w0, b0, spare0) = Parameters(7);  // the starting point
        Assert.True(Loss(w2, b2, spare2, x, y, 1).item<float>() < Loss(w0, b0, spare0, x, y, 1).item<float>(),
            "40 Adam steps should lower the loss");
    }

    [Fact]
    public void FirstStepMovesEachWeightByTheLearningRateAgainstItsGradientSign()
    {
        // Step 1: m̂ = g, v̂ = g², so the update is lr · g / (|g| + ε) ≈ lr · sign(g) (Kingma & Ba 2015, §2.1).
        var p = new Parameter(tensor(new[] { 1.0, -2.0, 3.0 }, dtype: ScalarType.Float64));
        using var adam = new AdamOptimizer(new[] { p }, 0.1);
        adam.ZeroGrad();
        (p * tensor(new[] { 5.0, -0.25, 0.0 }, dtype: ScalarType.Float64)).sum().backward();  // g = (5, −0.25, 0)
        adam.Step();
        var moved = p.data<double>().ToArray();
        Assert.Equal(1.0 - 0.1 * 5 / (5 + 1e-8), moved[0], 12);
        Assert.Equal(-2.0 + 0.1 * 0.25 / (0.25 + 1e-8), moved[1], 12);
        Assert.Equal(3.0, moved[2]);  // zero gradient: no move
    }

    [Fact]
    public void ZeroGradZeroesGradientsAndAParameterNeverDifferentiatedStaysPut()
    {
        var p = new Parameter(ones(3));
        var untouched = new Parameter(ones(2));
        using var adam = new AdamOptimizer(new[] { p, untouched }, 0.1);
        (p * p).sum().backward();
        adam.ZeroGrad();
        Assert.Equal(new float[] { 0, 0, 0 }, p.grad!.data<float>().ToArray());
        Assert.Null(untouched.grad);
        adam.Step();  // zero gradients, zero moments: nothing moves
        Assert.Equal(new float[] { 1, 1, 1 }, p.data<float>().ToArray());
        Assert.Equal(new float[] { 1, 1 }, untouched.data<float>().ToArray());
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void LearningRateMustBePositiveAndFinite(double rate)
    {
        if (rate > 0 && double.IsFinite(rate)) { using var ok = new AdamOptimizer([new Parameter(ones(1))], rate); return; }
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer([new Parameter(ones(1))], rate));
        Assert.Equal("learningRate", ex.ParamName);
    }

    [Fact]
    public void PlateauScheduleMakesTheSameDecisionsAsTorchReduceLROnPlateau()
    {
        // Falls, plateaus (including changes below the 1e-4 relative threshold), rises, NaN, falls again, then a long
        // plateau that runs into the minimum learning rate.
        double[] metrics =
        [
            1.0, 0.9, 0.8, 0.8, 0.79995, 0.81, 0.85, 0.8, 0.8, double.NaN, 0.7, 0.7, 0.7, 0.7, 0.69, 0.69, 0.69, 0.69, 0.69,
            .. Enumerable.Repeat(0.69, 40),
        ];
        var oracleOptimizer = TorchSharp.torch.optim.Adam(new[] { new Parameter(ones(1)) }, 1e-3);
        var oracle = TorchSharp.torch.optim.lr_scheduler.ReduceLROnPlateau(oracleOptimizer, factor: 0.5, patience: 2, min_lr: [1e-5]);
        using var kitOptimizer = new AdamOptimizer([new Parameter(ones(1))], 1e-3);
        var kit = new PlateauSchedule(kitOptimizer, factor: 0.5, patience: 2, minLearningRate: 1e-5);
        var expected = new List<double>();
        var actual = new List<double>();
        foreach (var metric in metrics)
        {
            oracle.step(metric);
            kit.Step(metric);
            expected.Add(oracleOptimizer.ParamGroups.First().LearningRate);
            actual.Add(kitOptimizer.LearningRate);
        }
        Assert.Equal(expected, actual);
        Assert.Equal(1e-5, actual[^1]);           // it reached the floor
        Assert.True(actual.Distinct().Count() > 4);  // and lowered the rate several times on the way
    }
}
