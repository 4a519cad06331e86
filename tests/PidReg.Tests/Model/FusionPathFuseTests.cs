using PidReg.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Tests.Model;

/// <summary>The fused latent of M paths against the two-modality fusion of the model and a path-by-path brute force.</summary>
[Collection(TorchSeedCollection.Name)]
public class FusionPathFuseTests
{
    public FusionPathFuseTests() => PidReg.Torch.TorchRuntime.EnsureLoaded();

    static Tensor[] Latents(int count, ulong seed, int rows = 6, int width = 4)
    {
        var gen = new Generator(seed);
        return [.. Enumerable.Range(0, count).Select(_ => randn(rows, width, generator: gen))];  // each (B, d)
    }

    [Theory]
    [InlineData(0.5, 0.3, 0.2)]
    [InlineData(0.6, 0.4, 0.0)]
    public void TwoModalitiesFuseExactlyAsTheTwoModalityModel(double w1, double w2, double w3)
    {
        using var scope = NewDisposeScope();
        var z = Latents(2, 1);
        var weights = FusionPathWeights.From(new FusionWeights(w1, w2, w3), ["a", "b"]);
        // The fusion of PidRegModel.Head, written out.
        var sum = z[0].mul((float)w1) + z[1].mul((float)w2);                              // (B, d)
        if (w3 != 0) sum = sum + (z[0] * z[1]).mul((float)w3);                             // (B, d)
        var side = cat([z[0].mul((float)w1), z[1].mul((float)w2), (z[0] * z[1]).mul((float)w3)], 1);  // (B, 3d)
        Assert.True(weights.Fuse(z, FusionLayout.Sum).equal(sum).all().item<bool>());
        Assert.True(weights.Fuse(z, FusionLayout.Concatenate).equal(side).all().item<bool>());
    }

    [Fact]
    public void ThreeModalitiesFuseAsTheWeightedSumOfEveryPathProduct()
    {
        using var scope = NewDisposeScope();
        var z = Latents(3, 2);
        var weights = FusionPathWeights.FromValues(["a", "b", "c"], [0.2, 0.1, 0.15, 0.05, 0.0, 0.3, 0.2]);
        var expected = zeros(6, 4);
        var blocks = new List<Tensor>();
        foreach (var (path, w) in weights.Paths.Zip(weights.Weights))
        {
            var product = ones(6, 4);
            foreach (var m in path.Members) product = product * z[m];  // (B, d)
            expected = expected + product * (float)w;
            blocks.Add(product * (float)w);
        }
        Assert.True(weights.Fuse(z, FusionLayout.Sum).allclose(expected, rtol: 1e-5, atol: 1e-6));
        var side = weights.Fuse(z, FusionLayout.Concatenate);
        Assert.Equal([6L, 7 * 4], side.shape);
        Assert.True(side.allclose(cat(blocks, 1), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void LatentsOfTheWrongCountOrShapeAreNamed()
    {
        using var scope = NewDisposeScope();
        var weights = FusionPathWeights.Equal(["a", "b", "c"]);
        Assert.Contains("3: a, b, c", Assert.Throws<ArgumentException>(() => weights.Fuse(Latents(2, 3), FusionLayout.Sum)).Message);
        var z = Latents(3, 3);
        z[2] = randn(6, 5);
        Assert.Contains("modality 'c'", Assert.Throws<ArgumentException>(() => weights.Fuse(z, FusionLayout.Sum)).Message);
    }
}
