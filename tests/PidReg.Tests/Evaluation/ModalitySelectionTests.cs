using PidReg.Baselines;
using PidReg.Evaluation;
using PidReg.Training;
using PidReg.Tests.Training;
using static PidReg.Tests.Training.SyntheticModalities;

namespace PidReg.Tests.Evaluation;

[Collection(TorchSeedCollection.Name)]
public class ModalitySelectionTests
{
    public ModalitySelectionTests() => TrainingTestSetup.Prepare();

    [Fact]
    public void WhenTheSecondModalityIsNoiseThePidAndTheMeasuredLossBothPointAtTheFirst()
    {
        var split = Make(Structure.SecondIsNoise, 900, 6).Split();
        var options = new PidRegOptions { HiddenDim = 16, LatentDim = 3, BatchSize = 100, Epochs = 20, LearningRate = 1e-2, Seed = 4 };
        var report = ModalitySelection.Run(split, options, timingRepeats: 3);

        var (first, second) = (report.Modalities[0], report.Modalities[1]);
        Assert.Equal(("x1", "x2"), (first.Modality, second.Modality));
        Assert.True(first.PidBits > second.PidBits, report.ToMarkdown());
        Assert.True(first.R2Loss > 0.5 && Math.Abs(second.R2Loss) < 0.2, report.ToMarkdown());
        Assert.True(first.RmseIncrease > 0);
        Assert.True(report.PidRankingAgrees);
        // Bookkeeping: the account is U + share of R, the shares of R add up to R, and the savings follow the times.
        Assert.Equal(first.UniqueBits + first.RedundancyShareBits, first.PidBits, 12);
        Assert.Equal(Math.Max(0, report.Atoms!.Redundancy), first.RedundancyShareBits + second.RedundancyShareBits, 12);
        Assert.Equal(1 - first.WithoutPredictSeconds / report.FusedPredictSeconds, first.InferenceSaving, 12);
        Assert.Contains("| x1 |", report.ToMarkdown());
    }

    [Fact]
    public void AnalyzeChecksWhichModelIsWhich()
    {
        using var fused = new PidRegRegressor();
        using var early = new BaselineRegressor(BaselineKind.EarlyFusion);
        using var only2 = new BaselineRegressor(BaselineKind.Unimodal2);
        var test = Make(Structure.SameSignal, 10, 1);
        Assert.Contains("unimodal1", Assert.Throws<ArgumentException>(() => ModalitySelection.Analyze(fused, early, only2, test)).Message);
        Assert.Throws<InvalidOperationException>(() => ModalitySelection.Analyze(fused, new BaselineRegressor(BaselineKind.Unimodal1), only2, test));
    }
}
