using MathNet.Numerics.LinearAlgebra;
using PidReg.Information;
using static PidReg.Tests.Information.GaussianPidClosedFormTests;

namespace PidReg.Tests.Information;

/// <summary>I_dep and I_ccs against hand derivations, the PID identities and designed systems.</summary>
public class PidMeasureTests
{
    const double Tol = 1e-9;
    static readonly PidDims Scalar = new(1, 1, 1);
    static double Info(double rho) => -0.5 * Math.Log2(1 - rho * rho);

    static double[,] Correlation(double r1, double r2, double r12) => new[,] { { 1, r1, r2 }, { r1, 1, r12 }, { r2, r12, 1 } };

    public static TheoryData<PidMeasure> Measures => [PidMeasure.Mmi, PidMeasure.Dep, PidMeasure.Ccs];

    [Theory]
    [InlineData(0.6, 0.3, 0.2)]
    [InlineData(0.6, 0.3, 0.7)]
    [InlineData(0.5, -0.4, 0.1)]
    [InlineData(0.8, 0.75, 0.95)]
    [InlineData(0.2, 0.0, -0.6)]
    public void ScalarDepRedundancyIsTheLargerOfTheMarkovSourceInformationAndTheCoInformation(double r1, double r2, double r12)
    {
        // By hand: the only non-marginal model on the lattice keeps corr(T, X1), corr(T, X2) and makes X1 ⟂ X2 given T,
        // so its source correlation is r1 r2 and I_M(X1; X2) = −½ log2(1 − r1² r2²). The pairwise model is the Gaussian
        // itself. Hence R = max(0, I_M(X1; X2), I1 + I2 − I12), with I12 = ½ log2((1 − r12²) / det C).
        var cov = Correlation(r1, r2, r12);
        double det = 1 - r1 * r1 - r2 * r2 - r12 * r12 + 2 * r1 * r2 * r12;
        double i1 = Info(r1), i2 = Info(r2), i12 = 0.5 * Math.Log2((1 - r12 * r12) / det);
        double r = Math.Max(0, Math.Max(Info(r1 * r2), i1 + i2 - i12));
        var pid = GaussianPid.FromCovariance(cov, Scalar, PidMeasure.Dep);
        Assert.Equal(PidMeasure.Dep, pid.Measure);
        Assert.Equal(r, pid.Redundancy, Tol);
        Assert.Equal(i1 - r, pid.UniqueX1, Tol);
        Assert.Equal(i2 - r, pid.UniqueX2, Tol);
        Assert.Equal(i12 - i1 - i2 + r, pid.Synergy, Tol);
    }

    [Fact]
    public void SourcesIndependentGivenTheTargetHaveNoDepSynergyAndTheirCoInformationAsRedundancy()
    {
        // X_i = T + n_i: the Markov model is the truth, so I_dep's synergy is 0, unlike MMI's.
        var cov = new[,] { { 1.0, 1, 1 }, { 1, 1.5, 1 }, { 1, 1, 3 } };
        double i1 = 0.5 * Math.Log2(3), i2 = 0.5 * Math.Log2(1.5), i12 = 0.5 * Math.Log2(1 + 2 + 0.5);
        var dep = GaussianPid.FromCovariance(cov, Scalar, PidMeasure.Dep);
        Assert.Equal(0, dep.Synergy, Tol);
        Assert.Equal(i1 + i2 - i12, dep.Redundancy, Tol);
        Assert.True(dep.UniqueX2 > 0.1, "the weaker modality keeps a unique atom under I_dep");
        var mmi = GaussianPid.FromCovariance(cov, Scalar);
        Assert.Equal(0, mmi.UniqueX2, Tol);
        Assert.True(mmi.Synergy > 0.1);
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public void AtomsAddUpToTheInformationTermsOnRandomCovariances(PidMeasure measure)
    {
        var rng = new Random(41);
        foreach (var dims in new[] { Scalar, new PidDims(1, 3, 2), new PidDims(2, 2, 3) })
            for (int k = 0; k < 3; k++)
            {
                var cov = RandomCovariance(rng, dims.Total, 40);
                var pid = GaussianPid.FromCovariance(cov, dims, measure, 5_000, seed: k);
                Assert.Equal(measure, pid.Measure);
                Assert.Equal(GaussianInformation.MutualInformation(cov, DenseRange(0, dims.Target), DenseRange(dims.Target, dims.X1)), pid.MiX1, 1e-9);
                Assert.Equal(pid.MiX1, pid.UniqueX1 + pid.Redundancy, 1e-7);
                Assert.Equal(pid.MiX2, pid.UniqueX2 + pid.Redundancy, 1e-7);
                Assert.Equal(pid.MiJoint, pid.Total, 1e-7);
                if (measure != PidMeasure.Ccs)
                    foreach (var atom in new[] { pid.UniqueX1, pid.UniqueX2, pid.Redundancy, pid.Synergy }) Assert.True(atom >= -1e-12, $"{measure} atom {atom}");
            }
    }

    static int[] DenseRange(int start, int count) => Enumerable.Range(start, count).ToArray();

    [Fact]
    public void MmiRedundancyAndSynergyAreNeverBelowDeps()
    {
        var rng = new Random(43);
        foreach (var dims in new[] { Scalar, new PidDims(1, 2, 3), new PidDims(2, 2, 2) })
            for (int k = 0; k < 8; k++)
            {
                var cov = RandomCovariance(rng, dims.Total, 25);
                var mmi = GaussianPid.FromCovariance(cov, dims, PidMeasure.Mmi);
                var dep = GaussianPid.FromCovariance(cov, dims, PidMeasure.Dep);
                Assert.True(mmi.Redundancy >= dep.Redundancy - 1e-6, $"{dims}: MMI R {mmi.Redundancy} < I_dep R {dep.Redundancy}");
                Assert.True(mmi.Synergy >= dep.Synergy - 1e-6, $"{dims}: MMI S {mmi.Synergy} < I_dep S {dep.Synergy}");
            }
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public void AtomsDoNotChangeUnderInvertibleMapsOfEachBlock(PidMeasure measure)
    {
        var rng = new Random(47);
        var dims = new PidDims(2, 2, 3);
        var cov = RandomCovariance(rng, dims.Total, 60);
        var map = Matrix<double>.Build.DenseIdentity(dims.Total);
        foreach (var (start, size) in new[] { (0, dims.Target), (dims.Target, dims.X1), (dims.Target + dims.X1, dims.X2) })
            map.SetSubMatrix(start, start, Matrix<double>.Build.Dense(size, size, (_, _) => Normal(rng)) + 3 * Matrix<double>.Build.DenseIdentity(size));
        var mapped = (map * Matrix<double>.Build.DenseOfArray(cov) * map.Transpose()).ToArray();
        var before = GaussianPid.FromCovariance(cov, dims, measure);
        var after = GaussianPid.FromCovariance(mapped, dims, measure);
        // I_ccs draws different points of the mapped Gaussian, so it agrees within its Monte Carlo error only.
        double tol = measure == PidMeasure.Ccs ? 5 * Math.Sqrt(2) * before.MonteCarloError!.Value : 1e-8;
        Assert.Equal(before.Redundancy, after.Redundancy, tol);
        Assert.Equal(before.UniqueX1, after.UniqueX1, tol);
        Assert.Equal(before.Synergy, after.Synergy, tol);
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public void CopiesOfOneNoisyLookAreAllRedundancy(PidMeasure measure)
    {
        // X1 = X2 = T + n: i(t;x1) = i(t;x2) = i(t;x1,x2) at every point, so even the local rule keeps all of it.
        var cov = new[,] { { 1.0, 1, 1 }, { 1, 1.25, 1.25 }, { 1, 1.25, 1.25 } };
        double i = 0.5 * Math.Log2(5);
        var pid = GaussianPid.FromCovariance(cov, Scalar, measure, 20_000);
        // I_ccs's redundancy is then the Monte Carlo mean of i(t; x), the information itself up to its standard error.
        double tol = measure == PidMeasure.Ccs ? 5 * pid.MonteCarloError!.Value : 1e-5;
        Assert.Equal(i, pid.Redundancy, tol);
        Assert.Equal(0, pid.UniqueX1, tol);
        Assert.Equal(0, pid.UniqueX2, tol);
        Assert.Equal(0, pid.Synergy, tol);
    }

    [Fact]
    public void AnIndependentSourceHasNoUniqueOrRedundantDepInformation()
    {
        // X2 independent of (T, X1) in vector blocks.
        var rng = new Random(53);
        var dims = new PidDims(1, 2, 2);
        var full = RandomCovariance(rng, 3, 50);
        var cov = new double[5, 5];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) cov[i, j] = full[i, j];
        cov[3, 3] = 2; cov[4, 4] = 1; cov[3, 4] = cov[4, 3] = 0.5;
        var pid = GaussianPid.FromCovariance(cov, dims, PidMeasure.Dep);
        Assert.Equal(0, pid.UniqueX2, Tol);
        Assert.Equal(0, pid.Redundancy, Tol);
        Assert.Equal(0, pid.Synergy, Tol);
        Assert.Equal(pid.MiX1, pid.UniqueX1, Tol);
    }

    [Fact]
    public void ADifferenceOfIndependentSourcesIsMostlySynergyWithHandDerivedDepAtoms()
    {
        // T = X1 − X2 + e, X1, X2 ~ N(0, 1) independent, e ~ N(0, η): a suppressor pair, each alone nearly useless.
        const double eta = 0.05;
        double vt = 2 + eta;
        var cov = new[,] { { vt, 1, -1 }, { 1, 1, 0 }, { -1, 0, 1 } };
        double rho2 = 1 / vt;  // corr(T, X_i)²
        double i1 = -0.5 * Math.Log2(1 - rho2), i12 = 0.5 * Math.Log2(vt / eta);
        // The Markov model's sources correlate by corr(T, X1) corr(T, X2) = −1/vt; the co-information is negative.
        double r = -0.5 * Math.Log2(1 - rho2 * rho2);
        var dep = GaussianPid.FromCovariance(cov, Scalar, PidMeasure.Dep);
        Assert.Equal(r, dep.Redundancy, Tol);
        Assert.Equal(i1 - r, dep.UniqueX1, Tol);
        Assert.Equal(i1 - r, dep.UniqueX2, Tol);
        Assert.Equal(i12 - 2 * i1 + r, dep.Synergy, Tol);
        Assert.True(dep.Synergy > 2 * (dep.UniqueX1 + dep.UniqueX2 + dep.Redundancy), $"synergy {dep.Synergy} should dominate");
        var mmi = GaussianPid.FromCovariance(cov, Scalar);
        Assert.Equal(i1, mmi.Redundancy, Tol);
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public void ATargetThatIsExactlyTheDifferenceOfTheSourcesHasUnboundedInformation(PidMeasure measure)
    {
        var cov = new[,] { { 2.0, 1, -1 }, { 1, 1, 0 }, { -1, 0, 1 } };
        var e = Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromCovariance(cov, Scalar, measure));
        Assert.Contains("T is a deterministic function of (X1, X2): the information is unbounded", e.Message);
        var rng = new Random(5);
        int n = 200;
        double[,] t = new double[n, 1], x1 = new double[n, 2], x2 = new double[n, 1];
        for (int i = 0; i < n; i++)
        {
            x1[i, 0] = Normal(rng); x1[i, 1] = Normal(rng); x2[i, 0] = Normal(rng);
            t[i, 0] = x1[i, 0] - 2 * x2[i, 0];
        }
        var options = new PidSampleOptions { Measure = measure, TargetTransform = TargetTransform.None, MonteCarloDraws = 1_000 };
        Assert.Contains("unbounded", Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromSamples(t, x1, x2, options)).Message);
    }

    [Fact]
    public void ASourceIndependentOfTheTargetHasNoCcsRedundancyEvenWhenItCancelsNoise()
    {
        // X1 = T + N, X2 = N + e: X2 ⟂ T, so i(t; x2) = 0 at every point and the sign rule never counts a co-information.
        var cov = new[,] { { 1.0, 1, 0 }, { 1, 2, 1 }, { 0, 1, 1.3 } };
        var pid = GaussianPid.FromCovariance(cov, Scalar, PidMeasure.Ccs, 20_000);
        Assert.Equal(0, pid.Redundancy);
        Assert.Equal(0, pid.UniqueX2, 1e-12);
        Assert.Equal(0.5, pid.UniqueX1, 1e-12);
    }

    [Fact]
    public void CcsIsDeterministicForASeedAndItsSeedsAgreeWithinTheMonteCarloError()
    {
        var cov = RandomCovariance(new Random(59), 5, 40);
        var dims = new PidDims(1, 2, 2);
        var a = GaussianPid.FromCovariance(cov, dims, PidMeasure.Ccs, 20_000, seed: 1);
        var b = GaussianPid.FromCovariance(cov, dims, PidMeasure.Ccs, 20_000, seed: 1);
        var c = GaussianPid.FromCovariance(cov, dims, PidMeasure.Ccs, 20_000, seed: 2);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Redundancy, c.Redundancy);
        Assert.Equal(a.Redundancy, c.Redundancy, 5 * Math.Sqrt(2) * a.MonteCarloError!.Value);
        Assert.InRange(a.MonteCarloError!.Value, 1e-5, 0.02);
        Assert.Null(GaussianPid.FromCovariance(cov, dims, PidMeasure.Dep).MonteCarloError);
    }

    [Fact]
    public void MmiResultsAreTheOnesOfTheDefaultCall()
    {
        var cov = RandomCovariance(new Random(61), 6, 30);
        var dims = new PidDims(2, 2, 2);
        Assert.Equal(GaussianPid.FromCovariance(cov, dims), GaussianPid.FromCovariance(cov, dims, PidMeasure.Mmi));
    }

    [Fact]
    public void BadMeasureSettingsAreNamed()
    {
        var cov = Correlation(0.5, 0.3, 0.1);
        Assert.Equal("measure", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianPid.FromCovariance(cov, Scalar, (PidMeasure)7)).ParamName);
        Assert.Contains("at least 1000", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianPid.FromCovariance(cov, Scalar, PidMeasure.Ccs, 10)).Message);
        Assert.Equal("MonteCarloDraws", Assert.Throws<ArgumentOutOfRangeException>(() => new PidSampleOptions { MonteCarloDraws = 5 }.Validate()).ParamName);
        Assert.Equal("Measure", Assert.Throws<ArgumentOutOfRangeException>(() => new PidSampleOptions { Measure = (PidMeasure)9 }.Validate()).ParamName);
    }
}
