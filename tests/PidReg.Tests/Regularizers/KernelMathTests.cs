using PidReg.Regularizers;
using static TorchSharp.torch;

namespace PidReg.Tests.Regularizers;

[Collection(TorchSeedCollection.Name)]
public class KernelMathTests
{
    public KernelMathTests() => PidReg.Tests.Training.TrainingTestSetup.Prepare();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(256)]
    public void UpperTriangleSelectsWhatATriuMaskSelectsInTheSameOrder(int n)
    {
        using var scope = NewDisposeScope();
        var matrix = arange(n * n, dtype: ScalarType.Float32).reshape(n, n);  // every entry tells its position
        var masked = matrix.masked_select(ones(n, n, dtype: ScalarType.Bool).triu(1));
        var indexed = matrix.flatten().index_select(0, KernelMath.UpperTriangle(n, matrix.device));
        Assert.Equal(n * (n - 1) / 2, indexed.shape[0]);
        Assert.True(masked.equal(indexed).all().item<bool>());
    }

    [Theory]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    [InlineData(40, 3)]
    public void MedianDistanceIsTheLowerMedianOfTheDistancesBetweenDistinctRows(int n, int seed)
    {
        // Integer coordinates: every squared distance is exact in float64, so the GEMM form must match this loop.
        var rng = new Random(seed);
        var rows = new double[n, 3];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < 3; j++) rows[i, j] = rng.Next(-20, 21);
        var squared = new List<double>();
        for (int i = 0; i < n; i++)
            for (int k = i + 1; k < n; k++)
                squared.Add(Enumerable.Range(0, 3).Sum(j => (rows[i, j] - rows[k, j]) * (rows[i, j] - rows[k, j])));
        squared.Sort();
        double expected = Math.Sqrt(squared[(squared.Count - 1) / 2]);  // torch's median: the lower middle value
        using var scope = NewDisposeScope();
        Assert.Equal(expected, KernelMath.MedianDistance(tensor(rows)));
    }

    [Fact]
    public void MedianDistanceOfCoincidingRowsFallsBackToOne()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(1.0, KernelMath.MedianDistance(ones(6, 4, dtype: ScalarType.Float64)));
    }
}
