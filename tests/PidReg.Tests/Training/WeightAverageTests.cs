using PidReg.Model;
using PidReg.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PidReg.Tests.Training;

/// <summary>The moving average of the weights: its closed form, what it averages, and the swap that validation uses.</summary>
[Collection(TorchSeedCollection.Name)]
public class WeightAverageTests
{
    public WeightAverageTests() => TrainingTestSetup.Prepare();

    static Linear Layer(float value)
    {
        var layer = nn.Linear(2, 1);
        using var _ = no_grad();
        layer.weight!.fill_(value);
        layer.bias!.fill_(value);
        return layer;
    }

    static void Set(Linear layer, float value)
    {
        using var _ = no_grad();
        layer.weight!.fill_(value);
        layer.bias!.fill_(value);
    }

    [Fact]
    public void TheAverageFollowsTheWarmedUpExponentialRecursion()
    {
        // Start at 0; the live weights are t at step t. By hand: a_t = d_t a_{t−1} + (1 − d_t) t, d_t = min(d, (1 + t)/(10 + t)).
        using var layer = Layer(0);
        const double decay = 0.5;
        using var average = new WeightAverage(layer, decay);
        double expected = 0;
        for (int t = 1; t <= 12; t++)
        {
            Set(layer, t);
            average.Update();
            double d = Math.Min(decay, (1.0 + t) / (10.0 + t));
            expected = d * expected + (1 - d) * t;
        }
        average.Swap();
        Assert.Equal(expected, layer.weight!.data<float>()[0], 4);
        Assert.Equal(expected, layer.bias!.data<float>()[0], 4);
        average.Swap();  // back to the live weights
        Assert.Equal(12f, layer.weight!.data<float>()[0]);
    }

    [Fact]
    public void TheFusionWeightsAreNeverAveragedButBatchNormStatisticsAre()
    {
        using var model = new PidRegModel([3, 2], 1, hidden: 8, latent: 2, dropout1: 0, dropout2: 0, initialTheta: 4, useBottleneck: true);
        using var average = new WeightAverage(model, decay: 0.9);
        model.FusionWeights = FusionPathWeights.From(new FusionWeights(0.7, 0.2, 0.1), model.ModalityNames);
        var runningMean = model.named_buffers().First(b => b.name.EndsWith("running_mean", StringComparison.Ordinal)).buffer;
        using (no_grad()) runningMean.fill_(5f);
        for (int i = 0; i < 50; i++) average.Update();
        average.Swap();
        Assert.Equal(new FusionWeights(0.7, 0.2, 0.1), model.FusionWeights.ToFusionWeights());  // untouched by the swap
        Assert.Equal(5.0, runningMean.data<float>()[0], 2);                   // averaged from 0 toward the live 5
    }

    [Theory]
    [InlineData(1.0, 10, 0.9)]
    [InlineData(10.0, 33, 1 - 1 / 330.0)]
    [InlineData(0.01, 2, 0.0)]  // under one step: no averaging
    public void DecayForGivesAHorizonInEpochs(double epochs, int steps, double decay) =>
        Assert.Equal(decay, WeightAverage.DecayFor(epochs, steps), 12);

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void DecayOutsideTheUnitIntervalIsRefused(double decay)
    {
        using var layer = Layer(1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new WeightAverage(layer, decay));
        Assert.Equal("decay", ex.ParamName);
    }

    [Fact]
    public void TrainingWithAveragingIsDeterministicValidatesTheAverageAndCapsTheHorizon()
    {
        var data = SyntheticModalities.Make(SyntheticModalities.Structure.NeedsBoth, 400, 5, width1: 4, width2: 3);
        var split = data.Split();
        // 280 training rows in batches of 100: 2 steps per epoch; a horizon of 1 epoch is the cap for a 10-epoch run.
        var options = PidRegRegressorTests.Small with { Epochs = 10, WeightAveragingEpochs = 1 };
        using var first = new PidRegRegressor(options).Fit(split.Train, split.Validation);
        using var second = new PidRegRegressor(options).Fit(split.Train, split.Validation);
        Assert.Equal(first.Predict(split.Test).Cast<double>(), second.Predict(split.Test).Cast<double>());
        using var live = new PidRegRegressor(options with { WeightAveragingEpochs = 0 }).Fit(split.Train, split.Validation);
        Assert.NotEqual(first.History.Epochs.Select(e => e.ValidationMse), live.History.Epochs.Select(e => e.ValidationMse));
        // A longer horizon is capped at a tenth of the run, so it trains exactly as the capped one.
        using var capped = new PidRegRegressor(options with { WeightAveragingEpochs = 1000 }).Fit(split.Train, split.Validation);
        Assert.Equal(first.Predict(split.Test).Cast<double>(), capped.Predict(split.Test).Cast<double>());
    }
}
