using PidReg.Baselines;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Tests.Training;
using static PidReg.Tests.Training.SyntheticModalities;

namespace PidReg.Tests.Baselines;

/// <summary>The baselines on three modalities, against independent truths: the same model on regrouped columns, parameter counts, the size rule.</summary>
[Collection(TorchSeedCollection.Name)]
public class ManyModalitiesTests
{
    public ManyModalitiesTests() => TrainingTestSetup.Prepare();

    static readonly BaselineOptions Small = BaselineRegressorTests.Small with { Epochs = 4 };
    static readonly MultimodalDataset Three = MakeThree(300, 21);
    static readonly MultimodalDataset Train = Three.Subset(Enumerable.Range(0, 200).ToArray());
    static readonly MultimodalDataset Validation = Three.Subset(Enumerable.Range(200, 60).ToArray());
    static readonly MultimodalDataset Test = Three.Subset(Enumerable.Range(260, 40).ToArray());

    // The same rows with the modalities regrouped: groups of modality indices become one modality each.
    static MultimodalDataset Regrouped(MultimodalDataset data, params int[][] groups) =>
        new(data.Name, data.Kind, groups.Select(g => new Modality(string.Join("", g.Select(m => data.Modalities[m].Name)), Join(g.Select(m => data.Modalities[m].Values).ToArray()))).ToArray(), data.Target);

    static double[,] Join(double[][,] blocks)
    {
        int n = blocks[0].GetLength(0), d = blocks.Sum(b => b.GetLength(1));
        var joined = new double[n, d];
        for (int i = 0, col = 0; i < n; i++, col = 0)
            foreach (var block in blocks)
                for (int j = 0; j < block.GetLength(1); j++) joined[i, col++] = block[i, j];
        return joined;
    }

    static double[,] FitPredict(BaselineKind kind, MultimodalDataset train, MultimodalDataset validation, MultimodalDataset test)
    {
        using var model = new BaselineRegressor(kind, Small).Fit(train, validation);
        return model.Predict(test);
    }

    [Fact]
    public void EarlyFusionOfThreeModalitiesEqualsEarlyFusionAndOneEncoderOnTheConcatenatedColumns()
    {
        // Scaling is per column and early fusion concatenates before its one encoder, so grouping the columns differently
        // changes nothing: not the input, not the initial weights, not one bit of the predictions.
        var three = FitPredict(BaselineKind.EarlyFusion, Train, Validation, Test);
        int[][] twoGroups = [[0, 1], [2]], oneGroup = [[0, 1, 2]];
        Assert.Equal(three, FitPredict(BaselineKind.EarlyFusion, Regrouped(Train, twoGroups), Regrouped(Validation, twoGroups), Regrouped(Test, twoGroups)));
        // One modality holding every column through the same encoder and predictor: the unimodal network.
        Assert.Equal(three, FitPredict(BaselineKind.Unimodal1, Regrouped(Train, oneGroup), Regrouped(Validation, oneGroup), Regrouped(Test, oneGroup)));
    }

    [Fact]
    public void UnimodalKReadsModalityKAloneAndNamesTheLimit()
    {
        var kind = BaselineKind.Unimodal(3);
        Assert.Equal("unimodal3", kind.Name);
        Assert.Equal(3 - 1, BaselineKind.Named("unimodal3")!.Modality);
        using var model = new BaselineRegressor(kind, Small).Fit(Train, Validation);
        var scrambled = new MultimodalDataset(Test.Name, Test.Kind,
            [new Modality("a", new double[Test.RowCount, 4]), new Modality("b", new double[Test.RowCount, 3]), Test.Modalities[2]], Test.Target);
        Assert.Equal(model.Predict(Test), model.Predict(scrambled));
        var two = Train.WithModalities("a", "b");
        var ex = Assert.Throws<ArgumentException>(() => new BaselineRegressor(kind, Small).Fit(two, two));
        Assert.Contains("reads modality 3: use unimodal1 to unimodal2", ex.Message);
        Assert.Null(BaselineKind.Named("unimodal0"));
        Assert.Null(BaselineKind.Named("unimodalx"));
    }

    [Fact]
    public void LateFusionMixesEveryModalityStartingFromThePlainAverage()
    {
        using var network = new LateFusionNetwork("late", [4, 3, 5], 1, Small);
        Assert.Equal(new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 }, network.Weights, new ToleranceComparer(1e-7));
        using var model = new BaselineRegressor(BaselineKind.LateFusion, Small).Fit(Train, Validation);
        var weights = ((LateFusionNetwork)model.Network).Weights;
        Assert.Equal(3, weights.Length);
        Assert.Equal(1, weights.Sum(), 6);
    }

    [Fact]
    public void TensorAndLowRankFusionOfThreeModalitiesHaveTheExpectedParameterCounts()
    {
        // TFN's predictor reads (d + 1)³ inputs; LMF has a factor per modality: 3 r (d + 1) d + r + d.
        int h = 8, d = 3, r = 2;
        long[] widths = [4, 3, 5];
        var o = Small with { HiddenDim = h, LatentDim = d, Rank = r };
        static long Encoder(long input, int h, int d) => input * h + h + 2 * h + h * (h / 2) + h / 2 + 2 * (h / 2) + (h / 2) * d + d + 2 * d;
        static long Predictor(long input, int h) => input * h + h + 2 * h + h * (h / 2) + h / 2 + 2 * (h / 2) + (h / 2) + 1;
        long encoders = widths.Sum(w => Encoder(w, h, d));
        using var tfn = new TensorFusionNetwork("tfn", widths, 1, o);
        Assert.Equal(encoders + Predictor((d + 1) * (d + 1) * (d + 1), h), tfn.parameters().Sum(p => p.numel()));
        using var lmf = new LowRankFusionNetwork("lmf", widths, 1, o);
        Assert.Equal(encoders + 3 * r * (d + 1) * d + r + d + Predictor(d, h), lmf.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void TensorFusionRefusesAnOuterProductAboveTheLimitNamingSizeLimitAndFix()
    {
        using var model = new BaselineRegressor(BaselineKind.TensorFusion, new BaselineOptions { LatentDim = 64 });
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(Train, Validation));
        Assert.Contains("3 modalities with latent size 64 has 65^3 = 274,625 features", ex.Message);
        Assert.Contains("limit of 65,536", ex.Message);
        Assert.Contains("--latent-dim 39", ex.Message);  // 40³ = 64,000 fits, 41³ = 68,921 does not
        Assert.Contains("lmf", ex.Message);
        Assert.False(model.IsFitted);
        Assert.True(TensorFusionNetwork.FusedFeatures(3, 39) <= TensorFusionNetwork.MaxFusedFeatures);
    }

    [Fact]
    public void FusionModelsNeedTwoModalities()
    {
        var one = Train.WithModalities("a");
        var ex = Assert.Throws<ArgumentException>(() => new BaselineRegressor(BaselineKind.LowRankFusion, Small).Fit(one, one));
        Assert.Contains("lmf fuses two or more", ex.Message);
    }

    [Theory]
    [InlineData("early")]
    [InlineData("late")]
    [InlineData("lmf")]
    [InlineData("tfn")]
    [InlineData("unimodal3")]
    public void ACheckpointOfThreeModalitiesLoadsBackToTheSamePredictions(string name)
    {
        using var model = (BaselineRegressor)Models.Create(name, new PidReg.Training.PidRegOptions { HiddenDim = 8, LatentDim = 3, BatchSize = 64, Epochs = 2, Seed = 4 });
        model.Fit(Train, Validation);
        var directory = Path.Combine(Path.GetTempPath(), "pidreg-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            model.Save(directory);
            using var loaded = BaselineRegressor.Load(directory);
            Assert.Equal(name, loaded.Name);
            Assert.Equal(["a", "b", "c"], loaded.ModalityNames);
            Assert.Equal(model.Options, loaded.Options);
            Assert.Equal(model.Predict(Test), loaded.Predict(Test));
            Assert.Equal(model.History.Epochs.Select(e => e.ValidationMse), loaded.History.Epochs.Select(e => e.ValidationMse));
            Assert.Contains("fitted on 3 (a, b, c)", Assert.Throws<ArgumentException>(() => loaded.Predict(Test.WithModalities("a", "b"))).Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
