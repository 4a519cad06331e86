using PidReg.Model;
using PidReg.Training;
using static PidReg.Tests.Training.SyntheticModalities;

namespace PidReg.Tests.Training;

[Collection(TorchSeedCollection.Name)]
public class PidRegRegressorTests
{
    public PidRegRegressorTests() => TrainingTestSetup.Prepare();

    // Small enough for a test: a few seconds per fit on 2 cores.
    internal static readonly PidRegOptions Small = new()
    {
        HiddenDim = 32, LatentDim = 4, BatchSize = 100, Epochs = 30, EarlyStoppingPatience = 30, LearningRate = 1e-2, Seed = 5,
    };

    static (PidRegRegressor Model, double[,] Predictions) FitAndPredict(Structure structure, PidRegOptions options, int seed = 1)
    {
        var (train, validation) = MakeSplit(structure, 600, 200, seed);
        var regressor = new PidRegRegressor(options).Fit(train, validation);
        return (regressor, regressor.Predict(validation));
    }

    [Fact]
    public void FitReturnsItselfAndLearnsTheTarget()
    {
        var (train, validation) = MakeSplit(Structure.SecondIsNoise, 600, 200, 1);
        var regressor = new PidRegRegressor(Small);
        Assert.Same(regressor, regressor.Fit(train, validation));
        var predictions = regressor.Predict(validation);
        double sse = 0, sst = 0, mean = 0;
        for (int i = 0; i < validation.RowCount; i++) mean += validation.Target[i, 0] / validation.RowCount;
        for (int i = 0; i < validation.RowCount; i++)
        {
            sse += Math.Pow(predictions[i, 0] - validation.Target[i, 0], 2);
            sst += Math.Pow(validation.Target[i, 0] - mean, 2);
        }
        Assert.True(1 - sse / sst > 0.8, $"R² = {1 - sse / sst}");
        var history = regressor.History;
        Assert.True(history.Epochs[^1].Mse < history.Epochs[0].Mse, "training loss did not fall");
        Assert.All(history.Epochs, e => Assert.True(e.Seconds > 0 && e.LearningRate > 0));
    }
}
