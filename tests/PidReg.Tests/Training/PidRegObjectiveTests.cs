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
    static (Tensor[] X, Tensor Y) Data(int rows)
    {
        var gen = new Generator(4711);
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
    public void TheEpochReportSaysItHoldsTwoModalitiesOnly()
    {
        random.manual_seed(2);
        using var model = new PidRegModel([3, 2, 2], 1, 16, 2, 0, 0, 4.0, true, modalityNames: ["a", "b", "c"]);
        using var objective = new PidRegObjective(model, Small);
        var ex = Assert.Throws<NotSupportedException>(() => objective.Report(new EpochTotals(1, [0, 0, 0, 0, 0], 0, 0.01, 1)));
        Assert.Contains("has 3 (a, b, c)", ex.Message);
    }
}
