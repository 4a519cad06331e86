using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Tests.Torch;

/// <summary>Proves libtorch works in the test process: float64 linear algebra, autograd, seeding.</summary>
[Collection(TorchSeedCollection.Name)]
public class TorchSmokeTests
{
    public TorchSmokeTests() => PidReg.Torch.TorchRuntime.EnsureLoaded();

    static Tensor SpdMatrix()
    {
        // A = B Bᵀ + 3 I: symmetric positive definite with a known construction.
        var b = tensor(new double[,] { { 1, 2, 0 }, { 0, 1, 3 }, { 2, 0, 1 } });
        return b.mm(b.t()) + 3 * eye(3, dtype: float64);
    }

    [Fact]
    public void CholeskyReconstructsTheMatrix()
    {
        var a = SpdMatrix();
        var l = linalg.cholesky(a);
        Assert.True(l.mm(l.t()).allclose(a, rtol: 0, atol: 1e-12));
        Assert.Equal(ScalarType.Float64, l.dtype);
    }

    [Fact]
    public void EighMatchesSlogdetAndTrace()
    {
        var a = SpdMatrix();
        var (values, vectors) = linalg.eigh(a);
        var (sign, logabsdet) = linalg.slogdet(a);
        Assert.Equal(1.0, sign.item<double>());
        Assert.Equal(values.log().sum().item<double>(), logabsdet.item<double>(), 12);
        Assert.Equal(a.trace().item<double>(), values.sum().item<double>(), 12);
        // Eigenvectors are orthonormal.
        Assert.True(vectors.t().mm(vectors).allclose(eye(3, dtype: float64), atol: 1e-12));
    }

    [Fact]
    public void SolveSolvesTheSystem()
    {
        var a = SpdMatrix();
        var x = tensor(new double[] { 1, -2, 0.5 }).reshape(3, 1);
        var solved = linalg.solve(a, a.mm(x));
        Assert.True(solved.allclose(x, atol: 1e-12));
    }

    [Fact]
    public void AutogradThroughSlogdetGivesTheInverseTranspose()
    {
        // d/dA log|det A| = A^{-T}: a closed form to check the gradient against.
        var a = SpdMatrix().requires_grad_(true);
        var (_, logabsdet) = linalg.slogdet(a);
        logabsdet.backward();
        var expected = linalg.inv(a.detach()).t();
        Assert.True(a.grad!.allclose(expected, atol: 1e-12));
    }

    [Fact]
    public void ManualSeedMakesRandomNumbersRepeatable()
    {
        random.manual_seed(4711);
        var first = randn(1000, dtype: float64);
        random.manual_seed(4711);
        var second = randn(1000, dtype: float64);
        Assert.True(first.equal(second).all().item<bool>());
        random.manual_seed(4712);
        var third = randn(1000, dtype: float64);
        Assert.False(first.equal(third).all().item<bool>());
    }
}
