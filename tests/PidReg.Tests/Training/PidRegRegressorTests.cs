using PidReg.Data;
using PidReg.Information;
using PidReg.Model;
using PidReg.Training;
using TorchSharp;
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

    static PidRegRegressor Fit(Structure structure, PidRegOptions options, int seed = 1)
    {
        var (train, validation) = MakeSplit(structure, 600, 200, seed);
        return new PidRegRegressor(options).Fit(train, validation);
    }

    static double ValidationMseOnStandardScale(PidRegRegressor regressor, MultimodalDataset validation, MultimodalDataset train)
    {
        var scale = new StandardScaler().Fit(train.Target).Scale[0];
        var p = regressor.Predict(validation);
        double sum = 0;
        for (int i = 0; i < validation.RowCount; i++) sum += Math.Pow((p[i, 0] - validation.Target[i, 0]) / scale, 2);
        return sum / validation.RowCount;
    }

    [Fact]
    public void FitReturnsItselfAndLearnsTheTarget()
    {
        var (train, validation) = MakeSplit(Structure.SecondIsNoise, 600, 200, 1);
        using var regressor = new PidRegRegressor(Small);
        Assert.Same(regressor, regressor.Fit(train, validation));
        Assert.True(1 - ValidationMseOnStandardScale(regressor, validation, train) > 0.8);
        var history = regressor.History;
        Assert.True(history.Epochs[^1].Mse < history.Epochs[0].Mse, "training loss did not fall");
        Assert.All(history.Epochs, e => Assert.True(e.Seconds > 0 && e.LearningRate > 0 && e.Cs == 0 && e.Cmi >= 0));
    }

    [Fact]
    public void ModalityOfPureNoiseGetsASmallWeight()
    {
        using var regressor = Fit(Structure.SecondIsNoise, Small);
        var e = regressor.Explain();
        Assert.True(e.Weights!.W2 < 0.1, $"w2 = {e.Weights.W2}");
        Assert.True(e.Atoms!.UniqueX1 > 5 * (e.Atoms.UniqueX2 + e.Atoms.Redundancy), e.Atoms.ToString());
    }

    [Fact]
    public void SameSignalInBothModalitiesMakesRedundancyDominate()
    {
        using var regressor = Fit(Structure.SameSignal, Small);
        var atoms = regressor.Explain().Atoms!;
        Assert.True(atoms.Redundancy > Math.Max(Math.Max(atoms.UniqueX1, atoms.UniqueX2), atoms.Synergy), atoms.ToString());
    }

    [Fact]
    public void TargetThatNeedsBothModalitiesShowsSynergy()
    {
        using var regressor = Fit(Structure.NeedsBoth, Small);
        var e = regressor.Explain();
        // y = s1 + s2 with s1 ⊥ s2: each view alone explains half the variance, together nearly all of it.
        Assert.True(e.Atoms!.Synergy > e.Atoms.Redundancy && e.Atoms.Synergy > 0.5, e.Atoms.ToString());
        // The synergy of an additive target is suppression, not interaction: Z1 ⊙ Z2 adds nothing beyond Z1 and Z2, so the
        // default credits S to the modality paths and drops the product path; always crediting the product too weights it.
        Assert.True(e.Weights!.W1 > 0.3 && e.Weights.W2 > 0.3 && e.Weights.W3 == 0, e.Weights.ToString());
        using var always = Fit(Structure.NeedsBoth, Small with { SynergyRouting = SynergyRouting.ModalitiesAndProduct });
        Assert.True(always.Explain().Weights!.W1 > 0.25 && always.Explain().Weights!.W3 > 0.3, always.Explain().Weights!.ToString());
        using var product = Fit(Structure.NeedsBoth, Small with { SynergyRouting = SynergyRouting.Product });
        Assert.True(product.Explain().Weights!.W3 > 0.3, product.Explain().Weights!.ToString());
    }

    [Fact]
    public void StageSwitchIsRecordedAndFreezesTheWeights()
    {
        // A generous tolerance makes the atoms "stable" as soon as the window is full: freeze at window + patience.
        var options = Small with { Epochs = 8, StabilityWindow = 2, StabilityPatience = 2, StabilityToleranceBits = 100 };
        using var regressor = Fit(Structure.SecondIsNoise, options);
        var history = regressor.History;
        Assert.Equal(4, history.FrozenAtEpoch);
        Assert.All(history.Epochs.Take(4), e => Assert.True(e.Stage == 1 && e.Atoms is not null && e.Gaussianity > 0));
        Assert.All(history.Epochs.Skip(4), e => Assert.True(e.Stage == 2 && e.Atoms is null && e.Gaussianity == 0));
        Assert.All(history.Epochs.Skip(4), e => Assert.Equal(history.Epochs[3].Weights, e.Weights));
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestEpoch()
    {
        var options = Small with { Epochs = 60, EarlyStoppingPatience = 3, LearningRate = 0.05 };
        var (train, validation) = MakeSplit(Structure.SecondIsNoise, 600, 200, 2);
        using var regressor = new PidRegRegressor(options).Fit(train, validation);
        var history = regressor.History;
        Assert.True(history.StoppedEarly);
        Assert.Equal(history.BestEpoch + 3, history.Epochs.Count);
        var best = history.Epochs.MinBy(e => e.ValidationMse)!;
        Assert.Equal(best.Epoch, history.BestEpoch);
        Assert.Equal(best.ValidationMse, ValidationMseOnStandardScale(regressor, validation, train), best.ValidationMse * 1e-4);
        Assert.Equal(best.Weights, regressor.Explain().Weights);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalPredictionsAndADifferentSeedDoesNot()
    {
        var options = Small with { Epochs = 4 };
        var (train, validation) = MakeSplit(Structure.NeedsBoth, 400, 100, 3);
        using var first = new PidRegRegressor(options).Fit(train, validation);
        using var second = new PidRegRegressor(options).Fit(train, validation);
        using var other = new PidRegRegressor(options with { Seed = 6 }).Fit(train, validation);
        Assert.Equal(first.Predict(validation), second.Predict(validation));
        Assert.Equal(first.Explain(), second.Explain());
        Assert.NotEqual(first.Predict(validation), other.Predict(validation));
    }

    [Fact]
    public void SaveThenLoadPredictsAndExplainsIdentically()
    {
        var (train, validation) = MakeSplit(Structure.SameSignal, 400, 100, 4);
        using var regressor = new PidRegRegressor(Small with { Epochs = 3, RedundancyAssignment = RedundancyAssignment.CoinFlip }).Fit(train, validation);
        var directory = Path.Combine(Path.GetTempPath(), "pidreg-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            regressor.Save(directory);
            using var loaded = PidRegRegressor.Load(directory);
            Assert.Equal(regressor.Predict(validation), loaded.Predict(validation));
            Assert.Equal(regressor.Explain(), loaded.Explain());
            Assert.Equal(regressor.Options, loaded.Options);
            Assert.Equal(regressor.History.Epochs.Count, loaded.History.Epochs.Count);
            Assert.Equal(regressor.History.Epochs[^1], loaded.History.Epochs[^1]);
            Assert.Throws<IOException>(() => regressor.Save(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ACheckpointWrittenBeforeTheLayoutAndTheRoutingWereOptionsLoadsAsThePapersSumAndRouting()
    {
        var (train, validation) = MakeSplit(Structure.SameSignal, 300, 100, 6);
        using var summed = new PidRegRegressor(Small with { Epochs = 2, FusionLayout = FusionLayout.Sum, SynergyRouting = SynergyRouting.Product }).Fit(train, validation);
        var directory = Path.Combine(Path.GetTempPath(), "pidreg-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            summed.Save(directory);
            var state = Path.Combine(directory, "pidreg.json");
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(state))!;
            Assert.True(json["Options"]!.AsObject().Remove(nameof(PidRegOptions.FusionLayout)));
            Assert.True(json["Options"]!.AsObject().Remove(nameof(PidRegOptions.SynergyRouting)));
            File.WriteAllText(state, json.ToJsonString());
            using var loaded = PidRegRegressor.Load(directory);
            Assert.Equal(FusionLayout.Sum, loaded.Options.FusionLayout);
            Assert.Equal(SynergyRouting.Product, loaded.Options.SynergyRouting);
            Assert.Equal(summed.Predict(validation), loaded.Predict(validation));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void CorruptMissingOrForeignCheckpointsGiveClearErrors()
    {
        var (train, validation) = MakeSplit(Structure.SameSignal, 300, 100, 5);
        using var regressor = new PidRegRegressor(Small with { Epochs = 1 }).Fit(train, validation);
        var directory = Path.Combine(Path.GetTempPath(), "pidreg-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Throws<DirectoryNotFoundException>(() => PidRegRegressor.Load(directory));
            regressor.Save(directory);
            var weights = Path.Combine(directory, "weights.bin");
            var state = Path.Combine(directory, "pidreg.json");
            var goodState = File.ReadAllText(state);

            File.WriteAllBytes(weights, [1, 2, 3, 4, 5]);
            var corrupt = Assert.Throws<InvalidDataException>(() => PidRegRegressor.Load(directory));
            Assert.Contains("weights.bin", corrupt.Message);

            File.WriteAllText(state, "{ not json");
            Assert.Contains("pidreg.json", Assert.Throws<InvalidDataException>(() => PidRegRegressor.Load(directory)).Message);

            File.WriteAllText(state, goodState.Replace("\"FormatVersion\": 2", "\"FormatVersion\": 99"));
            Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => PidRegRegressor.Load(directory)).Message);

            File.Delete(state);
            Assert.Throws<FileNotFoundException>(() => PidRegRegressor.Load(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void UnfittedRegressorThrowsNamingTheClassAndTheFix()
    {
        using var regressor = new PidRegRegressor(Small);
        var data = Make(Structure.SameSignal, 20, 1);
        foreach (var action in new Action[] { () => regressor.Predict(data), () => regressor.Explain(), () => _ = regressor.History, () => regressor.Save("x") })
        {
            var ex = Assert.Throws<InvalidOperationException>(action);
            Assert.Contains("PidRegRegressor", ex.Message);
            Assert.Contains("call Fit first", ex.Message);
        }
    }

    [Fact]
    public void WrongModalityCountOrWidthIsNamed()
    {
        var (train, validation) = MakeSplit(Structure.SameSignal, 300, 100, 6);
        var three = new MultimodalDataset("three", DatasetKinds.Synthetic,
            [train.Modalities[0], train.Modalities[1], new Modality("x3", train.Modalities[0].Values)], train.Target);
        using var regressor = new PidRegRegressor(Small with { Epochs = 1 });
        Assert.Contains("the validation dataset 'synthetic-SameSignal' has 2 modalities but the training one has 3", Assert.Throws<ArgumentException>(() => regressor.Fit(three, validation)).Message);
        regressor.Fit(train, validation);
        var narrow = Make(Structure.SameSignal, 50, 1, width1: 3);
        Assert.Contains("fitted on 6", Assert.Throws<ArgumentException>(() => regressor.Predict(narrow)).Message);
    }

    [Fact]
    public void BatchTooSmallForTheBiasCorrectedPidIsRejectedButWorksWithThePlugIn()
    {
        var (train, validation) = MakeSplit(Structure.SameSignal, 200, 60, 7);
        var tooSmall = Small with { BatchSize = 8, LatentDim = 4, Epochs = 2 };  // needs > 1 + 2·4 rows
        var ex = Assert.Throws<ArgumentException>(() => new PidRegRegressor(tooSmall).Fit(train, validation));
        Assert.Contains("BatchSize", ex.Message);
        using var plugIn = new PidRegRegressor(tooSmall with { PidEstimate = PidEstimate.PlugIn }).Fit(train, validation);
        Assert.Equal(2, plugIn.History.Epochs.Count);
    }

    [Fact]
    public void SwitchedOffLossTermsAreRecordedAsZero()
    {
        var options = Small with
        {
            Epochs = 2, UseCsLoss = false, UseCmiLoss = false, UseGaussianityLoss = false, UseBottleneck = false,
            UsePidWeights = false, UseSynergyFeature = false,
        };
        using var regressor = Fit(Structure.SameSignal, options);
        Assert.All(regressor.History.Epochs, e => Assert.True(e.Cs == 0 && e.Cmi == 0 && e.Gaussianity == 0 && e.Atoms is not null));
        Assert.Equal(new FusionWeights(0.5, 0.5, 0), regressor.Explain().Weights);
        var lambda = 1 / (1 + Math.Exp(-options.InitialTheta));
        Assert.Equal(lambda, regressor.Explain().Lambda1, 6);  // θ is not trained without the bottleneck
    }

    [Fact]
    public void ReferenceConfigurationTrainsToo()
    {
        var options = Small with
        {
            Epochs = 3, PidEstimate = PidEstimate.PlugIn, RedundancyAssignment = RedundancyAssignment.CoinFlip,
            CmiEstimator = PidReg.Regularizers.CmiEstimator.Reference, TargetTransform = TargetTransform.ReferenceBlend,
        };
        using var regressor = Fit(Structure.SameSignal, options);
        Assert.Equal(3, regressor.History.Epochs.Count);
        Assert.All(regressor.History.Epochs, e => Assert.True(e.Cmi >= 0 && double.IsFinite(e.Cmi) && e.Atoms is not null));
    }

    [Fact]
    public void VectorTargetsArePredictedColumnByColumn()
    {
        var (train, validation) = MakeSplit(Structure.NeedsBoth, 400, 100, 9);
        MultimodalDataset TwoTargets(MultimodalDataset d)
        {
            var y = new double[d.RowCount, 2];
            for (int i = 0; i < d.RowCount; i++) (y[i, 0], y[i, 1]) = (d.Target[i, 0], -0.5 * d.Target[i, 0] + d.Modalities[1].Values[i, 0]);
            return new MultimodalDataset(d.Name, d.Kind, d.Modalities, y);
        }
        using var regressor = new PidRegRegressor(Small with { Epochs = 3 }).Fit(TwoTargets(train), TwoTargets(validation));
        var predictions = regressor.Predict(TwoTargets(validation));
        Assert.Equal(2, predictions.GetLength(1));
        Assert.NotNull(regressor.Explain().Atoms);
    }

    [Fact]
    public void NoTensorsLeakAcrossEpochs()
    {
        var (train, validation) = MakeSplit(Structure.SameSignal, 300, 100, 8);
        long LiveAfter(int epochs)
        {
            long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            using (new PidRegRegressor(Small with { Epochs = epochs }).Fit(train, validation)) { }
            return DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
        }
        LiveAfter(1);  // warm-up: lazily created globals
        Assert.Equal(LiveAfter(2), LiveAfter(6));
    }
}
