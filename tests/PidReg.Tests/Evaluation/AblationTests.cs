using PidReg.Evaluation;
using PidReg.Model;
using PidReg.Training;
using PidReg.Tests.Training;
using static PidReg.Tests.Training.SyntheticModalities;

namespace PidReg.Tests.Evaluation;

/// <summary>Each ablation name, trained for a few epochs, really changes what its switch controls.</summary>
[Collection(TorchSeedCollection.Name)]
public class AblationTests
{
    public AblationTests() => TrainingTestSetup.Prepare();

    // A high stability tolerance would freeze at once; the default keeps stage 1 (PID, Gaussianity) for these few epochs.
    static readonly PidRegOptions Tiny = new() { HiddenDim = 16, LatentDim = 3, BatchSize = 64, Epochs = 4, LearningRate = 1e-2, Seed = 21 };

    static PidRegRegressor Fit(string name)
    {
        var (train, validation) = MakeSplit(Structure.NeedsBoth, 256, 64, 3);
        return (PidRegRegressor)Models.Create(name, Tiny).Fit(train, validation);
    }

    [Fact]
    public void SwitchedOffLossTermsAreRecordedAsExactlyZeroAndTheOthersAreNot()
    {
        using var full = Fit("pidreg");
        Assert.All(full.History.Epochs, e => Assert.True(e.Cmi != 0 && e.Gaussianity != 0, $"epoch {e.Epoch}: CMI {e.Cmi}, Gauss {e.Gaussianity}"));
        Assert.All(full.History.Epochs, e => Assert.Equal(0.0, e.Cs));  // the kit leaves the paper's CS terms out
        using var cs = Fit("pidreg-cs");
        Assert.All(cs.History.Epochs, e => Assert.NotEqual(0.0, e.Cs));
        using var noCmi = Fit("pidreg-no-cmi");
        Assert.All(noCmi.History.Epochs, e => Assert.Equal(0.0, e.Cmi));
        using var noGauss = Fit("pidreg-no-gauss");
        Assert.All(noGauss.History.Epochs, e => Assert.Equal(0.0, e.Gaussianity));
        Assert.All(noGauss.History.Epochs, e => Assert.NotEqual(0.0, e.Cmi));
    }

    [Fact]
    public void EqualWeightsStayAtOneThirdAndNoSynergyKeepsW3AtZero()
    {
        using var equal = Fit("pidreg-equal-weights");
        Assert.All(equal.History.Epochs, e => Assert.Equal(FusionWeights.Equal, e.Weights));
        Assert.All(equal.History.Epochs, e => Assert.NotNull(e.Atoms));  // the PID is still estimated and reported
        using var noSynergy = Fit("pidreg-no-synergy");
        Assert.All(noSynergy.History.Epochs, e =>
        {
            Assert.Equal(0.0, e.Weights!.W3);
            Assert.Equal(1.0, e.Weights.W1 + e.Weights.W2, 12);
        });
        using var product = Fit("pidreg-product-synergy");
        Assert.Contains(product.History.Epochs, e => e.Weights!.W3 > 0 && e.Weights != FusionWeights.Equal);
        // Synergy on the modality paths alone: no product path at all.
        using var modalities = Fit("pidreg-modality-synergy");
        Assert.All(modalities.History.Epochs, e => Assert.Equal(0.0, e.Weights!.W3));
        Assert.Contains(modalities.History.Epochs, e => e.Weights != FusionWeights.Equal);
        // Always-product credits S to both kinds of path: the product path weighs (S/T) / (1 + S/T).
        using var full = Fit("pidreg-always-product");
        var estimated = full.History.Epochs.Where(e => e.Atoms is not null).ToArray();
        Assert.NotEmpty(estimated);
        Assert.All(estimated, e =>
        {
            var a = e.Atoms!;
            double s = Math.Max(0, a.Synergy), total = Math.Max(0, a.UniqueX1) + Math.Max(0, a.UniqueX2) + Math.Max(0, a.Redundancy) + s;
            Assert.Equal(s / total / (1 + s / total), e.Weights!.W3, 12);
        });
    }

    [Fact]
    public void TheDefaultGivesTheWeightsOfTheAlwaysProductRuleOrThoseOfSynergyOnTheModalities()
    {
        // Each epoch's weights are pidreg-always-product's when the product was judged to add information, else those of
        // pidreg-modality-synergy: the same atoms, routed one way or the other.
        using var conditional = Fit("pidreg");
        var estimated = conditional.History.Epochs.Where(e => e.Atoms is not null).ToArray();
        Assert.NotEmpty(estimated);
        Assert.All(estimated, e =>
        {
            var both = FusionWeights.FromAtoms(e.Atoms!, RedundancyAssignment.Proportional, synergy: SynergyRouting.ModalitiesAndProduct);
            var modalities = FusionWeights.FromAtoms(e.Atoms!, RedundancyAssignment.Proportional, synergy: SynergyRouting.Modalities);
            Assert.True(e.Weights == both || e.Weights == modalities, $"epoch {e.Epoch}: {e.Weights} is neither {both} nor {modalities}");
        });
    }

    [Fact]
    public void WithoutTheBottleneckTheLambdasNeverMove()
    {
        double initial = 1 / (1 + Math.Exp(-Tiny.InitialTheta));
        using var off = Fit("pidreg-no-bottleneck");
        Assert.All(off.History.Epochs, e =>
        {
            Assert.Equal(initial, e.Lambda1, 6);
            Assert.Equal(initial, e.Lambda2, 6);
        });
        using var on = Fit("pidreg");
        Assert.Contains(on.History.Epochs, e => Math.Abs(e.Lambda1 - initial) > 1e-3);
    }

    [Fact]
    public void CoinFlipGivesAllOfRToOneModalityWhileTheDefaultSplitsIt()
    {
        // Weights after each stage-1 epoch come from that epoch's atoms: with the coin, W1·T' − U1 − S/2 is 0 or R (the
        // default credits S/2 to each modality path, and S to the product path while it is used, then T' = T + S).
        static bool AllOfROrNone(EpochReport e)
        {
            var a = e.Atoms!;
            double u1 = Math.Max(0, a.UniqueX1), r = Math.Max(0, a.Redundancy), s = Math.Max(0, a.Synergy);
            double total = u1 + Math.Max(0, a.UniqueX2) + r + s;
            double given = e.Weights!.W1 * (e.Weights.W3 > 0 ? total + s : total) - u1 - s / 2;
            return Math.Abs(given) < 1e-9 || Math.Abs(given - r) < 1e-9;
        }
        using var coin = Fit("pidreg-coinflip");
        var withAtoms = coin.History.Epochs.Where(e => e.Atoms is not null && e.Atoms.Redundancy > 1e-6).ToArray();
        Assert.NotEmpty(withAtoms);
        Assert.All(withAtoms, e => Assert.True(AllOfROrNone(e), $"epoch {e.Epoch}: {e.Weights} from {e.Atoms}"));
        using var proportional = Fit("pidreg");
        Assert.Contains(proportional.History.Epochs, e => e.Atoms is not null && e.Atoms.Redundancy > 1e-6 && !AllOfROrNone(e));
    }

    [Fact]
    public void ThePlugInPidReportsMoreSynergyThanTheBiasCorrectedOne()
    {
        // Plug-in Gaussian MI is biased upwards with few rows per dimension; the correction removes part of it.
        using var plugin = Fit("pidreg-plugin");
        using var corrected = Fit("pidreg");
        Assert.True(plugin.History.Epochs[0].Atoms!.Synergy > corrected.History.Epochs[0].Atoms!.Synergy,
            $"plug-in {plugin.History.Epochs[0].Atoms} vs corrected {corrected.History.Epochs[0].Atoms}");
    }
}
