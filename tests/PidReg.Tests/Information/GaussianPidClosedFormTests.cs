using MathNet.Numerics.LinearAlgebra;
using PidReg.Information;

namespace PidReg.Tests.Information;

/// <summary>Scalar-target PIDs against hand-derived Gaussian information values.</summary>
public class GaussianPidClosedFormTests
{
    const double Tol = 1e-9;
    static double Bits(double snr) => 0.5 * Math.Log2(1 + snr);

    /// <summary>Covariance of (T, X1, X2) with T ~ N(0, 1), X1 = g1 T + n1, X2 = g2 T + n2, noises independent.</summary>
    static double[,] TwoChannels(double g1, double s1, double g2, double s2) => new[,]
    {
        { 1, g1, g2 },
        { g1, g1 * g1 + s1, g1 * g2 },
        { g2, g1 * g2, g2 * g2 + s2 },
    };

    [Fact]
    public void TwoNoisyCopiesOfTheTargetSplitIntoRedundancyUniqueAndSynergyAsTheSnrsDictate()
    {
        // I(T; X_i) = ½ log2(1 + 1/s_i); two independent looks add their SNRs: I12 = ½ log2(1 + 1/s1 + 1/s2).
        var pid = GaussianPid.FromCovariance(TwoChannels(1, 0.5, 1, 2), new PidDims(1, 1, 1));
        double i1 = Bits(2), i2 = Bits(0.5), i12 = Bits(2.5);
        Assert.Equal(i1, pid.MiX1, Tol);
        Assert.Equal(i2, pid.MiX2, Tol);
        Assert.Equal(i12, pid.MiJoint, Tol);
        Assert.Equal(i2, pid.Redundancy, Tol);
        Assert.Equal(i1 - i2, pid.UniqueX1, Tol);
        Assert.Equal(0, pid.UniqueX2, Tol);
        Assert.Equal(i12 - i1, pid.Synergy, Tol);
        Assert.Equal("closed-form MMI", pid.Method);
        Assert.True(pid.Diagnostics.Converged);
    }

    [Fact]
    public void IdenticalModalitiesAreAllRedundancy()
    {
        // X1 = X2 exactly: the covariance is singular, so a small ridge is added and reported.
        var pid = GaussianPid.FromCovariance(new[,] { { 1.0, 1, 1 }, { 1, 1.25, 1.25 }, { 1, 1.25, 1.25 } }, new PidDims(1, 1, 1));
        double i = Bits(4);
        Assert.Equal(i, pid.MiX1, 1e-6);
        Assert.Equal(i, pid.Redundancy, 1e-6);
        Assert.Equal(0, pid.UniqueX1, 1e-6);
        Assert.Equal(0, pid.UniqueX2, 1e-6);
        Assert.Equal(0, pid.Synergy, 1e-6);
        Assert.True(pid.Diagnostics.Ridge > 0);
    }

    [Fact]
    public void AModalityIndependentOfEverythingAddsNothing()
    {
        var pid = GaussianPid.FromCovariance(TwoChannels(2, 1, 0, 3), new PidDims(1, 1, 1));
        Assert.Equal(Bits(4), pid.UniqueX1, Tol);
        Assert.Equal(0, pid.MiX2, Tol);
        Assert.Equal(0, pid.Redundancy, Tol);
        Assert.Equal(0, pid.UniqueX2, Tol);
        Assert.Equal(0, pid.Synergy, Tol);
    }

    [Fact]
    public void ANoiseReferenceThatCancelsNoiseIsPureSynergy()
    {
        // X1 = T + N, X2 = N + e (T, N ~ N(0, 1), e ~ N(0, η)): X2 alone knows nothing about T but cancels X1's noise.
        // Var(T | X1, X2) = η / (1 + 2η), so I12 = ½ log2((1 + 2η) / η); I1 = ½ log2 2.
        const double eta = 0.1;
        var cov = new[,] { { 1.0, 1, 0 }, { 1, 2, 1 }, { 0, 1, 1 + eta } };
        var pid = GaussianPid.FromCovariance(cov, new PidDims(1, 1, 1));
        double i12 = 0.5 * Math.Log2((1 + 2 * eta) / eta);
        Assert.Equal(0.5, pid.MiX1, Tol);
        Assert.Equal(0, pid.MiX2, Tol);
        Assert.Equal(i12, pid.MiJoint, Tol);
        Assert.Equal(0.5, pid.UniqueX1, Tol);
        Assert.Equal(0, pid.Redundancy, Tol);
        Assert.Equal(i12 - 0.5, pid.Synergy, Tol);
    }

    [Fact]
    public void HighDimensionalModalitiesGiveTheRegressionR2Information()
    {
        // Independent truth: I(T; X) = -½ log2(1 - R²), R² from the normal equations (MathNet), not from log-dets.
        var rng = new Random(11);
        var dims = new PidDims(1, 64, 64);
        var cov = RandomCovariance(rng, dims.Total, 400);
        var pid = GaussianPid.FromCovariance(cov, dims);
        var s = Matrix<double>.Build.DenseOfArray(cov);
        double R2(int start, int count)
        {
            var sxx = s.SubMatrix(start, count, start, count);
            var sxt = s.SubMatrix(start, count, 0, 1);
            return (sxt.TransposeThisAndMultiply(sxx.Solve(sxt)))[0, 0] / s[0, 0];
        }
        double i1 = -0.5 * Math.Log2(1 - R2(1, 64)), i2 = -0.5 * Math.Log2(1 - R2(65, 64)), i12 = -0.5 * Math.Log2(1 - R2(1, 128));
        Assert.Equal(i1, pid.MiX1, 1e-8);
        Assert.Equal(i2, pid.MiX2, 1e-8);
        Assert.Equal(i12, pid.MiJoint, 1e-8);
        Assert.Equal(Math.Min(i1, i2), pid.Redundancy, 1e-8);
        Assert.Equal(i12 - Math.Max(i1, i2), pid.Synergy, 1e-8);
        Assert.Equal(pid.MiX1, pid.UniqueX1 + pid.Redundancy, 1e-12);
        Assert.Equal(pid.MiX2, pid.UniqueX2 + pid.Redundancy, 1e-12);
        Assert.Equal(pid.MiJoint, pid.Total, 1e-12);
    }

    [Fact]
    public void ToStringIsCultureInvariant()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var text = GaussianPid.FromCovariance(TwoChannels(1, 0.5, 1, 2), new PidDims(1, 1, 1)).ToString();
            Assert.Contains("I(T;X1)=0.792481", text);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    /// <summary>Sample covariance of n Gaussian draws with a random mixing: a generic full-rank covariance.</summary>
    internal static double[,] RandomCovariance(Random rng, int p, int n)
    {
        var mix = Matrix<double>.Build.Dense(p, p, (_, _) => Normal(rng));
        var z = Matrix<double>.Build.Dense(n, p, (_, _) => Normal(rng)) * mix;
        var centred = z - Matrix<double>.Build.Dense(n, p, (_, j) => z.Column(j).Average());
        return (centred.TransposeThisAndMultiply(centred) / (n - 1)).ToArray();
    }

    internal static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
