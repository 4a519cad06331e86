using PidReg.Data;
using PidReg.Information;

namespace PidReg.Tests.Data;

/// <summary>The designed systems carry the PID lessons their documentation promises, under each measure.</summary>
public class DesignedPidSystemsTests
{
    static readonly PidDims Scalar = new(1, 1, 1);
    const double Tol = 1e-6;

    static PidResult Pid(DesignedPidSystem system, PidMeasure measure) =>
        GaussianPid.FromCovariance(system.Covariance, Scalar, measure, 50_000, seed: 3);

    // I_ccs is a Monte Carlo estimate: allow five standard errors (and a floor for a zero-error draw).
    static double Tolerance(PidResult pid) => pid.MonteCarloError is { } e ? Math.Max(5 * e, 1e-3) : Tol;

    public static TheoryData<PidMeasure> Measures => [PidMeasure.Mmi, PidMeasure.Dep, PidMeasure.Ccs];

    [Fact]
    public void TheCovarianceIsTheLoadingsTimesTheirTransposeAndTheSamplesFollowIt()
    {
        foreach (var system in DesignedPidSystems.All)
        {
            var cov = system.Covariance;
            Assert.Equal(1, cov[0, 0], 12);
            var (t, x1, x2) = system.Sample(20_000, seed: 5);
            double[][] columns = [Column(t), Column(x1), Column(x2)];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    Assert.Equal(cov[i, j], cov[j, i], 12);
                    double sample = columns[i].Zip(columns[j], (a, b) => a * b).Average();
                    Assert.True(Math.Abs(sample - cov[i, j]) < 0.05, $"{system.Name}: sample cov[{i},{j}] {sample} vs {cov[i, j]}");
                }
        }
    }

    static double[] Column(double[,] block) => Enumerable.Range(0, block.GetLength(0)).Select(r => block[r, 0]).ToArray();

    [Fact]
    public void TheSameSeedDrawsTheSameRows()
    {
        var a = DesignedPidSystems.Suppressor.Sample(10, 1);
        var b = DesignedPidSystems.Suppressor.Sample(10, 1);
        Assert.Equal(a.X1.Cast<double>(), b.X1.Cast<double>());
        Assert.Throws<ArgumentOutOfRangeException>(() => DesignedPidSystems.Copy.Sample(0, 1));
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public void ACopyIsAllRedundancyUnderEveryMeasure(PidMeasure measure)
    {
        var pid = Pid(DesignedPidSystems.Copy, measure);
        double tol = Tolerance(pid);
        Assert.Equal(0.5 * Math.Log2(5), pid.Redundancy, tol);
        Assert.Equal(0, pid.UniqueX1, tol);
        Assert.Equal(0, pid.UniqueX2, tol);
        Assert.Equal(0, pid.Synergy, tol);
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public void AnIndependentSourceGetsNothingUnderEveryMeasure(PidMeasure measure)
    {
        var pid = Pid(DesignedPidSystems.IndependentSource, measure);
        double tol = Tolerance(pid);
        Assert.Equal(0, pid.MiX2, Tol);
        Assert.Equal(0.5 * Math.Log2(5), pid.UniqueX1, tol);
        Assert.Equal(0, pid.UniqueX2, tol);
        Assert.Equal(0, pid.Redundancy, tol);
        Assert.Equal(0, pid.Synergy, tol);
    }

    [Theory]
    [MemberData(nameof(Measures))]
    public void TheSuppressorIsSynergyThoughTheTargetIsAdditive(PidMeasure measure)
    {
        var pid = Pid(DesignedPidSystems.Suppressor, measure);
        double tol = Tolerance(pid);
        // I(T; X1) = ½ log2(1 + 1/1.09); I(T; X1, X2) = ½ log2(1 + 1/0.09); X2 alone: 0.
        Assert.Equal(0, pid.MiX2, Tol);
        Assert.Equal(0.5 * Math.Log2(1 + 1 / 1.09), pid.MiX1, Tol);
        Assert.Equal(0.5 * Math.Log2(1 + 1 / 0.09), pid.MiJoint, Tol);
        Assert.Equal(0, pid.UniqueX2, tol);
        Assert.Equal(0, pid.Redundancy, tol);
        Assert.Equal(pid.MiJoint - pid.MiX1, pid.Synergy, tol);
    }

    [Fact]
    public void TwoNoisyLooksSplitTheMeasures()
    {
        var mmi = Pid(DesignedPidSystems.TwoNoisyLooks, PidMeasure.Mmi);
        var dep = Pid(DesignedPidSystems.TwoNoisyLooks, PidMeasure.Dep);
        Assert.Equal(0, mmi.UniqueX2, Tol);
        Assert.Equal(mmi.MiX2, mmi.Redundancy, Tol);
        Assert.True(mmi.Synergy > 0.1, $"MMI S {mmi.Synergy}");
        Assert.Equal(0, dep.Synergy, Tol);
        Assert.True(dep.UniqueX2 > 0.1, $"I_dep U2 {dep.UniqueX2}");
        Assert.True(mmi.Redundancy > dep.Redundancy + 0.1);
    }

    [Fact]
    public void MmiRedundancyIsNeverBelowDepsAndItsWeakerUniqueAtomIsZero()
    {
        foreach (var system in DesignedPidSystems.All)
        {
            var mmi = Pid(system, PidMeasure.Mmi);
            var dep = Pid(system, PidMeasure.Dep);
            Assert.True(mmi.Redundancy >= dep.Redundancy - Tol, system.Name);
            Assert.Equal(0, Math.Min(mmi.UniqueX1, mmi.UniqueX2), Tol);
        }
    }
}
