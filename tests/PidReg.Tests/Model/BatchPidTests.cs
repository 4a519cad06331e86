using PidReg.Information;
using PidReg.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Tests.Model;

[Collection(TorchSeedCollection.Name)]
public class BatchPidTests
{
    public BatchPidTests() => PidReg.Torch.TorchRuntime.EnsureLoaded();

    [Fact]
    public void PureNoiseShowsThePlugInBiasThatTheCorrectionRemoves()
    {
        // n = 256 rows in 1 + 32 + 32 dimensions of independent noise: the true atoms are all 0.
        var gen = new Generator(21);
        var y = BatchPid.TransformTarget(randn(256, 1, generator: gen));
        var z1 = randn(256, 32, generator: gen);
        var z2 = randn(256, 32, generator: gen);
        var plugIn = BatchPid.Estimate(y, z1, z2, PidEstimate.PlugIn);
        var corrected = BatchPid.Estimate(y, z1, z2, PidEstimate.BiasCorrected);
        Assert.True(plugIn.Total > 0.1, plugIn.ToString());
        Assert.True(corrected.Total < plugIn.Total / 3, $"{corrected} vs plug-in {plugIn}");
    }

    [Fact]
    public void PlugInAtomsMatchTheClosedFormOfTheSampleCorrelations()
    {
        // One latent dimension each: I_k = −½ log2(1 − r²) of the sample correlation, R = min, S = I12 − max.
        var gen = new Generator(22);
        var s = randn(500, 1, dtype: ScalarType.Float64, generator: gen);
        var y = BatchPid.TransformTarget(s + 0.5 * randn(500, 1, dtype: ScalarType.Float64, generator: gen));
        var z1 = s + randn(500, 1, dtype: ScalarType.Float64, generator: gen);
        var z2 = s + 2 * randn(500, 1, dtype: ScalarType.Float64, generator: gen);
        var atoms = BatchPid.Estimate(y, z1, z2, PidEstimate.PlugIn);
        var c = corrcoef(cat([y, z1, z2], 1).t()).data<double>().ToArray();  // 3×3 row-major
        double r1 = c[1], r2 = c[2], r12 = c[5];
        double i1 = -0.5 * Math.Log2(1 - r1 * r1), i2 = -0.5 * Math.Log2(1 - r2 * r2);
        double det = 1 - r1 * r1 - r2 * r2 - r12 * r12 + 2 * r1 * r2 * r12;
        double i12 = -0.5 * Math.Log2(det / (1 - r12 * r12));
        Assert.Equal(i1, atoms.MiX1, 8);
        Assert.Equal(i2, atoms.MiX2, 8);
        Assert.Equal(Math.Min(i1, i2), atoms.Redundancy, 8);
        Assert.Equal(i12 - Math.Max(i1, i2), atoms.Synergy, 8);
    }

    [Fact]
    public void ConstantLatentColumnIsHandledByTheJitter()
    {
        var gen = new Generator(23);
        var y = BatchPid.TransformTarget(randn(100, 1, generator: gen));
        var z1 = randn(100, 3, generator: gen);
        z1[.., 1] = tensor(2.0f);
        var atoms = BatchPid.Estimate(y, z1, randn(100, 3, generator: gen), PidEstimate.PlugIn);
        Assert.True(double.IsFinite(atoms.Total));
    }

    [Fact]
    public void TargetTransformIsTheRankInverseNormalTransformPerColumn()
    {
        var y = tensor(new double[,] { { 5, -1 }, { 1, 3 }, { 3, 7 } });
        var t = BatchPid.TransformTarget(y).data<double>().ToArray();
        double low = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (1 - 0.375) / 3.25);
        Assert.Equal([-low, low, low, 0, 0, -low], t.Select(v => Math.Round(v, 12)).ToArray(), (a, b) => Math.Abs(a - b) < 1e-10);
    }
}
