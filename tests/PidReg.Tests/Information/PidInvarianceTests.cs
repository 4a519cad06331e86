using MathNet.Numerics.LinearAlgebra;
using PidReg.Information;
using static PidReg.Tests.Information.GaussianPidClosedFormTests;

namespace PidReg.Tests.Information;

/// <summary>What the PID must not notice: reparametrisations within a modality, order of modalities, target scale.</summary>
public class PidInvarianceTests
{
    static double[,] Transform(double[,] cov, Matrix<double> map) =>
        (map * Matrix<double>.Build.DenseOfArray(cov) * map.Transpose()).ToArray();

    static Matrix<double> BlockDiagonal(PidDims dims, Random rng, bool mapTarget, bool mapModalities)
    {
        var map = Matrix<double>.Build.DenseIdentity(dims.Total);
        void Fill(int start, int size)
        {
            // Random matrix plus a multiple of I: invertible with probability 1 and well conditioned.
            var block = Matrix<double>.Build.Dense(size, size, (_, _) => Normal(rng)) + 3 * Matrix<double>.Build.DenseIdentity(size);
            map.SetSubMatrix(start, start, block);
        }
        if (mapTarget) Fill(0, dims.Target);
        if (mapModalities)
        {
            Fill(dims.Target, dims.X1);
            Fill(dims.Target + dims.X1, dims.X2);
        }
        return map;
    }

    static void AssertSameAtoms(PidResult expected, PidResult actual, double tol)
    {
        Assert.Equal(expected.UniqueX1, actual.UniqueX1, tol);
        Assert.Equal(expected.UniqueX2, actual.UniqueX2, tol);
        Assert.Equal(expected.Redundancy, actual.Redundancy, tol);
        Assert.Equal(expected.Synergy, actual.Synergy, tol);
        Assert.Equal(expected.MiJoint, actual.MiJoint, tol);
    }

    [Theory]
    [InlineData(1, 5, 4)]
    [InlineData(2, 5, 4)]
    [InlineData(3, 6, 7)]
    public void InvertibleLinearMapsWithinEachModalityLeaveTheAtomsUnchanged(int m, int a, int b)
    {
        var dims = new PidDims(m, a, b);
        var rng = new Random(m * 31 + a);
        var cov = RandomCovariance(rng, dims.Total, dims.Total + 40);
        var mapped = Transform(cov, BlockDiagonal(dims, rng, mapTarget: false, mapModalities: true));
        AssertSameAtoms(GaussianPid.FromCovariance(cov, dims), GaussianPid.FromCovariance(mapped, dims), 2e-6);
    }

    [Theory]
    [InlineData(1, 5, 4)]
    [InlineData(3, 6, 7)]
    public void ScalingOrMixingTheTargetChangesNothing(int m, int a, int b)
    {
        var dims = new PidDims(m, a, b);
        var rng = new Random(m * 17 + b);
        var cov = RandomCovariance(rng, dims.Total, dims.Total + 40);
        var mapped = Transform(cov, BlockDiagonal(dims, rng, mapTarget: true, mapModalities: false));
        AssertSameAtoms(GaussianPid.FromCovariance(cov, dims), GaussianPid.FromCovariance(mapped, dims), 2e-6);
        var scaled = (double[,])cov.Clone();
        for (int i = 0; i < dims.Total; i++)
            for (int j = 0; j < dims.Total; j++)
                scaled[i, j] *= (i < m ? 1e3 : 1) * (j < m ? 1e3 : 1);
        AssertSameAtoms(GaussianPid.FromCovariance(cov, dims), GaussianPid.FromCovariance(scaled, dims), 1e-9);
    }

    [Theory]
    [InlineData(1, 5, 3)]
    [InlineData(2, 4, 6)]
    public void SwappingTheModalitiesSwapsTheirUniqueInformation(int m, int a, int b)
    {
        var dims = new PidDims(m, a, b);
        var cov = RandomCovariance(new Random(a * b), dims.Total, dims.Total + 40);
        int[] order = [.. Enumerable.Range(0, m), .. Enumerable.Range(m + a, b), .. Enumerable.Range(m, a)];
        var swapped = new double[dims.Total, dims.Total];
        for (int i = 0; i < dims.Total; i++)
            for (int j = 0; j < dims.Total; j++)
                swapped[i, j] = cov[order[i], order[j]];
        var pid = GaussianPid.FromCovariance(cov, dims);
        var other = GaussianPid.FromCovariance(swapped, new PidDims(m, b, a));
        Assert.Equal(pid.UniqueX1, other.UniqueX2, 2e-6);
        Assert.Equal(pid.UniqueX2, other.UniqueX1, 2e-6);
        Assert.Equal(pid.Redundancy, other.Redundancy, 2e-6);
        Assert.Equal(pid.Synergy, other.Synergy, 2e-6);
    }
}
