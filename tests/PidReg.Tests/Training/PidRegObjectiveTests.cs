using PidReg.Model;
using PidReg.Training;
using static TorchSharp.torch;

namespace PidReg.Tests.Training;

/// <summary>PIDReg's terms and stages over more than two modalities, one batch at a time.</summary>
[Collection(TorchSeedCollection.Name)]
public class PidRegObjectiveTests
{
    public PidRegObjectiveTests() => TrainingTestSetup.Prepare();

    static readonly PidRegOptions Small = PidRegRegressorTests.Small;

    // Three modalities: y depends on a and b, c is noise.
    static (Tensor[] X, Tensor Y) Data(int rows, ulong seed = 4711)
    {
        var gen = new Generator(seed);
        var a = randn(rows, 3, generator: gen);
        var b = randn(rows, 2, generator: gen);
        var c = randn(rows, 2, generator: gen);
        return ([a, b, c], a[.., ..1] + b[.., ..1]);
    }

    [Fact]
    public void ThreeModalitiesGiveFiniteTermsAndWeightsOnEveryPath()
    {
        random.manual_seed(1);
        using var model = new PidRegModel([3, 2, 2], 1, Small.HiddenDim, Small.LatentDim, Small.Dropout1, Small.Dropout2, Small.InitialTheta, Small.UseBottleneck,
            modalityNames: ["a", "b", "c"]);
        using var objective = new PidRegObjective(model, Small);
        using var scope = NewDisposeScope();
        var (x, y) = Data(100);
        var loss = objective.Loss(new Batch(x, y, Epoch: 1, Index: 0, LearningRate: Small.LearningRate, Profile: null));
        var terms = loss.Terms.data<double>().ToArray();
        Assert.Equal(5, terms.Length);
        Assert.All(terms, t => Assert.True(double.IsFinite(t), $"terms {string.Join(", ", terms)}"));
        Assert.True(terms[2] > 0, $"the conditional-independence term over three modalities is {terms[2]}");
        loss.Total.backward();
        Assert.All(model.ThetaParameters(), theta => Assert.NotNull(theta.grad));

        objective.EndEpoch(1);
        var weights = model.FusionWeights;
        Assert.Equal(7, weights.Weights.Count);
        Assert.Equal(1.0, weights.Weights.Sum(), 12);
        Assert.NotEqual(FusionPathWeights.Equal(model.ModalityNames), weights);
    }

    [Fact]
    public void ThreeModalitiesTrainInTheSharedLoopAndReportEveryPath()
    {
        var o = Small with { Epochs = 15, EarlyStoppingPatience = 15 };
        var (x, y) = Data(400);
        var (vx, vy) = Data(100, seed: 4712);
        PidRegModel? model = null;
        TrainingHistory history;
        try
        {
            history = Trainer.Fit(() => new PidRegObjective(model = new PidRegModel([3, 2, 2], 1, o.HiddenDim, o.LatentDim, o.Dropout1, o.Dropout2,
                o.InitialTheta, o.UseBottleneck, o.FusionLayout, ["a", "b", "c"]), o), new TrainingData(x, y), new TrainingData(vx, vy), o);
        }
        finally
        {
            model?.Dispose();
        }
        var first = history.Epochs[0];
        var last = history.Epochs[^1];
        Assert.True(last.Mse < first.Mse, $"training MSE {first.Mse} → {last.Mse}");
        Assert.Null(last.Weights);  // the two-modality record has no place for seven paths
        Assert.Equal(["a", "b", "c", "a*b", "a*c", "b*c", "a*b*c"], last.PathWeights!.Keys);
        Assert.Equal(1.0, last.PathWeights.Values.Sum(), 12);
        Assert.Equal(3, last.Lambdas!.Count);
        Assert.Equal(18, history.Epochs[0].LatticeAtoms!.Count);
    }

    [Fact]
    public void TwoModalitiesReportBothTheRecordsAndThePathForms()
    {
        random.manual_seed(2);
        using var model = new PidRegModel([3, 2], 1, 16, 2, 0, 0, 4.0, true, modalityNames: ["a", "b"]);
        using var objective = new PidRegObjective(model, Small);
        var report = objective.Report(new EpochTotals(1, [0, 0, 0, 0, 0], 0, 0.01, 1));
        Assert.Equal(FusionWeights.Equal, report.Weights);
        Assert.Equal(FusionWeights.Equal.ToArray(), report.PathWeights!.Values);
        Assert.Equal([report.Lambda1, report.Lambda2], report.Lambdas!);
    }
}
