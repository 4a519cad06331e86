using PidReg.Model;
using PidReg.Training;
using static TorchSharp.torch;

namespace PidReg.Tests.Training;

/// <summary>The shared training loop, driven by PIDReg's objective on raw tensors.</summary>
[Collection(TorchSeedCollection.Name)]
public class TrainerTests
{
    public TrainerTests() => TrainingTestSetup.Prepare();

    static TrainingData Data(int rows, float targetValue = float.NaN, int nanRow = -1)
    {
        var gen = new TorchSharp.torch.Generator(1);
        var x1 = randn(rows, 3, generator: gen);
        var x2 = randn(rows, 2, generator: gen);
        var y = float.IsNaN(targetValue) ? x1[.., ..1] + x2[.., ..1] : full(rows, 1, targetValue);
        if (nanRow >= 0) x2[nanRow, 1] = tensor(float.NaN);
        return new TrainingData([x1, x2], y);
    }

    static TrainingHistory Fit(PidRegOptions o, TrainingData train, TrainingData validation, IProgress<EpochReport>? progress = null, CancellationToken ct = default)
    {
        PidRegModel? model = null;
        try
        {
            return Trainer.Fit(() => new PidRegObjective(model = new PidRegModel([3, 2], 1, o.HiddenDim, o.LatentDim, o.Dropout1, o.Dropout2, o.InitialTheta, o.UseBottleneck), o),
                train, validation, o, progress, ct);
        }
        finally
        {
            model?.Dispose();
        }
    }

    [Fact]
    public void NaNInTheInputsIsRejectedBeforeTrainingNamingTheRow()
    {
        var ex = Assert.Throws<ArgumentException>(() => Fit(PidRegRegressorTests.Small, Data(120, nanRow: 17), Data(40)));
        Assert.Contains("training modality 2", ex.Message);
        Assert.Contains("row 17", ex.Message);
    }

    [Fact]
    public void MismatchedRowCountsAreRejected()
    {
        var good = Data(50);
        var bad = good with { X = [good.X[0], good.X[1][..40]] };
        var ex = Assert.Throws<ArgumentException>(() => Fit(PidRegRegressorTests.Small, bad, good));
        Assert.Contains("modality 2 has 40 rows but the target has 50", ex.Message);
    }

    [Fact]
    public void ALossThatBecomesInfiniteStopsTrainingNamingTheTermAndBatch()
    {
        // 1e30 is finite in float32, its square is not: the MSE overflows on the first batch.
        var ex = Assert.Throws<TrainingDivergedException>(() => Fit(PidRegRegressorTests.Small with { Epochs = 2 }, Data(120, targetValue: 1e30f), Data(40)));
        Assert.Contains("MSE loss became", ex.Message);
        Assert.Contains("in batch 1", ex.Message);
        Assert.Contains("epoch 1", ex.Message);
    }

    [Fact]
    public void CancellationStopsTraining()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        Assert.Throws<OperationCanceledException>(() => Fit(PidRegRegressorTests.Small, Data(120), Data(40), ct: source.Token));
    }

    [Fact]
    public void ProgressReceivesEveryEpoch()
    {
        var seen = new List<int>();
        var progress = new SynchronousProgress(e => seen.Add(e.Epoch));
        var history = Fit(PidRegRegressorTests.Small with { Epochs = 3 }, Data(150), Data(50), progress);
        Assert.Equal([1, 2, 3], seen);
        Assert.Equal(3, history.Epochs.Count);
    }

    sealed class SynchronousProgress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
