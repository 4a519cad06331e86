using PidReg.Regularizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Tests.Regularizers;

/// <summary>
/// Σ_m I_CS(Z_m; X_−m | X_m): the two-modality pair term bit for bit, a plain-loop Parzen brute force for three
/// modalities, and its response to a latent that leaks another modality.
/// </summary>
[Collection(TorchSeedCollection.Name)]
public class ConditionalIndependenceTermTests
{
    public ConditionalIndependenceTermTests() => PidReg.Tests.Training.TrainingTestSetup.Prepare();

    /// <summary>Independent inputs X_m (B, 3); Z_m = tanh(X_m A_m) + noise, and Z_1 also sees leak · X_last.</summary>
    static (Tensor[] Z, Tensor[] X) Modalities(int count, double leak, ulong seed, int rows = 64, ScalarType type = ScalarType.Float64)
    {
        var gen = new Generator(seed);
        var x = Enumerable.Range(0, count).Select(_ => randn(rows, 3, dtype: type, generator: gen)).ToArray();  // each (B, 3)
        var z = x.Select(xm => xm.mm(randn(3, 2, dtype: type, generator: gen)).tanh() + 0.3 * randn(rows, 2, dtype: type, generator: gen)).ToArray();
        z[0] = z[0] + leak * x[^1].mm(randn(3, 2, dtype: type, generator: gen));                                 // (B, 2)
        return (z, x);
    }

    [Theory]
    [InlineData(CmiEstimator.Proper, ScalarType.Float32)]
    [InlineData(CmiEstimator.Proper, ScalarType.Float64)]
    [InlineData(CmiEstimator.Reference, ScalarType.Float32)]
    public void TwoModalitiesGiveThePairTermBitForBit(CmiEstimator estimator, ScalarType type)
    {
        using var scope = NewDisposeScope();
        var (z, x) = Modalities(2, 0.7, 1, type: type);
        var pair = ConditionalCsMutualInformation.EstimatePair(z[0], z[1], x[0], x[1], estimator);
        var term = ConditionalIndependenceTerm.Estimate(z, x, estimator);
        Assert.True(term.equal(pair).item<bool>(), $"{term.to_type(ScalarType.Float64).item<double>():R} vs pair {pair.to_type(ScalarType.Float64).item<double>():R}");
    }

    // ---- brute force: the Parzen estimate of the proper estimator, in loops over doubles -------------------------------

    static double[][] Rows(Tensor t)
    {
        var v = t.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        int n = (int)t.shape[0], d = (int)t.shape[1];
        return [.. Enumerable.Range(0, n).Select(i => v[(i * d)..((i + 1) * d)])];
    }

    /// <summary>Gaussian Gram at the median distance between distinct rows (the lower median, as torch's median).</summary>
    static double[,] Gram(double[][] x)
    {
        int n = x.Length;
        var d2 = new double[n, n];
        var upper = new List<double>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                d2[i, j] = x[i].Zip(x[j], (a, b) => (a - b) * (a - b)).Sum();
                if (j > i) upper.Add(d2[i, j]);
            }
        upper.Sort();
        double sigma = Math.Sqrt(upper[(upper.Count - 1) / 2]);
        var k = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) k[i, j] = Math.Exp(-d2[i, j] / (2 * sigma * sigma));
        return k;
    }

    /// <summary>
    /// I_CS(Z; X | C) with L, K, M the Grams of Z, X, C: log Σ_j S^KLM_j/(S^M_j)² + log Σ_j (S^KM_j S^LM_j)²/((S^M_j)⁴ S^KLM_j)
    /// − 2 log Σ_j S^KM_j S^LM_j/(S^M_j)³, clipped at 0.
    /// </summary>
    static double Parzen(double[,] l, double[,] k, double[,] m)
    {
        int n = l.GetLength(0);
        double joint = 0, product = 0, cross = 0;
        for (int j = 0; j < n; j++)
        {
            double sM = 0, sKM = 0, sLM = 0, sKLM = 0;
            for (int i = 0; i < n; i++)
            {
                sM += m[j, i];
                sKM += k[j, i] * m[j, i];
                sLM += l[j, i] * m[j, i];
                sKLM += k[j, i] * l[j, i] * m[j, i];
            }
            joint += sKLM / (sM * sM);
            product += sKM * sKM * sLM * sLM / (Math.Pow(sM, 4) * sKLM);
            cross += sKM * sLM / Math.Pow(sM, 3);
        }
        return Math.Max(0, Math.Log(joint) + Math.Log(product) - 2 * Math.Log(cross));
    }

    [Fact]
    public void ThreeModalitiesGiveTheSumOfTheParzenEstimatesWithOneKernelWidthPerModality()
    {
        using var scope = NewDisposeScope();
        var (z, x) = Modalities(3, 0.8, 2);
        var inputGrams = x.Select(xm => Gram(Rows(xm))).ToArray();
        double expected = 0;
        for (int m = 0; m < 3; m++)
        {
            // The kernel of X_−m: the product of the other inputs' Grams.
            int n = inputGrams[m].GetLength(0);
            var others = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    others[i, j] = Enumerable.Range(0, 3).Where(o => o != m).Aggregate(1.0, (p, o) => p * inputGrams[o][i, j]);
            expected += Parzen(Gram(Rows(z[m])), others, inputGrams[m]);
        }
        double got = ConditionalIndependenceTerm.Estimate(z, x).item<double>();
        Assert.True(expected > 1e-3, $"the brute force is {expected}: the test system leaks too little to compare");
        Assert.Equal(expected, got, 1e-9 * expected);
    }

    [Fact]
    public void ReferenceEstimatorSumsTheDirectionsWithTheOtherInputsSideBySide()
    {
        using var scope = NewDisposeScope();
        var (z, x) = Modalities(3, 0.8, 3);
        double expected = Enumerable.Range(0, 3).Sum(m => ConditionalCsMutualInformation.Estimate(z[m],
            cat([.. x.Where((_, j) => j != m)], 1), x[m], CmiEstimator.Reference).item<double>());
        Assert.Equal(expected, ConditionalIndependenceTerm.Estimate(z, x, CmiEstimator.Reference).item<double>(), 1e-12);
    }

    [Fact]
    public void ALatentThatLeaksAnotherModalityRaisesTheTerm()
    {
        using var scope = NewDisposeScope();
        double[] values = [.. new[] { 0.0, 0.5, 1.0, 2.0 }.Select(leak =>
        {
            var (z, x) = Modalities(3, leak, 4, rows: 128);
            return ConditionalIndependenceTerm.Estimate(z, x).item<double>();
        })];
        for (int i = 1; i < values.Length; i++)
            Assert.True(values[i] > values[i - 1], $"term not increasing with leakage: {string.Join(", ", values)}");
        Assert.True(values[^1] > 3 * values[0], $"strong leakage {values[^1]} vs none {values[0]}");
    }

    [Fact]
    public void TheTermIsNonNegativeAndReachesEveryLatent()
    {
        using var scope = NewDisposeScope();
        var (z, x) = Modalities(3, 0.5, 5, type: ScalarType.Float32);
        foreach (var zm in z) zm.requires_grad_(true);
        var term = ConditionalIndependenceTerm.Estimate(z, x);
        Assert.True(term.item<float>() >= 0);
        term.backward();
        Assert.All(z, zm => Assert.True(zm.grad!.abs().sum().item<float>() > 0));
    }

    [Fact]
    public void MismatchedCountsOrRowsAreNamed()
    {
        using var scope = NewDisposeScope();
        var (z, x) = Modalities(3, 0, 6);
        Assert.Contains("3 latents and 2 inputs", Assert.Throws<ArgumentException>(() => ConditionalIndependenceTerm.Estimate(z, x[..2])).Message);
        Assert.Contains("X3 63", Assert.Throws<ArgumentException>(() => ConditionalIndependenceTerm.Estimate(z, [x[0], x[1], x[2][..63]])).Message);
    }
}
