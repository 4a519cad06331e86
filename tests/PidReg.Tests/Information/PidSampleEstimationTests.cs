using PidReg.Information;
using static PidReg.Tests.Information.GaussianPidClosedFormTests;

namespace PidReg.Tests.Information;

/// <summary>Estimation from samples: bias correction, convergence, target transforms, bootstrap.</summary>
public class PidSampleEstimationTests
{
    // These tests pin the estimation machinery against the MMI truth of the paper's setting; the library's defaults
    // (bias-corrected, inverse-normal, I_dep) are pinned separately.
    static readonly PidSampleOptions PlugInMmi = new() { Estimate = PidEstimate.PlugIn, TargetTransform = TargetTransform.None, Measure = PidMeasure.Mmi };
    static readonly PidSampleOptions CorrectedMmi = PlugInMmi with { Estimate = PidEstimate.BiasCorrected };

    /// <summary>n samples of T = 0.8 S1 + 0.6 S2 + e with X1 = (S1 + n, noise…), X2 = (S2 + n, noise…): a known PID.</summary>
    static (double[,] T, double[,] X1, double[,] X2) Draw(Random rng, int n, int a, int b, bool independent = false)
    {
        var t = new double[n, 1];
        var x1 = new double[n, a];
        var x2 = new double[n, b];
        for (int i = 0; i < n; i++)
        {
            double s1 = Normal(rng), s2 = Normal(rng);
            t[i, 0] = independent ? Normal(rng) : 0.8 * s1 + 0.6 * s2 + 0.5 * Normal(rng);
            for (int j = 0; j < a; j++) x1[i, j] = (j == 0 ? s1 : 0) + Normal(rng);
            for (int j = 0; j < b; j++) x2[i, j] = (j == 0 ? s2 : 0) + Normal(rng);
        }
        return (t, x1, x2);
    }

    /// <summary>The population PID of <see cref="Draw"/> with a, b dimensions.</summary>
    static PidResult Truth(int a, int b)
    {
        int p = 1 + a + b;
        var cov = new double[p, p];
        // Var T = 0.64 + 0.36 + 0.25; X1_0 = S1 + n: var 2, cov with T 0.8; X2_0: var 2, cov 0.6; other columns pure noise.
        cov[0, 0] = 1.25;
        for (int j = 1; j < p; j++) cov[j, j] = 1;
        cov[1, 1] = 2;
        cov[1 + a, 1 + a] = 2;
        cov[0, 1] = cov[1, 0] = 0.8;
        cov[0, 1 + a] = cov[1 + a, 0] = 0.6;
        return GaussianPid.FromCovariance(cov, new PidDims(1, a, b));
    }

    [Fact]
    public void OnPureNoisePlugInAtomsAreLargeAndBiasCorrectedAtomsAreNearZero()
    {
        var (t, x1, x2) = Draw(new Random(2024), 256, 64, 64, independent: true);
        var plugIn = GaussianPid.FromSamples(t, x1, x2, PlugInMmi);
        var corrected = GaussianPid.FromSamples(t, x1, x2, CorrectedMmi);
        // The expected plug-in excess of I(T; X1, X2) at n = 256, 1 + 128 dims is about half a bit.
        double expected = GaussianEntropyBias.MutualInformationBias(1, 128, 256);
        Assert.InRange(expected, 0.4, 0.6);
        Assert.True(plugIn.MiJoint > 0.6 * expected, $"plug-in I12 {plugIn.MiJoint}");
        Assert.True(plugIn.Synergy + plugIn.UniqueX1 + plugIn.UniqueX2 + plugIn.Redundancy > 0.3);
        Assert.True(corrected.MiJoint < 0.2, $"corrected I12 {corrected.MiJoint}");
        Assert.True(corrected.Total < 0.2);
        Assert.EndsWith("bias-corrected", corrected.Method);
    }

    [Fact]
    public void VectorTargetBiasCorrectionShrinksPureNoiseAtomsTowardsZero()
    {
        var rng = new Random(31);
        const int n = 90;
        double[,] Noise(int d)
        {
            var x = new double[n, d];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i, j] = Normal(rng);
            return x;
        }
        var (t, x1, x2) = (Noise(3), Noise(16), Noise(16));
        var plugIn = GaussianPid.FromSamples(t, x1, x2, PlugInMmi);
        var corrected = GaussianPid.FromSamples(t, x1, x2, CorrectedMmi);
        Assert.Equal("union solver, bias-corrected", corrected.Method);
        Assert.True(plugIn.Total > 0.6 * GaussianEntropyBias.MutualInformationBias(3, 32, n), $"plug-in total {plugIn.Total}");
        Assert.True(corrected.Total < 0.25 * plugIn.Total, $"corrected total {corrected.Total} vs plug-in {plugIn.Total}");
        Assert.Equal(corrected.MiJoint, corrected.Total, 1e-9);
    }

    [Fact]
    public void APlugInSampleCovarianceEstimateEqualsThePopulationFormula()
    {
        var cov = RandomCovariance(new Random(3), 7, 30);
        var dims = new PidDims(2, 3, 2);
        Assert.Equal(GaussianPid.FromCovariance(cov, dims).Synergy, GaussianPid.FromSampleCovariance(cov, dims, 30, PidEstimate.PlugIn).Synergy, 12);
    }

    [Fact]
    public void WithGrowingSamplesBothEstimatesConvergeToTheTruth()
    {
        var truth = Truth(8, 8);
        double Error(PidResult r) => new[]
        {
            r.UniqueX1 - truth.UniqueX1, r.UniqueX2 - truth.UniqueX2, r.Redundancy - truth.Redundancy, r.Synergy - truth.Synergy,
        }.Max(Math.Abs);
        var rng = new Random(77);
        var small = Draw(rng, 60, 8, 8);
        var large = Draw(rng, 40_000, 8, 8);
        var corrected = CorrectedMmi;
        var smallPlugIn = GaussianPid.FromSamples(small.T, small.X1, small.X2, PlugInMmi);
        var largePlugIn = GaussianPid.FromSamples(large.T, large.X1, large.X2, PlugInMmi);
        var largeCorrected = GaussianPid.FromSamples(large.T, large.X1, large.X2, corrected);
        Assert.True(Error(largePlugIn) < 0.02, $"plug-in error {Error(largePlugIn)}");
        Assert.True(Error(largeCorrected) < 0.02, $"corrected error {Error(largeCorrected)}");
        Assert.True(Error(smallPlugIn) > Error(largePlugIn));
        // At small n the plug-in joint information is biased upwards; the correction removes most of that.
        var smallCorrected = GaussianPid.FromSamples(small.T, small.X1, small.X2, corrected);
        Assert.True(Math.Abs(smallCorrected.MiJoint - truth.MiJoint) < Math.Abs(smallPlugIn.MiJoint - truth.MiJoint));
    }

    [Fact]
    public void LogDeterminantBiasMatchesMonteCarlo()
    {
        // E[ln det S] - ln det I for n = 12 samples of a 3-dim standard normal, over 4000 draws.
        const int n = 12, p = 3, reps = 4000;
        var rng = new Random(9);
        double sum = 0, sumSq = 0;
        for (int r = 0; r < reps; r++)
        {
            var x = new double[n, p];
            for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) x[i, j] = Normal(rng);
            var s = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(x);
            var centred = s - MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, p, (_, j) => s.Column(j).Average());
            double ld = (centred.TransposeThisAndMultiply(centred) / (n - 1)).Cholesky().DeterminantLn;
            sum += ld;
            sumSq += ld * ld;
        }
        double mean = sum / reps, se = Math.Sqrt((sumSq / reps - mean * mean) / reps);
        Assert.Equal(mean, GaussianEntropyBias.LogDeterminantBias(p, n), 4 * se);
    }

    [Fact]
    public void SamplesFromAKnownModelGiveItsPid()
    {
        var (t, x1, x2) = Draw(new Random(5), 30_000, 3, 2);
        var truth = Truth(3, 2);
        var pid = GaussianPid.FromSamples(t, x1, x2, CorrectedMmi);
        Assert.Equal(truth.Redundancy, pid.Redundancy, 0.02);
        Assert.Equal(truth.UniqueX1, pid.UniqueX1, 0.02);
        Assert.Equal(truth.Synergy, pid.Synergy, 0.02);
        Assert.Equal(30_000, pid.Diagnostics.SampleCount);
    }

    [Fact]
    public void InverseNormalTargetTransformRecoversTheGaussianPidOfAMonotoneDistortedTarget()
    {
        // exp(T) is far from Gaussian; its inverse normal transform is T's again (ranks are unchanged).
        var (t, x1, x2) = Draw(new Random(6), 20_000, 2, 2);
        var distorted = (double[,])t.Clone();
        for (int i = 0; i < t.GetLength(0); i++) distorted[i, 0] = Math.Exp(2 * t[i, 0]);
        var truth = Truth(2, 2);
        var options = PlugInMmi with { TargetTransform = TargetTransform.InverseNormal };
        var pid = GaussianPid.FromSamples(distorted, x1, x2, options);
        var raw = GaussianPid.FromSamples(distorted, x1, x2, PlugInMmi);
        Assert.Equal(truth.MiJoint, pid.MiJoint, 0.02);
        Assert.True(Math.Abs(raw.MiJoint - truth.MiJoint) > 0.1, "the distortion should matter without the transform");
    }

    [Fact]
    public void BootstrapIntervalsAreBitIdenticalWhateverTheThreadCountAndDependOnTheSeed()
    {
        var (t, x1, x2) = Draw(new Random(8), 300, 3, 3);
        PidIntervals Run(int threads, int seed) => GaussianPid.FromSamples(t, x1, x2,
            PlugInMmi with { BootstrapReplicates = 40, Seed = seed, MaxDegreeOfParallelism = threads }).Intervals!;
        var serial = Run(1, 3);
        var parallel = Run(-1, 3);
        Assert.Equal(serial, parallel);
        Assert.NotEqual(serial, Run(-1, 4));
        Assert.Equal(40, serial.Replicates);
        var point = GaussianPid.FromSamples(t, x1, x2, PlugInMmi);
        foreach (var (interval, value) in new[] { (serial.MiJoint, point.MiJoint), (serial.Redundancy, point.Redundancy), (serial.MiX1, point.MiX1) })
        {
            Assert.True(interval.Lower <= interval.Upper);
            Assert.InRange(value, interval.Lower - 0.05, interval.Upper + 0.05);
        }
        Assert.Null(point.Intervals);
    }

    [Fact]
    public void BootstrapIntervalsCoverTheTruthOnALargeSample()
    {
        var (t, x1, x2) = Draw(new Random(10), 4000, 2, 2);
        var truth = Truth(2, 2);
        var pid = GaussianPid.FromSamples(t, x1, x2, CorrectedMmi with { BootstrapReplicates = 60, Seed = 1 });
        var i = pid.Intervals!;
        Assert.InRange(truth.MiJoint, i.MiJoint.Lower - 0.01, i.MiJoint.Upper + 0.01);
        Assert.InRange(truth.Redundancy, i.Redundancy.Lower - 0.01, i.Redundancy.Upper + 0.01);
        Assert.InRange(truth.Synergy, i.Synergy.Lower - 0.01, i.Synergy.Upper + 0.01);
    }

    [Fact]
    public void TheDefaultForSamplesIsBiasCorrectedInverseNormalAndDep()
    {
        var defaults = new PidSampleOptions();
        Assert.Equal(PidEstimate.BiasCorrected, defaults.Estimate);
        Assert.Equal(TargetTransform.InverseNormal, defaults.TargetTransform);
        Assert.Equal(PidMeasure.Dep, defaults.Measure);
        var (t, x1, x2) = Draw(new Random(11), 500, 2, 2);
        var pid = GaussianPid.FromSamples(t, x1, x2);
        Assert.Equal(PidMeasure.Dep, pid.Measure);
        Assert.Equal("closed-form I_dep, bias-corrected", pid.Method);
    }

    [Fact]
    public void EveryMeasureGetsBiasCorrectionAndBootstrapIntervals()
    {
        var (t, x1, x2) = Draw(new Random(12), 600, 2, 2);
        foreach (var measure in new[] { PidMeasure.Mmi, PidMeasure.Dep, PidMeasure.Ccs })
        {
            var options = new PidSampleOptions { Measure = measure, BootstrapReplicates = 10, MonteCarloDraws = 2_000, Seed = 3 };
            var pid = GaussianPid.FromSamples(t, x1, x2, options);
            Assert.Equal(measure, pid.Measure);
            Assert.EndsWith("bias-corrected", pid.Method);
            Assert.Equal(10, pid.Intervals!.Replicates);
            Assert.Equal(measure == PidMeasure.Ccs, pid.MonteCarloError is not null);
            Assert.Equal(pid.MiX1, pid.UniqueX1 + pid.Redundancy, 1e-12);
            Assert.Equal(pid.MiJoint, pid.Total, 1e-12);
        }
    }
}
