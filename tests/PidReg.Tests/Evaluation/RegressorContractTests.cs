using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Training;
using PidReg.Tests.Training;
using TorchSharp;
using static PidReg.Tests.Training.SyntheticModalities;

namespace PidReg.Tests.Evaluation;

/// <summary>The common checks battery: every registered model honours the same estimator contract.</summary>
[Collection(TorchSeedCollection.Name)]
public class RegressorContractTests
{
    public RegressorContractTests() => TrainingTestSetup.Prepare();

    static readonly PidRegOptions Tiny = new() { HiddenDim = 8, LatentDim = 2, BatchSize = 64, Epochs = 2, LearningRate = 1e-2, Seed = 31 };
    static readonly MultimodalDataset Data = Make(Structure.NeedsBoth, 200, 9);
    static readonly MultimodalDataset Train = Data.Subset(Enumerable.Range(0, 140).ToArray());
    static readonly MultimodalDataset Validation = Data.Subset(Enumerable.Range(140, 60).ToArray());

    public static TheoryData<string> Names => new(Models.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryModelHonoursTheEstimatorContract(string name)
    {
        using var model = Models.Create(name, Tiny);
        Assert.Throws<InvalidOperationException>(() => model.Predict(Validation));
        Assert.Same(model, model.Fit(Train, Validation));
        Assert.True(model.ParameterCount > 0 && model.SecondsPerEpoch > 0);

        var whole = model.Predict(Validation);
        Assert.Equal(whole, model.Predict(Validation));  // predicting changes no state
        var rows = new[] { 5, 0, 17 };
        var part = model.Predict(Validation.Subset(rows));
        // Row i does not depend on the other rows (evaluation-mode BatchNorm); only float32 GEMM blocking may differ with the batch size.
        for (int i = 0; i < rows.Length; i++) Assert.Equal(whole[rows[i], 0], part[i, 0], 1e-4 * Math.Max(1, Math.Abs(whole[rows[i], 0])));

        using var again = Models.Create(name, Tiny).Fit(Train, Validation);
        Assert.Equal(whole, again.Predict(Validation));  // same seed, bit-identical fit
    }

    [Theory]
    [InlineData("pidreg")]
    [InlineData("tfn")]
    [InlineData("late")]
    public void NoTensorsLeakAcrossEpochs(string name)
    {
        long LiveAfter(int epochs)
        {
            long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            using (var model = Models.Create(name, Tiny with { Epochs = epochs }).Fit(Train, Validation)) model.Predict(Validation);
            return DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
        }
        LiveAfter(1);  // warm-up: lazily created globals
        Assert.Equal(LiveAfter(2), LiveAfter(5));
    }
}
