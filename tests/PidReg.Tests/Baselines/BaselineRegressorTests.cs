using MathNet.Numerics.LinearAlgebra;
using PidReg.Baselines;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Tests.Training;
using static PidReg.Tests.Training.SyntheticModalities;

namespace PidReg.Tests.Baselines;

[Collection(TorchSeedCollection.Name)]
public class BaselineRegressorTests
{
    public BaselineRegressorTests() => TrainingTestSetup.Prepare();

    // Small enough for a test: well under a second per fit on 2 cores.
    internal static readonly BaselineOptions Small = new()
    {
        HiddenDim = 16, LatentDim = 4, BatchSize = 64, Epochs = 25, EarlyStoppingPatience = 25, LearningRate = 1e-2, Dropout1 = 0.1, Dropout2 = 0.1, Seed = 3,
    };

    static (MultimodalDataset Train, MultimodalDataset Validation, MultimodalDataset Test) Parts(MultimodalDataset all, int train, int validation) =>
        (all.Subset(Enumerable.Range(0, train).ToArray()), all.Subset(Enumerable.Range(train, validation).ToArray()),
         all.Subset(Enumerable.Range(train + validation, all.RowCount - train - validation).ToArray()));

    // Unimodal models get a task their modality can solve alone (both carry the signal); fusion models one that needs both.
    [Theory]
    [InlineData("unimodal1")]
    [InlineData("unimodal2")]
    [InlineData("early")]
    [InlineData("late")]
    [InlineData("tfn")]
    [InlineData("lmf")]
    public void EachBaselineLearnsASyntheticTaskItShould(string name)
    {
        var kind = BaselineKind.Named(name)!;
        var structure = kind.Modality is not null ? Structure.SameSignal : Structure.NeedsBoth;
        var (train, validation, test) = Parts(Make(structure, 800, 11), 500, 100);
        using var model = new BaselineRegressor(kind, Small);
        Assert.Same(model, model.Fit(train, validation));
        double r2 = Metrics.Regression(test.Target, model.Predict(test)).R2;
        Assert.True(r2 > 0.8, $"{kind}: test R² = {r2}");
        Assert.True(model.History.Epochs[^1].Mse < model.History.Epochs[0].Mse, "training loss did not fall");
        Assert.True(model.ParameterCount > 0);
    }

    [Fact]
    public void AUnimodalModelIgnoresTheOtherModality()
    {
        var (train, validation, test) = Parts(Make(Structure.SecondIsNoise, 400, 2), 250, 50);
        using var model = new BaselineRegressor(BaselineKind.Unimodal1, Small with { Epochs = 3 }).Fit(train, validation);
        var scrambled = new MultimodalDataset(test.Name, test.Kind,
            [test.Modalities[0], new Modality("x2", new double[test.RowCount, test.Modalities[1].Dims])], test.Target);
        Assert.Equal(model.Predict(test), model.Predict(scrambled));
    }

    [Fact]
    public void TensorFusionLearnsAProductThatALinearHeadOnConcatenatedInputsCannot()
    {
        // y = s1 · s2 with independent standard normal s1 (in X1) and s2 (in X2): uncorrelated with every input,
        // so the best linear function of [x1, x2] explains nothing, while [z1, 1] ⊗ [z2, 1] holds the product.
        var rng = new Random(17);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        int n = 1600;
        var x1 = new double[n, 2];
        var x2 = new double[n, 2];
        var y = new double[n, 1];
        for (int i = 0; i < n; i++)
        {
            double s1 = Gauss(), s2 = Gauss();
            (x1[i, 0], x1[i, 1]) = (s1 + 0.05 * Gauss(), Gauss());
            (x2[i, 0], x2[i, 1]) = (s2 + 0.05 * Gauss(), Gauss());
            y[i, 0] = s1 * s2 + 0.05 * Gauss();
        }
        var all = new MultimodalDataset("product", DatasetKinds.Synthetic, [new Modality("x1", x1), new Modality("x2", x2)], y);
        var (train, validation, test) = Parts(all, 1000, 200);

        using var tfn = new BaselineRegressor(BaselineKind.TensorFusion, Small with { Epochs = 40, EarlyStoppingPatience = 40 }).Fit(train, validation);
        double tfnR2 = Metrics.Regression(test.Target, tfn.Predict(test)).R2;
        double linearR2 = Metrics.Regression(test.Target, LeastSquares(train, test)).R2;
        Assert.True(linearR2 < 0.05, $"linear head on [x1, x2]: test R² = {linearR2}");
        Assert.True(tfnR2 > 0.6, $"TFN: test R² = {tfnR2}");
    }

    // Ordinary least squares with intercept on [x1, x2], fitted on train in closed form (QR), predicted on test.
    static double[,] LeastSquares(MultimodalDataset train, MultimodalDataset test)
    {
        Matrix<double> Design(MultimodalDataset d) =>
            Matrix<double>.Build.DenseOfArray(d.Concatenated()).InsertColumn(0, Vector<double>.Build.Dense(d.RowCount, 1.0));
        var beta = Design(train).QR().Solve(Matrix<double>.Build.DenseOfArray(train.Target));
        return (Design(test) * beta).ToArray();
    }

    [Fact]
    public void TheSameSeedGivesBitIdenticalPredictionsAndAnotherSeedDoesNot()
    {
        var (train, validation, test) = Parts(Make(Structure.NeedsBoth, 400, 5), 250, 50);
        double[,] Run(BaselineKind kind, int seed)
        {
            using var model = new BaselineRegressor(kind, Small with { Epochs = 4, Seed = seed }).Fit(train, validation);
            return model.Predict(test);
        }
        foreach (var kind in new[] { BaselineKind.LowRankFusion, BaselineKind.LateFusion })
        {
            Assert.Equal(Run(kind, 8), Run(kind, 8));
            Assert.NotEqual(Run(kind, 8), Run(kind, 9));
        }
    }

    [Fact]
    public void LateFusionWeightsStartAtThePlainAverageAndSumToOne()
    {
        var options = Small with { LatentDim = 2 };
        using var network = new LateFusionNetwork("late", [3, 2], 1, options);
        Assert.Equal(new[] { 0.5, 0.5 }, network.Weights);
        var (train, validation, _) = Parts(Make(Structure.SecondIsNoise, 300, 4), 200, 50);
        using var model = new BaselineRegressor(BaselineKind.LateFusion, Small with { Epochs = 10 }).Fit(train, validation);
        var weights = ((LateFusionNetwork)model.Network).Weights;
        Assert.Equal(1, weights.Sum(), 6);
    }

    [Fact]
    public void TensorFusionAndLowRankFusionHaveTheExpectedParameterCounts()
    {
        // Encoders and predictor as PIDReg; TFN's predictor reads (d + 1)² inputs; LMF adds 2 r (d + 1) d + r + d.
        int d1 = 3, d2 = 2, h = 8, d = 4, r = 2;
        var o = Small with { HiddenDim = h, LatentDim = d, Rank = r };
        static long Encoder(long input, int h, int d) => input * h + h + 2 * h + h * (h / 2) + h / 2 + 2 * (h / 2) + (h / 2) * d + d + 2 * d;
        static long Predictor(long input, int h) => input * h + h + 2 * h + h * (h / 2) + h / 2 + 2 * (h / 2) + (h / 2) + 1;
        using var tfn = new TensorFusionNetwork("tfn", [d1, d2], 1, o);
        Assert.Equal(Encoder(d1, h, d) + Encoder(d2, h, d) + Predictor((d + 1) * (d + 1), h), tfn.parameters().Sum(p => p.numel()));
        using var lmf = new LowRankFusionNetwork("lmf", [d1, d2], 1, o);
        Assert.Equal(Encoder(d1, h, d) + Encoder(d2, h, d) + 2 * r * (d + 1) * d + r + d + Predictor(d, h), lmf.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void UnfittedModelsSayToCallFitFirst()
    {
        using var model = new BaselineRegressor(BaselineKind.EarlyFusion, Small);
        Assert.False(model.IsFitted);
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => model.Predict(Make(Structure.SameSignal, 10, 1))).Message);
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => model.ParameterCount).Message);
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => model.History).Message);
    }

    [Fact]
    public void BadInputsGiveClearErrors()
    {
        var data = Make(Structure.SameSignal, 60, 1);
        using var model = new BaselineRegressor(BaselineKind.TensorFusion, Small with { Epochs = 1 });
        var one = new MultimodalDataset("one", DatasetKinds.Synthetic, [data.Modalities[0]], data.Target);
        Assert.Contains("has 1 modality (x1); tfn fuses two or more", Assert.Throws<ArgumentException>(() => model.Fit(one, one)).Message);
        var tiny = data.Subset([0, 1, 2]);
        Assert.Contains("at least 4", Assert.Throws<ArgumentException>(() => model.Fit(tiny, data)).Message);
        var narrow = Make(Structure.SameSignal, 60, 1, width1: 3);
        Assert.Contains("validation modality 'x1' has 3 columns but the training one has 6",
            Assert.Throws<ArgumentException>(() => model.Fit(data, narrow)).Message);
        model.Fit(data, data);
        Assert.Contains("has 3 columns; the model was fitted on 6", Assert.Throws<ArgumentException>(() => model.Predict(narrow)).Message);
    }
}
