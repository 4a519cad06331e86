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

    // Every model, PIDReg and its ablations included, on two modalities and on three.
    public static TheoryData<string, int> Cases
    {
        get
        {
            var cases = new TheoryData<string, int>();
            foreach (var name in Models.Names)
            {
                cases.Add(name, 2);
                cases.Add(name, 3);
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

    [Fact]
    public void PidRegRefusesOneModalityAndMoreThanTheLatticeTakesBeforeTraining()
    {
        using var model = Models.Create(ModelNames.PidReg, Tiny);
        var one = Three.WithModalities("a");
        Assert.Contains("has 1 modality (a); PIDReg fuses two or more: use a unimodal baseline", Assert.Throws<ArgumentException>(() => model.Fit(one, one)).Message);
        var rng = new Random(3);
        var six = new MultimodalDataset("six", DatasetKinds.Synthetic,
            [.. Enumerable.Range(1, 6).Select(m => new Modality($"m{m}", Matrix(20, 1, rng)))], Matrix(20, 1, rng));
        Assert.Contains("has 6 modalities (m1, m2, m3, m4, m5, m6); PIDReg weighs its fusion paths with the PID on the redundancy lattice, which the kit computes for up to 5",
            Assert.Throws<ArgumentException>(() => model.Fit(six, six)).Message);
        var starred = new MultimodalDataset("starred", DatasetKinds.Synthetic,
            [new Modality("a*b", Matrix(20, 1, rng)), new Modality("c", Matrix(20, 1, rng))], Matrix(20, 1, rng));
        Assert.Contains("modality name 'a*b' contains '*'", Assert.Throws<ArgumentException>(() => model.Fit(starred, starred)).Message);
        Assert.False(model.IsFitted);

        static double[,] Matrix(int rows, int cols, Random rng)
        {
            var m = new double[rows, cols];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m[i, j] = rng.NextDouble();
            return m;
        }
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
