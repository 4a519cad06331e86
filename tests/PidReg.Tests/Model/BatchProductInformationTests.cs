using PidReg.Information;
using PidReg.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Tests.Model;

/// <summary>
/// What the product path adds, I(T; Z1 ⊙ Z2 | Z1, Z2), against designed systems whose answer is known in closed form:
/// Z1, Z2 independent N(0, I), so each product coordinate has unit variance and is uncorrelated with Z1, Z2 and with the
/// other coordinates, and T = a·Z1 + b·(Z1 ⊙ Z2) + σε gives I = ½ log2(1 + |b|²/σ²) whatever a is.
/// </summary>
[Collection(TorchSeedCollection.Name)]
public class BatchProductInformationTests
{
    public BatchProductInformationTests() => PidReg.Torch.TorchRuntime.EnsureLoaded();

    /// <summary>T = Z1·a + (Z1 ⊙ Z2)·b + σε with a, b spread evenly over the d coordinates; raw (untransformed) target.</summary>
    static (Tensor T, Tensor[] Latents) Designed(Generator gen, int rows, int d, double linear, double product, double sigma)
    {
        var z1 = randn(rows, d, dtype: ScalarType.Float64, generator: gen);  // (B, d)
        var z2 = randn(rows, d, dtype: ScalarType.Float64, generator: gen);  // (B, d)
        double a = linear / Math.Sqrt(d), b = product / Math.Sqrt(d);       // |a|² = linear², |b|² = product²
        var t = (z1.sum(1, keepdim: true) * a + (z1 * z2).sum(1, keepdim: true) * b
                 + randn(rows, 1, dtype: ScalarType.Float64, generator: gen) * sigma);  // (B, 1)
        return (t, [z1.to_type(ScalarType.Float32), z2.to_type(ScalarType.Float32)]);
    }

    static double Truth(double product, double sigma) => 0.5 * Math.Log2(1 + product * product / (sigma * sigma));

    /// <summary>
    /// The one-factor shortcut against the four log-determinants of the textbook formula, on random covariances of
    /// [C, A, y′] with a scalar and a two-column target.
    /// </summary>
    [Theory]
    [InlineData(1, 6, 3, 1)]
    [InlineData(2, 4, 5, 2)]
    [InlineData(1, 0, 4, 3)]  // nothing to condition on: the mutual information
    public void TheTargetInformationFromOneFactorEqualsTheFourLogDeterminants(int t, int c, int a, int seed)
    {
        using var scope = NewDisposeScope();
        var covariance = Information.GaussianPidClosedFormTests.RandomCovariance(new Random(seed), c + a + t, 2 * (c + a + t));
        double shortcut = BatchProductInformation.TargetInformation(linalg.cholesky(tensor(covariance)), t, c, a);
        double textbook = GaussianInformation.ConditionalMutualInformation(covariance,
            [.. Enumerable.Range(c + a, t)], [.. Enumerable.Range(c, a)], [.. Enumerable.Range(0, c)]);
        Assert.True(textbook > 0.05, $"a test covariance with information to find: {textbook}");
        Assert.Equal(textbook, shortcut, 1e-10);
    }

    [Theory]
    [InlineData(1.0, 0.0)]   // a product that carries nothing
    [InlineData(1.0, 1.0)]   // 0.5 bits
    [InlineData(0.0, 2.0)]   // all information in the product: 1.16 bits
    public void LargeBatchesRecoverTheClosedFormInformation(double linear, double product)
    {
        using var scope = NewDisposeScope();
        var (t, z) = Designed(new Generator(4711), 20_000, 4, linear, product, 1.0);
        var bits = BatchProductInformation.Estimate(t, z, PidEstimate.BiasCorrected);
        Assert.Single(bits);
        Assert.True(Math.Abs(bits[0] - Truth(product, 1.0)) < 0.02, $"estimated {bits[0]:F4} bits, closed form {Truth(product, 1.0):F4}");
    }

    [Fact]
    public void BiasCorrectionRemovesThePlugInExcessAtTheTrainingBatchShape()
    {
        // d = 64 at B = 256, the default latent size and batch: 193 of the 256 rows are dimensions.
        using var scope = NewDisposeScope();
        var gen = new Generator(4711);
        double plugIn = 0, corrected = 0, correctedSignal = 0;
        const int Batches = 30;
        var nulls = new double[Batches];
        for (int i = 0; i < Batches; i++)
        {
            using var batch = NewDisposeScope();
            var (t, z) = Designed(gen, 256, 64, 1.0, 0.0, 1.0);
            plugIn += BatchProductInformation.Estimate(t, z, PidEstimate.PlugIn)[0] / Batches;
            nulls[i] = BatchProductInformation.Estimate(t, z, PidEstimate.BiasCorrected)[0];
            corrected += nulls[i] / Batches;
            var (ts, zs) = Designed(gen, 256, 64, 1.0, 1.0, 1.0);
            correctedSignal += BatchProductInformation.Estimate(ts, zs, PidEstimate.BiasCorrected)[0] / Batches;
        }
        // The plug-in excess is what BatchProductInformation.ConditionalBias predicts (about half a bit here).
        double excess = BatchProductInformation.ConditionalBias(1, 64, 128, 256);
        Assert.InRange(excess, 0.4, 0.6);
        Assert.True(Math.Abs(plugIn - excess) < 0.1, $"plug-in mean {plugIn:F4} bits on a product that carries nothing; predicted excess {excess:F4}");
        Assert.True(Math.Abs(corrected) < 0.1, $"bias-corrected mean {corrected:F4} bits on a product that carries nothing");
        Assert.True(Math.Abs(correctedSignal - Truth(1.0, 1.0)) < 0.15, $"bias-corrected mean {correctedSignal:F4} bits, closed form {Truth(1.0, 1.0):F4}");
        // The batch-to-batch spread is the Beta-law noise the weights' margin uses (30 batches: about ±13 % sampling error).
        double sd = Math.Sqrt(nulls.Sum(v => (v - corrected) * (v - corrected)) / (Batches - 1));
        double predicted = BatchProductInformation.NullStandardDeviation(1, 64, 2, 256);
        Assert.InRange(predicted, 0.085, 0.1);
        Assert.True(Math.Abs(sd / predicted - 1) < 0.35, $"spread {sd:F4} bits, predicted {predicted:F4}");
    }

    [Theory]
    [InlineData(1.0, 1.6449340668482264)]   // π²/6
    [InlineData(0.5, 4.934802200544679)]    // π²/2
    [InlineData(19.5, 0.0526194412136559)]
    public void TriGammaMatchesKnownValues(double x, double expected) =>
        Assert.Equal(expected, BatchProductInformation.TriGamma(x), 1e-9);

    [Fact]
    public void ASuppressorHasSynergyButItsProductAddsNothing()
    {
        // Z1 = signal + head size, Z2 = head size, T = signal: Z2 knows nothing alone and everything together with Z1, so
        // the PID books it as synergy, yet the pair's linear read-out Z1 − Z2 already has it all.
        using var scope = NewDisposeScope();
        var gen = new Generator(4711);
        var signal = randn(4000, 1, dtype: ScalarType.Float64, generator: gen);
        var head = randn(4000, 1, dtype: ScalarType.Float64, generator: gen) * 2;
        var t = BatchPid.TransformTarget(signal + randn(4000, 1, dtype: ScalarType.Float64, generator: gen) * 0.5);
        Tensor[] z = [cat([signal + head, randn(4000, 1, dtype: ScalarType.Float64, generator: gen)], 1).to_type(ScalarType.Float32),
                      cat([head, randn(4000, 1, dtype: ScalarType.Float64, generator: gen)], 1).to_type(ScalarType.Float32)];
        var atoms = BatchLatticePid.Estimate(t, z, PidEstimate.BiasCorrected);
        var product = BatchProductInformation.Estimate(t, z, PidEstimate.BiasCorrected);
        Assert.True(atoms["{12}"] > 0.5, $"synergy {atoms["{12}"]:F4} bits");
        Assert.True(Math.Abs(product[0]) < 0.01, $"product information {product[0]:F4} bits");

        string[] names = ["x1", "x2"];
        var shared = FusionPathWeights.FromAtoms(atoms, names, RedundancyAssignment.Proportional, synergy: SynergyRouting.ModalitiesAndProduct);
        var used = BatchProductInformation.Adds([(product, [BatchProductInformation.NullStandardDeviation(1, 2, 2, 4000)])]);
        Assert.Equal([false], used);
        var conditional = FusionPathWeights.FromAtoms(atoms, names, RedundancyAssignment.Proportional, synergy: SynergyRouting.ConditionalProduct, productUsed: used);
        Assert.True(shared["x1*x2"] > 0.2, shared.ToString());
        Assert.Equal(0, conditional["x1*x2"]);
        Assert.True(conditional["x2"] > 0.2, conditional.ToString());  // the suppressor keeps its own path
    }

    [Fact]
    public void ThreeLatentsGiveOneValuePerProductPathInPathOrder()
    {
        // Only Z1 ⊙ Z3 carries product information: of the paths a*b, a*c, b*c, a*b*c only the second is clearly above 0.
        using var scope = NewDisposeScope();
        var gen = new Generator(4711);
        var z = Enumerable.Range(0, 3).Select(_ => randn(20_000, 2, dtype: ScalarType.Float64, generator: gen)).ToArray();
        var t = (z[0] * z[2]).sum(1, keepdim: true) + randn(20_000, 1, dtype: ScalarType.Float64, generator: gen);
        var bits = BatchProductInformation.Estimate(t, [.. z.Select(x => x.to_type(ScalarType.Float32))], PidEstimate.BiasCorrected);
        Assert.Equal(4, bits.Length);
        Assert.True(Math.Abs(bits[1] - Truth(Math.Sqrt(2), 1.0)) < 0.03, $"a*c: {bits[1]:F4}, closed form {Truth(Math.Sqrt(2), 1.0):F4}");
        Assert.True(Math.Abs(bits[0]) < 0.01 && Math.Abs(bits[2]) < 0.01, $"a*b {bits[0]:F4}, b*c {bits[2]:F4}");
    }

    [Fact]
    public void AnEpochOfBatchesJudgesAProductThatCarriesInformationAndOneThatDoesNot()
    {
        // 20 batches of the training shape: a product worth 0.5 bits passes, a useless one does not.
        using var scope = NewDisposeScope();
        var gen = new Generator(4711);
        var none = new List<(double[], double[])>();
        var some = new List<(double[], double[])>();
        double sd = BatchProductInformation.NullStandardDeviation(1, 64, 2, 256);
        for (int i = 0; i < 20; i++)
        {
            using var batch = NewDisposeScope();
            var (t0, z0) = Designed(gen, 256, 64, 1.0, 0.0, 1.0);
            none.Add((BatchProductInformation.Estimate(t0, z0, PidEstimate.BiasCorrected), [sd]));
            var (t1, z1) = Designed(gen, 256, 64, 1.0, 1.0, 1.0);
            some.Add((BatchProductInformation.Estimate(t1, z1, PidEstimate.BiasCorrected), [sd]));
        }
        Assert.Equal([false], BatchProductInformation.Adds(none));
        Assert.Equal([true], BatchProductInformation.Adds(some));
        Assert.Throws<ArgumentException>(() => BatchProductInformation.Adds([]));
    }

    [Fact]
    public void APathTheBatchIsTooSmallForIsNoEvidenceAndKeepsItsShare()
    {
        // Three 8-wide latents at 30 rows: a pair needs 1 + 3 × 8 = 25 dimensions, the product of all three 33.
        using var scope = NewDisposeScope();
        var gen = new Generator(4711);
        var z = Enumerable.Range(0, 3).Select(_ => randn(30, 8, generator: gen)).ToArray();
        var t = BatchPid.TransformTarget(randn(30, 1, generator: gen));
        var bits = BatchProductInformation.Estimate(t, z, PidEstimate.BiasCorrected);
        Assert.Equal(4, bits.Length);
        Assert.All(bits[..3], b => Assert.True(double.IsFinite(b)));
        Assert.True(double.IsNaN(bits[3]));
        Assert.All(BatchProductInformation.Estimate(t, z, PidEstimate.PlugIn), b => Assert.True(double.IsFinite(b)));
        // The noise is undefined exactly where the estimate is; the plug-in estimate has no margin.
        var noise = BatchProductInformation.NullStandardDeviations(1, 8, 3, 30, PidEstimate.BiasCorrected);
        Assert.Equal(bits.Select(double.IsNaN), noise.Select(double.IsNaN));
        Assert.Equal(BatchProductInformation.NullStandardDeviation(1, 8, 2, 30), noise[0]);
        Assert.Equal([0.0, 0.0, 0.0, 0.0], BatchProductInformation.NullStandardDeviations(1, 8, 3, 30, PidEstimate.PlugIn));

        // An epoch whose batches never estimate a path keeps it; batches that do decide it alone.
        double sd = BatchProductInformation.NullStandardDeviation(1, 8, 2, 30);
        Assert.Equal([false, true], BatchProductInformation.Adds([([-0.01, double.NaN], [sd, double.NaN]), ([0.0, double.NaN], [sd, double.NaN])]));
        Assert.Equal([true], BatchProductInformation.Adds([([2.0], [sd]), ([double.NaN], [double.NaN])]));  // sd ≈ 0.41 bits at 30 rows
        Assert.Equal([false], BatchProductInformation.Adds([([0.0], [sd]), ([double.NaN], [double.NaN])]));
    }

    [Fact]
    public void LatentsOfDifferentWidthsAreRefusedByName()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(4711);
        var ex = Assert.Throws<ArgumentException>(() => BatchProductInformation.Estimate(randn(50, 1, generator: gen), [randn(50, 3, generator: gen), randn(50, 2, generator: gen)], PidEstimate.PlugIn));
        Assert.Contains("latent Z2", ex.Message);
    }
}
