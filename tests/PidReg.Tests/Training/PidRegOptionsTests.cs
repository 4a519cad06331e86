using PidReg.Information;
using PidReg.Model;
using PidReg.Regularizers;
using PidReg.Training;

namespace PidReg.Tests.Training;

public class PidRegOptionsTests
{
    [Fact]
    public void DefaultsAreThePapersWithTheKitsThreeChoices()
    {
        var o = new PidRegOptions().Validate();
        Assert.Equal((256, 64, 0.3, 0.2, 4.0), (o.HiddenDim, o.LatentDim, o.Dropout1, o.Dropout2, o.InitialTheta));
        Assert.Equal((200, 256, 1e-3, 0.1), (o.Epochs, o.BatchSize, o.LearningRate, o.ThetaLearningRate));
        Assert.Equal((0.5, 10, 1e-6, 1.0, 30), (o.PlateauFactor, o.PlateauPatience, o.MinLearningRate, o.GradientClip, o.EarlyStoppingPatience));
        Assert.Equal((0.1, 0.1, 0.1), (o.CsWeight, o.CmiWeight, o.GaussianityWeight));
        Assert.Equal((5, 0.01, 5, 1234), (o.StabilityWindow, o.StabilityToleranceBits, o.StabilityPatience, o.Seed));
        Assert.Equal((PidEstimate.BiasCorrected, RedundancyAssignment.Proportional, CmiEstimator.Proper, ComputeDevice.Cpu),
            (o.PidEstimate, o.RedundancyAssignment, o.CmiEstimator, o.Device));
    }

    public static TheoryData<PidRegOptions, string> BadOptions => new()
    {
        { new PidRegOptions { HiddenDim = 1 }, nameof(PidRegOptions.HiddenDim) },
        { new PidRegOptions { LatentDim = 0 }, nameof(PidRegOptions.LatentDim) },
        { new PidRegOptions { Dropout1 = 1.0 }, nameof(PidRegOptions.Dropout1) },
        { new PidRegOptions { Dropout2 = double.NaN }, nameof(PidRegOptions.Dropout2) },
        { new PidRegOptions { InitialTheta = double.PositiveInfinity }, nameof(PidRegOptions.InitialTheta) },
        { new PidRegOptions { Epochs = 0 }, nameof(PidRegOptions.Epochs) },
        { new PidRegOptions { BatchSize = 2 }, nameof(PidRegOptions.BatchSize) },
        { new PidRegOptions { LearningRate = 0 }, nameof(PidRegOptions.LearningRate) },
        { new PidRegOptions { MinLearningRate = 1 }, nameof(PidRegOptions.MinLearningRate) },
        { new PidRegOptions { CmiWeight = -0.1 }, nameof(PidRegOptions.CmiWeight) },
        { new PidRegOptions { StabilityToleranceBits = 0 }, nameof(PidRegOptions.StabilityToleranceBits) },
        { new PidRegOptions { PidEstimate = (PidEstimate)7 }, nameof(PidRegOptions.PidEstimate) },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void ValidateNamesTheFieldAtFault(PidRegOptions options, string field)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate());
        Assert.Equal(field, ex.ParamName);
        Assert.Contains($"PidRegOptions.{field}", ex.Message);
    }

    [Fact]
    public void AskingForCudaWithoutCudaIsAClearError()
    {
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        var options = new PidRegOptions { Device = ComputeDevice.Cuda };
        if (TorchSharp.torch.cuda.is_available())
            Assert.Equal(TorchSharp.DeviceType.CUDA, options.ResolveDevice().type);
        else
            Assert.Contains("no CUDA device", Assert.Throws<InvalidOperationException>(() => options.ResolveDevice()).Message);
    }
}
