using PidReg.Data;
using PidReg.Information;

namespace PidReg.Tests.Data;

public class SyntheticPidGeneratorTests
{
    static readonly SyntheticPidOptions Small = new() { Dims1 = 5, Dims2 = 5, Nuisance1 = 1, Nuisance2 = 1, Unique1 = 0.8, Synergy = 1.5 };

    static double MaxAtomError(PidResult a, PidResult b) => new[]
    {
        Math.Abs(a.UniqueX1 - b.UniqueX1), Math.Abs(a.UniqueX2 - b.UniqueX2), Math.Abs(a.Redundancy - b.Redundancy), Math.Abs(a.Synergy - b.Synergy),
    }.Max();

    static double MaxCovarianceError(SyntheticPidGenerator g, MultimodalDataset d)
    {
        var all = new[] { d.Target, d.Modalities[0].Values, d.Modalities[1].Values };
        int n = d.RowCount, p = g.Dims.Total;
        var z = new double[n, p];
        int c = 0;
        foreach (var block in all)
            for (int j = 0; j < block.GetLength(1); j++, c++)
                for (int i = 0; i < n; i++) z[i, c] = block[i, j];
        double worst = 0;
        var mean = new double[p];
        for (int j = 0; j < p; j++) { for (int i = 0; i < n; i++) mean[j] += z[i, j]; mean[j] /= n; }
        for (int a = 0; a < p; a++)
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += (z[i, a] - mean[a]) * (z[i, b] - mean[b]);
                worst = Math.Max(worst, Math.Abs(s / (n - 1) - g.PopulationCovariance[a, b]));
            }
        return worst;
    }

    [Fact]
    public void SampleAtomsConvergeToTheAnalyticAtomsAsNGrows()
    {
        var g = new SyntheticPidGenerator(Small);
        var truth = g.TrueAtoms;
        var errors = new[] { 300, 3000, 30000 }.Select(n =>
        {
            var d = g.Sample(n, seed: 11);
            // The truth is the MMI PID of the raw (untransformed) population: estimate the same quantity.
            return MaxAtomError(GaussianPid.FromSamples(d.Target, d.Modalities[0].Values, d.Modalities[1].Values,
                new PidSampleOptions { Estimate = PidEstimate.PlugIn, Measure = PidMeasure.Mmi, TargetTransform = TargetTransform.None }), truth);
        }).ToArray();
        Assert.True(errors[2] < errors[0], $"errors by n: {string.Join(", ", errors)}");
        Assert.True(errors[2] < 0.03, $"error at n = 30000: {errors[2]} bits");
    }

    [Fact]
    public void SampleCovarianceMatchesThePopulationCovariance()
    {
        var g = new SyntheticPidGenerator(Small);
        Assert.True(MaxCovarianceError(g, g.Sample(40000, seed: 3)) < 0.06);
    }

    [Fact]
    public void KnobsMoveMassBetweenTheAtoms()
    {
        PidResult Atoms(SyntheticPidOptions o) => new SyntheticPidGenerator(o).TrueAtoms;
        var baseline = Atoms(Small);
        Assert.True(Atoms(Small with { Redundancy = 4 }).Redundancy > baseline.Redundancy + 0.2);
        Assert.True(Atoms(Small with { Synergy = 6 }).Synergy > baseline.Synergy + 0.2);
        Assert.True(Atoms(Small with { Synergy = 0 }).Synergy < 0.02);
        Assert.True(Atoms(Small with { Unique1 = 3 }).UniqueX1 > baseline.UniqueX1 + 0.2);
        var swapped = Atoms(Small with { Unique1 = 0, Unique2 = 3, Synergy = 0 });
        Assert.True(swapped.UniqueX2 > 0.3 && swapped.UniqueX1 < 1e-9);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalRowsAndAnotherSeedDoesNot()
    {
        var g = new SyntheticPidGenerator(Small);
        var a = g.Sample(50, 5);
        var b = new SyntheticPidGenerator(Small).Sample(50, 5);
        var c = g.Sample(50, 6);
        Assert.Equal(a.Modalities[1].Values.Cast<double>(), b.Modalities[1].Values.Cast<double>());
        Assert.NotEqual(a.Target.Cast<double>(), c.Target.Cast<double>());
        Assert.Equal(DatasetKinds.Synthetic, a.Kind);
    }

    [Fact]
    public void HeavyTailedVariantKeepsTheCovarianceButHasHeavyTails()
    {
        var heavy = new SyntheticPidGenerator(Small with { Variant = SyntheticVariant.HeavyTailed, DegreesOfFreedom = 5 });
        Assert.Equal(new SyntheticPidGenerator(Small).PopulationCovariance.Cast<double>(), heavy.PopulationCovariance.Cast<double>());
        var d = heavy.Sample(40000, seed: 8);
        Assert.True(MaxCovarianceError(heavy, d) < 0.12);
        // Excess kurtosis of y: 0 for a Gaussian, positive for Student-t sources.
        var y = Enumerable.Range(0, d.RowCount).Select(i => d.Target[i, 0]).ToArray();
        double m = y.Average(), v = y.Average(t => (t - m) * (t - m)), k = y.Average(t => Math.Pow(t - m, 4)) / (v * v) - 3;
        Assert.True(k > 0.5, $"excess kurtosis {k}");
    }

    [Theory]
    [InlineData(SyntheticVariant.Multiplicative)]
    [InlineData(SyntheticVariant.Xor)]
    public void NonlinearSynergyIsInvisibleToTheGaussianPidButPresentInTheData(SyntheticVariant variant)
    {
        var g = new SyntheticPidGenerator(Small with { Variant = variant, Redundancy = 0, Unique1 = 0, Synergy = 1, Nuisance1 = 0, Nuisance2 = 0 });
        Assert.True(g.TrueAtoms.MiJoint < 1e-9);
        Assert.Equal(2.0, g.PopulationCovariance[0, 0], 12);
        var d = g.Sample(30000, seed: 2);
        Assert.True(MaxCovarianceError(g, d) < 0.06);
        // The synergy term is a function of one direction in each modality: fit y on x1_i * x2_j products.
        // Its best single product correlates far more than the ~0.01 that pure noise would.
        double best = 0;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
            {
                var p = Enumerable.Range(0, d.RowCount).Select(r => d.Modalities[0].Values[r, i] * d.Modalities[1].Values[r, j]).ToArray();
                var y = Enumerable.Range(0, d.RowCount).Select(r => d.Target[r, 0]).ToArray();
                best = Math.Max(best, Math.Abs(MathNet.Numerics.Statistics.Correlation.Pearson(p, y)));
            }
        Assert.True(best > 0.05, $"best product correlation {best}");
    }

    [Theory]
    [InlineData("Redundancy")]
    [InlineData("Dims1")]
    [InlineData("ObservationNoise")]
    [InlineData("DegreesOfFreedom")]
    public void InvalidOptionsNameTheField(string field)
    {
        var o = field switch
        {
            "Redundancy" => Small with { Redundancy = -1 },
            "Dims1" => Small with { Dims1 = 2 },
            "ObservationNoise" => Small with { ObservationNoise = 0 },
            _ => Small with { DegreesOfFreedom = 2 },
        };
        Assert.Equal(field, Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticPidGenerator(o)).ParamName);
    }
}
