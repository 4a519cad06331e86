using PidReg.Information;
using PidReg.Data;
using PidReg.Training;
using static PidReg.Tests.Training.SyntheticModalities;

namespace PidReg.Tests.Training;

[Collection(TorchSeedCollection.Name)]
public class PidRegLatentsTests
{
    public PidRegLatentsTests() => TrainingTestSetup.Prepare();

    static readonly PidRegOptions Tiny = PidRegRegressorTests.Small with { Epochs = 3 };

    [Fact]
    public void LatentsBeforeFitSayCallFitFirst()
    {
        var data = Make(Structure.SameSignal, 50, 1);
        using var regressor = new PidRegRegressor(Tiny);
        var e = Assert.Throws<InvalidOperationException>(() => regressor.Latents(data));
        Assert.Contains("Fit", e.Message);
    }

    [Fact]
    public void EachLatentDependsOnItsOwnModalityOnlyAndHasTheLatentWidth()
    {
        var (train, validation) = MakeSplit(Structure.SameSignal, 300, 100, 2);
        using var regressor = new PidRegRegressor(Tiny).Fit(train, validation);
        var latents = regressor.Latents(validation);
        var (z1, z2) = (latents[0], latents[1]);
        Assert.Equal(validation.RowCount, z1.GetLength(0));
        Assert.Equal(Tiny.LatentDim, z1.GetLength(1));
        Assert.Equal(Tiny.LatentDim, z2.GetLength(1));

        // Replace X2 by another draw: Z1 must not move (Z1 is computed from X1 alone, paper step 1-2), Z2 must.
        var other = Make(Structure.SameSignal, validation.RowCount, 99);
        var swapped = new MultimodalDataset(validation.Name, validation.Kind,
            [validation.Modalities[0], other.Modalities[1] with { Name = validation.Modalities[1].Name }], validation.Target, validation.TargetNames);
        var swappedLatents = regressor.Latents(swapped);
        var (z1Swapped, z2Swapped) = (swappedLatents[0], swappedLatents[1]);
        Assert.Equal(z1.Cast<double>(), z1Swapped.Cast<double>());
        Assert.NotEqual(z2.Cast<double>(), z2Swapped.Cast<double>());
        Assert.All(z1.Cast<double>().Concat(z2.Cast<double>()), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void LatentPidOfANoiseModalityGivesItNoInformationWithIntervals()
    {
        var (train, validation) = MakeSplit(Structure.SecondIsNoise, 300, 200, 3);
        using var regressor = new PidRegRegressor(Tiny).Fit(train, validation);
        var options = new PidSampleOptions { Estimate = PidEstimate.BiasCorrected, TargetTransform = TargetTransform.InverseNormal,
                                             BootstrapReplicates = 40, Seed = 7, MaxDegreeOfParallelism = 1 };

        var pid = regressor.LatentPid(validation, options);

        // y = 3 + 2 s1 + noise and X1 carries s1: Z1 knows y well; X2 is pure noise, so Z2 knows nothing about y.
        var intervals = Assert.IsType<PidIntervals>(pid.Intervals);
        Assert.True(pid.MiX1 > 1, $"I(y; Z1) = {pid.MiX1} bits");
        Assert.True(intervals.UniqueX1.Lower > 1, $"U1 interval {intervals.UniqueX1}");
        Assert.True(pid.MiX2 < 0.1, $"I(y; Z2) = {pid.MiX2} bits");
        Assert.True(intervals.UniqueX2.Upper < 0.05, $"U2 interval {intervals.UniqueX2}");
        Assert.Equal(pid.MiJoint, pid.UniqueX1 + pid.UniqueX2 + pid.Redundancy + pid.Synergy, 9);
        Assert.Equal(pid, regressor.LatentPid(validation, options));
    }

    [Fact]
    public void ExplainOnDataAndLatentPidReportTheJointNormalityOfTheLatents()
    {
        var (train, validation) = MakeSplit(Structure.SameSignal, 300, 200, 2);
        using var regressor = new PidRegRegressor(Tiny).Fit(train, validation);
        var direct = regressor.LatentNormality(validation);
        Assert.Equal(validation.RowCount, direct.Samples);
        Assert.Equal(1 + 2 * Tiny.LatentDim, direct.Dimensions);
        var latents = regressor.Latents(validation);
        var (z1, z2) = (latents[0], latents[1]);
        Assert.Equal(PidReg.Diagnostics.MultivariateNormality.FromPidBlocks(validation.Target, z1, z2, Tiny.TargetTransform), direct);

        var explanation = regressor.Explain(validation);
        Assert.Equal(direct, explanation.Normality);
        Assert.Null(explanation.NormalityNote);
        Assert.Null(regressor.Explain().Normality);
        Assert.Contains("Henze-Zirkler p =", explanation.ToString());
        var pid = regressor.LatentPid(validation);
        Assert.Equal(explanation.Normality, pid.Normality);

        // Above maxRows the tests run on evenly spaced rows.
        Assert.Equal(150, regressor.LatentNormality(validation, maxRows: 150).Samples);
    }
}
