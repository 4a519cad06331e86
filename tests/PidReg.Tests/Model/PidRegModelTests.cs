using PidReg.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PidReg.Tests.Model;

[Collection(TorchSeedCollection.Name)]
public class PidRegModelTests
{
    public PidRegModelTests() => PidReg.Torch.TorchRuntime.EnsureLoaded();

    static PidRegModel Build(int hidden = 64, int latent = 8) => new([5, 7], 2, hidden, latent, 0.3, 0.2, 4.0, useBottleneck: true);

    [Fact]
    public void ShapesFollowThePaper()
    {
        random.manual_seed(1);
        using var model = Build();
        using var scope = NewDisposeScope();
        var latents = model.Encode([randn(10, 5), randn(10, 7)]);
        Assert.Equal([10L, 8], latents.R1.shape);
        Assert.Equal([10L, 8], latents.Z2.shape);
        Assert.Equal([10L, 2], model.forward([randn(10, 5), randn(10, 7)]).shape);
        var linears = model.modules().OfType<Linear>().Select(l => l.weight.shape).ToList();
        Assert.Contains(linears, s => s.SequenceEqual(new long[] { 64, 5 }));
        Assert.Contains(linears, s => s.SequenceEqual(new long[] { 32, 64 }));
        Assert.Contains(linears, s => s.SequenceEqual(new long[] { 8, 32 }));
        Assert.Contains(linears, s => s.SequenceEqual(new long[] { 2, 32 }));
    }

    [Fact]
    public void LinearLayersStartKaimingNormalWithZeroBiases()
    {
        random.manual_seed(2);
        using var model = Build(hidden: 512);
        var first = model.modules().OfType<Linear>().First(l => l.weight.shape[1] == 512 / 2 * 2 && l.weight.shape[0] == 256);
        double sd = first.weight.std().item<float>();
        Assert.Equal(Math.Sqrt(2.0 / 512), sd, 0.05 * Math.Sqrt(2.0 / 512));
        Assert.All(model.modules().OfType<Linear>(), l => Assert.Equal(0f, l.bias!.abs().max().item<float>()));
    }

    [Fact]
    public void BottleneckStartsAtSigmoidOfFourAndAddsNoNoiseInEvaluation()
    {
        random.manual_seed(3);
        using var model = Build();
        var lambdas = model.Lambdas;
        var (l1, l2) = (lambdas[0], lambdas[1]);
        Assert.Equal(1 / (1 + Math.Exp(-4.0)), l1, 6);
        Assert.Equal(l1, l2);
        using var scope = NewDisposeScope();
        var x1 = randn(16, 5);
        var x2 = randn(16, 7);
        model.train();
        var noisy = model.Encode([x1, x2]);
        Assert.False(noisy.Z1.equal(noisy.R1).all().item<bool>());
        model.eval();
        var clean = model.Encode([x1, x2]);
        Assert.True(clean.Z1.equal(clean.R1).all().item<bool>());
        Assert.True(model.forward([x1, x2]).equal(model.forward([x1, x2])).all().item<bool>());
    }

    [Fact]
    public void FusionWeightsLiveInTheStateDict()
    {
        random.manual_seed(4);
        using var model = Build();
        model.FusionWeights = FusionPathWeights.From(new FusionWeights(0.5, 0.2, 0.3), model.ModalityNames);
        Assert.Equal(new FusionWeights(0.5, 0.2, 0.3), model.FusionWeights.ToFusionWeights());
        Assert.Contains("fusion_weights", model.state_dict().Keys);
    }

    [Fact]
    public void ASumOfPathsCannotTellTheModalitiesApartAndTheConcatenatedLayoutCan()
    {
        random.manual_seed(5);
        using var sum = Build();
        using var side = new PidRegModel([5, 7], 2, 64, 8, 0.3, 0.2, 4.0, useBottleneck: true, FusionLayout.Concatenate);
        sum.eval();
        side.eval();
        using var scope = NewDisposeScope();
        var (a, b) = (randn(16, 8), randn(16, 8));
        var halves = FusionPathWeights.From(new FusionWeights(0.5, 0.5, 0), sum.ModalityNames);
        // The sum sees only a + b: swapping the latents changes nothing.
        Assert.True(sum.Head([a, b], halves).allclose(sum.Head([b, a], halves)));
        Assert.False(side.Head([a, b], halves).allclose(side.Head([b, a], halves), rtol: 1e-3, atol: 1e-4));
        // A path with weight 0 does not reach the predictor in either layout.
        var firstOnly = FusionPathWeights.From(new FusionWeights(1, 0, 0), sum.ModalityNames);
        Assert.True(side.Head([a, b], firstOnly).allclose(side.Head([a, randn(16, 8)], firstOnly)));
        Assert.True(sum.Head([a, b], firstOnly).allclose(sum.Head([a, randn(16, 8)], firstOnly)));
        Assert.Contains(side.modules().OfType<Linear>(), l => l.weight.shape.SequenceEqual(new long[] { 64, 24 }));
    }

    [Fact]
    public void WrongModalityWidthIsNamedBeforeAnyMatrixProduct()
    {
        random.manual_seed(5);
        using var model = Build();
        var ex = Assert.Throws<ArgumentException>(() => model.Encode([randn(4, 6), randn(4, 7)]));
        Assert.Contains("modality 1 must be (rows, 5)", ex.Message);
    }

    [Fact]
    public void TwoModalitiesKeepTheStateDictKeysOfTheTwoModalityModel()
    {
        random.manual_seed(6);
        using var model = Build();
        // Checkpoints written before models took a list of modalities hold exactly these top-level names, in this order.
        var tops = model.state_dict().Keys.Select(k => k.Split('.')[0]).Distinct().ToArray();
        Assert.Equal(["encoder1", "bottleneck1", "encoder2", "bottleneck2", "predictor", "fusion_weights"], tops);
        Assert.Equal([3L], model.state_dict()["fusion_weights"].shape);
    }

    [Fact]
    public void ASavedTwoModalityModelLoadsIntoAFreshOneAndPredictsTheSame()
    {
        random.manual_seed(7);
        using var saved = Build();
        saved.FusionWeights = FusionPathWeights.From(new FusionWeights(0.6, 0.3, 0.1), saved.ModalityNames);
        var path = Path.Combine(Path.GetTempPath(), $"pidreg-model-{Guid.NewGuid():N}.bin");
        try
        {
            saved.save(path);
            random.manual_seed(8);
            using var loaded = Build();
            loaded.load(path);
            saved.eval();
            loaded.eval();
            using var scope = NewDisposeScope();
            var x = new[] { randn(6, 5), randn(6, 7) };
            Assert.True(saved.forward(x).equal(loaded.forward(x)).all().item<bool>());
            Assert.Equal(saved.FusionWeights, loaded.FusionWeights);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(FusionLayout.Sum, 8)]
    [InlineData(FusionLayout.Concatenate, 7 * 8)]  // 2^3 − 1 paths side by side
    public void ThreeModalitiesGetAnEncoderAndBottleneckEachAndOneWeightPerPath(FusionLayout layout, long predictorInput)
    {
        random.manual_seed(9);
        using var model = new PidRegModel([5, 7, 3], 2, 64, 8, 0.3, 0.2, 4.0, useBottleneck: true, layout, ["a", "b", "c"]);
        using var scope = NewDisposeScope();
        var x = new[] { randn(10, 5), randn(10, 7), randn(10, 3) };
        var latents = model.Encode(x);
        Assert.Equal(3, latents.Z.Count);
        Assert.All(latents.R.Concat(latents.Z), t => Assert.Equal([10L, 8], t.shape));
        Assert.Equal([10L, 2], model.forward(x).shape);
        Assert.Equal(["a", "b", "c", "a*b", "a*c", "b*c", "a*b*c"], model.FusionWeights.Paths.Select(p => p.Name));
        Assert.All(model.FusionWeights.Weights, w => Assert.Equal(1.0 / 7, w, 15));
        Assert.Equal([7L], model.state_dict()["fusion_weights"].shape);
        Assert.Contains("encoder3.layers.fc1.weight", model.state_dict().Keys);
        Assert.Contains("bottleneck3.theta", model.state_dict().Keys);
        Assert.Equal(3, model.Lambdas.Count);
        Assert.Equal(3, model.ThetaParameters().Count());
        Assert.Contains(model.modules().OfType<Linear>(), l => l.weight.shape.SequenceEqual(new long[] { 64, predictorInput }));
    }

    [Fact]
    public void AModalityWhoseWeightsAreZeroDoesNotReachThePredictor()
    {
        random.manual_seed(10);
        using var model = new PidRegModel([5, 7, 3], 2, 64, 8, 0.3, 0.2, 4.0, useBottleneck: true, FusionLayout.Concatenate, ["a", "b", "c"]);
        model.eval();
        using var scope = NewDisposeScope();
        // Only the paths without c carry weight.
        var withoutC = FusionPathWeights.FromValues(model.ModalityNames, [0.4, 0.4, 0, 0.2, 0, 0, 0]);
        var (a, b) = (randn(16, 8), randn(16, 8));
        Assert.True(model.Head([a, b, randn(16, 8)], withoutC).allclose(model.Head([a, b, randn(16, 8)], withoutC)));
    }

    [Fact]
    public void ModalityCountsAndWeightsThatDoNotMatchTheModelAreNamed()
    {
        random.manual_seed(11);
        using var model = new PidRegModel([5, 7, 3], 2, 16, 4, 0, 0, 4.0, useBottleneck: true, modalityNames: ["a", "b", "c"]);
        Assert.Contains("expected 3 modalities (a, b, c), got 2", Assert.Throws<ArgumentException>(() => model.Encode([randn(4, 5), randn(4, 7)])).Message);
        Assert.Contains("modality 3 must be (rows, 3)", Assert.Throws<ArgumentException>(() => model.Encode([randn(4, 5), randn(4, 7), randn(4, 2)])).Message);
        var otherNames = FusionPathWeights.Equal(["a", "b", "d"]);
        Assert.Contains("(a, b, d)", Assert.Throws<ArgumentException>(() => model.FusionWeights = otherNames).Message);
        Assert.Contains("at least two modalities", Assert.Throws<ArgumentException>(() => new PidRegModel([5], 2, 16, 4, 0, 0, 4.0, true)).Message);
        Assert.Contains("3 modality widths but 2 names", Assert.Throws<ArgumentException>(() => new PidRegModel([5, 7, 3], 2, 16, 4, 0, 0, 4.0, true, modalityNames: ["a", "b"])).Message);
    }
}
