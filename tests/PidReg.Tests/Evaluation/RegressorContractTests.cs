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
    static readonly MultimodalDataset Three = MakeThree(200, 9);

    // Every model on two modalities; every model that takes more (all baselines) on three as well.
    public static TheoryData<string, int> Cases
    {
        get
        {
            var cases = new TheoryData<string, int>();
            foreach (var name in Models.Names)
            {
                cases.Add(name, 2);
                if (TakesThree(name)) cases.Add(name, 3);
            }
            cases.Add("unimodal3", 3);
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryModelHonoursTheEstimatorContract(string name, int modalities)
    {
        var (train, validation) = modalities == 2 ? (Train, Validation)
            : (Three.Subset(Enumerable.Range(0, 140).ToArray()), Three.Subset(Enumerable.Range(140, 60).ToArray()));
        Check(name, train, validation);
    }

    static bool TakesThree(string name)
    {
        using var model = Models.Create(name, Tiny);
        try { model.CheckModalities(Three); return true; }
        catch (ArgumentException) { return false; }
    }

    [Fact]
    public void EveryBaselineTakesThreeModalitiesAndOnlyPidRegRefusesThem()
    {
        Assert.All(Models.Names, name => Assert.Equal(!name.StartsWith(ModelNames.PidReg, StringComparison.Ordinal), TakesThree(name)));
    }

    [Fact]
    public void PidRegRefusesThreeModalitiesBeforeTrainingNamingTheModelsThatTakeThem()
    {
        using var model = Models.Create(ModelNames.PidReg, Tiny);
        var ex = Assert.Throws<ArgumentException>(() => model.Fit(Three, Three));
        Assert.Contains("has 3 modalities (a, b, c); PIDReg takes two modalities in this version: use early, late or lmf for more, or pick two", ex.Message);
        Assert.False(model.IsFitted);
    }

    static void Check(string name, MultimodalDataset Train, MultimodalDataset Validation)
    {
        using var model = Models.Create(name, Tiny);
        Assert.Throws<InvalidOperationException>(() => model.Predict(Validation));
        Assert.Same(model, model.Fit(Train, Validation));
        Assert.True(model.ParameterCount > 0 && model.SecondsPerEpoch > 0);
        Assert.Equal(Tiny.Epochs, model.History.Reports.Count);
        Assert.Equal(Train.Modalities.Select(m => m.Name), model.ModalityNames);

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
