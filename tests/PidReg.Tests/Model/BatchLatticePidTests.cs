using PidReg.Information;
using PidReg.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Tests.Model;

/// <summary>
/// The batch PID of M latents: two latents against <see cref="BatchPid"/>, more against the lattice PID of the sample
/// covariance computed here on the host, and the lattice identities.
/// </summary>
[Collection(TorchSeedCollection.Name)]
public class BatchLatticePidTests
{
    const double Tol = 1e-9;

    public BatchLatticePidTests() => PidReg.Torch.TorchRuntime.EnsureLoaded();

    /// <summary>A shared signal s (B, 1) that every latent and the target see with their own noise, so every atom can be non-zero.</summary>
    static (Tensor YPrime, Tensor[] Latents) Batch(ulong seed, int rows, int target, int[] widths)
    {
        var gen = new Generator(seed);
        var s = randn(rows, 2, dtype: ScalarType.Float64, generator: gen);                                     // (B, 2)
        var y = s.mm(randn(2, target, dtype: ScalarType.Float64, generator: gen)) + randn(rows, target, dtype: ScalarType.Float64, generator: gen);
        var latents = widths.Select((d, m) =>
            s.mm(randn(2, d, dtype: ScalarType.Float64, generator: gen)) + (m + 1) * randn(rows, d, dtype: ScalarType.Float64, generator: gen)).ToArray();
        return (BatchPid.TransformTarget(y), latents.Select(z => z.to_type(ScalarType.Float32)).ToArray());  // float32 latents, as in training
    }

    /// <summary>The sample covariance (normalised by B − 1) of [y′, Z_1, …, Z_M], on the host from the raw numbers.</summary>
    static double[,] SampleCovariance(Tensor yPrime, Tensor[] latents)
    {
        var columns = new List<double[]>();
        foreach (var block in latents.Prepend(yPrime))
        {
            var b = block.to_type(ScalarType.Float64);
            for (long j = 0; j < b.shape[1]; j++) columns.Add(b[.., j].data<double>().ToArray());
        }
        int n = columns[0].Length, p = columns.Count;
        var means = columns.Select(c => c.Average()).ToArray();
        var cov = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int k = 0; k < p; k++)
            {
                double sum = 0;
                for (int r = 0; r < n; r++) sum += (columns[i][r] - means[i]) * (columns[k][r] - means[k]);
                cov[i, k] = sum / (n - 1);
            }
        return cov;
    }

    [Theory]
    [InlineData(1, PidEstimate.PlugIn)]
    [InlineData(1, PidEstimate.BiasCorrected)]
    [InlineData(2, PidEstimate.PlugIn)]
    [InlineData(2, PidEstimate.BiasCorrected)]
    public void TwoLatentsGiveTheAtomsOfTheTwoModalityBatchPid(int target, PidEstimate estimate)
    {
        using var scope = NewDisposeScope();
        var (y, z) = Batch(31, 300, target, [3, 2]);
        var expected = BatchPid.Estimate(y, z[0], z[1], estimate);
        var atoms = BatchLatticePid.Estimate(y, z, estimate);
        var got = atoms.ToPidAtoms();
        foreach (var (want, have, name) in new[] { (expected.UniqueX1, got.UniqueX1, "U1"), (expected.UniqueX2, got.UniqueX2, "U2"),
                     (expected.Redundancy, got.Redundancy, "R"), (expected.Synergy, got.Synergy, "S"), (expected.MiX1, got.MiX1, "I1"), (expected.MiX2, got.MiX2, "I2") })
            Assert.True(Math.Abs(want - have) < Tol, $"{name}: {have} vs BatchPid {want}");
        Assert.Equal(atoms.SetInformation[3], atoms.Total, Tol);
    }

    [Theory]
    [InlineData(PidEstimate.PlugIn)]
    [InlineData(PidEstimate.BiasCorrected)]
    public void TwoLatentsWithAScalarTargetGiveTheLatticeMmiAtomsOfTheSampleCovariance(PidEstimate estimate)
    {
        using var scope = NewDisposeScope();
        var (y, z) = Batch(32, 300, 1, [2, 3]);
        var cov = SampleCovariance(y, z);
        var lattice = GaussianLatticePid.FromSampleCovariance(cov, new LatticeDims(1, 2, 3), 300, estimate);
        var atoms = BatchLatticePid.Estimate(y, z, estimate);
        foreach (var (key, value) in lattice.AtomsByKey) Assert.True(Math.Abs(value - atoms[key]) < Tol, $"{key}: {atoms[key]} vs {value}");
    }

    [Theory]
    [InlineData(1, new[] { 2, 3, 1 }, PidEstimate.PlugIn)]
    [InlineData(2, new[] { 2, 2, 2 }, PidEstimate.PlugIn)]
    [InlineData(1, new[] { 2, 3, 1 }, PidEstimate.BiasCorrected)]
    [InlineData(2, new[] { 1, 2, 1, 2 }, PidEstimate.PlugIn)]
    [InlineData(1, new[] { 1, 1, 1, 1 }, PidEstimate.BiasCorrected)]
    public void MoreLatentsGiveTheLatticePidOfTheSampleCovariance(int target, int[] widths, PidEstimate estimate)
    {
        using var scope = NewDisposeScope();
        var (y, z) = Batch(33, 250, target, widths);
        var cov = SampleCovariance(y, z);
        var dims = new LatticeDims(target, widths);
        var lattice = estimate == PidEstimate.PlugIn ? GaussianLatticePid.FromCovariance(cov, dims) : GaussianLatticePid.FromSampleCovariance(cov, dims, 250, estimate);
        var atoms = BatchLatticePid.Estimate(y, z, estimate);
        Assert.Equal(lattice.Atoms.Count, atoms.Atoms.Count);
        foreach (var (key, value) in lattice.AtomsByKey) Assert.True(Math.Abs(value - atoms[key]) < Tol, $"{key}: {atoms[key]} vs {value}");
        for (int s = 1; s < atoms.SetInformation.Count; s++) Assert.Equal(lattice.SetInformation[s], atoms.SetInformation[s], Tol);
        // The atoms add up to the information of all latents together, which here is a plain Gaussian information.
        Assert.Equal(atoms.SetInformation[^1], atoms.Total, Tol);
        if (estimate == PidEstimate.PlugIn)
            Assert.Equal(GaussianInformation.MutualInformation(cov, [.. Enumerable.Range(0, target)], [.. Enumerable.Range(target, dims.Total - target)]), atoms.Total, Tol);
        Assert.Contains(atoms.Atoms, a => a > 1e-3);
    }

    [Fact]
    public void PureNoiseShowsThePlugInBiasThatTheCorrectionRemovesForThreeLatents()
    {
        using var scope = NewDisposeScope();
        var gen = new Generator(34);
        var y = BatchPid.TransformTarget(randn(256, 1, generator: gen));
        Tensor[] z = [randn(256, 16, generator: gen), randn(256, 16, generator: gen), randn(256, 16, generator: gen)];
        var plugIn = BatchLatticePid.Estimate(y, z, PidEstimate.PlugIn);
        var corrected = BatchLatticePid.Estimate(y, z, PidEstimate.BiasCorrected);
        Assert.True(plugIn.Total > 0.1, plugIn.ToString());
        Assert.True(corrected.Total < plugIn.Total / 3, $"{corrected} vs plug-in {plugIn}");
    }

    [Fact]
    public void FewerRowsThanDimensionsWorkPlugInAndAreRefusedBiasCorrected()
    {
        using var scope = NewDisposeScope();
        var (y, z) = Batch(35, 20, 1, [8, 8, 8]);
        var plugIn = BatchLatticePid.Estimate(y, z, PidEstimate.PlugIn);
        Assert.All(plugIn.Atoms, a => Assert.True(double.IsFinite(a)));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BatchLatticePid.Estimate(y, z, PidEstimate.BiasCorrected));
        Assert.Contains("m + a + b + c = 25", ex.Message);
    }

    [Fact]
    public void OneLatentOrMisalignedRowsAreRefusedWithTheReason()
    {
        using var scope = NewDisposeScope();
        var (y, z) = Batch(36, 30, 1, [2, 2, 2]);
        Assert.Contains("at least two sources", Assert.ThrowsAny<ArgumentException>(() => BatchLatticePid.Estimate(y, [z[0]], PidEstimate.PlugIn)).Message);
        Assert.Contains("latent Z3", Assert.Throws<ArgumentException>(() => BatchLatticePid.Estimate(y, [z[0], z[1], z[2][..29]], PidEstimate.PlugIn)).Message);
    }
}
