using PidReg.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PidReg.Tests.Model;

[Collection(TorchSeedCollection.Name)]
public class PidRegModelTests
{
    public PidRegModelTests() => PidReg.Torch.TorchRuntime.EnsureLoaded();

    static PidRegModel Build(int hidden = 64, int latent = 8) => new(5, 7, 2, hidden, latent, 0.3, 0.2, 4.0, useBottleneck: true);

    [Fact]
    public void ShapesFollowThePaper()
    {
        random.manual_seed(1);
        using var model = Build();
        using var scope = NewDisposeScope();
        var latents = model.Encode(randn(10, 5), randn(10, 7));
        Assert.Equal([10L, 8], latents.R1.shape);
        Assert.Equal([10L, 8], latents.Z2.shape);
        Assert.Equal([10L, 2], model.forward(randn(10, 5), randn(10, 7)).shape);
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
        var (l1, l2) = model.Lambdas;
        Assert.Equal(1 / (1 + Math.Exp(-4.0)), l1, 6);
        Assert.Equal(l1, l2);
        using var scope = NewDisposeScope();
        var x1 = randn(16, 5);
        var x2 = randn(16, 7);
        model.train();
        var noisy = model.Encode(x1, x2);
        Assert.False(noisy.Z1.equal(noisy.R1).all().item<bool>());
        model.eval();
        var clean = model.Encode(x1, x2);
        Assert.True(clean.Z1.equal(clean.R1).all().item<bool>());
        Assert.True(model.forward(x1, x2).equal(model.forward(x1, x2)).all().item<bool>());
    }

    [Fact]
    public void FusionWeightsLiveInTheStateDict()
    {
        random.manual_seed(4);
        using var model = Build();
        model.FusionWeights = new FusionWeights(0.5, 0.2, 0.3);
        Assert.Equal(new FusionWeights(0.5, 0.2, 0.3), model.FusionWeights);
        Assert.Contains("fusion_weights", model.state_dict().Keys);
    }

    [Fact]
    public void ASumOfPathsCannotTellTheModalitiesApartAndTheConcatenatedLayoutCan()
    {
        random.manual_seed(5);
        using var sum = Build();
        using var side = new PidRegModel(5, 7, 2, 64, 8, 0.3, 0.2, 4.0, useBottleneck: true, FusionLayout.Concatenate);
        sum.eval();
        side.eval();
        using var scope = NewDisposeScope();
        var (a, b) = (randn(16, 8), randn(16, 8));
        var halves = new FusionWeights(0.5, 0.5, 0);
        // The sum sees only a + b: swapping the latents changes nothing.
        Assert.True(sum.Head(a, b, halves).allclose(sum.Head(b, a, halves)));
        Assert.False(side.Head(a, b, halves).allclose(side.Head(b, a, halves), rtol: 1e-3, atol: 1e-4));
        // A path with weight 0 does not reach the predictor in either layout.
        var firstOnly = new FusionWeights(1, 0, 0);
        Assert.True(side.Head(a, b, firstOnly).allclose(side.Head(a, randn(16, 8), firstOnly)));
        Assert.True(sum.Head(a, b, firstOnly).allclose(sum.Head(a, randn(16, 8), firstOnly)));
        Assert.Contains(side.modules().OfType<Linear>(), l => l.weight.shape.SequenceEqual(new long[] { 64, 24 }));
    }

    [Fact]
    public void WrongModalityWidthIsNamedBeforeAnyMatrixProduct()
    {
        random.manual_seed(5);
        using var model = Build();
        var ex = Assert.Throws<ArgumentException>(() => model.Encode(randn(4, 6), randn(4, 7)));
        Assert.Contains("modality 1 must be (rows, 5)", ex.Message);
    }
}
