using PidReg.Model;

namespace PidReg.Tests.Model;

public class FusionWeightsTests
{
    [Fact]
    public void ProportionalRuleSplitsRedundancyByEachModalitysInformation()
    {
        // U1 0.3, U2 0.1, R 0.4, S 0.2: T = 1, I1 = 0.7, I2 = 0.5, so w1 = 0.3 + 0.4·0.7/1.2, w2 = 0.1 + 0.4·0.5/1.2.
        var atoms = new PidAtoms(0.3, 0.1, 0.4, 0.2, 0.7, 0.5);
        var w = FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional);
        Assert.Equal(0.3 + 0.4 * 0.7 / 1.2, w.W1, 12);
        Assert.Equal(0.1 + 0.4 * 0.5 / 1.2, w.W2, 12);
        Assert.Equal(0.2, w.W3, 12);
        Assert.Equal(1.0, w.W1 + w.W2 + w.W3, 12);
    }

    [Fact]
    public void CoinFlipGivesAllOfTheRedundancyToOneSideAndIsSeeded()
    {
        var atoms = new PidAtoms(0.3, 0.1, 0.4, 0.2, 0.7, 0.5);
        var coin = new Random(3);
        var a = Enumerable.Range(0, 50).Select(_ => FusionWeights.FromAtoms(atoms, RedundancyAssignment.CoinFlip, coin)).ToList();
        Assert.All(a, w => Assert.True(Math.Abs(w.W1 - 0.7) < 1e-12 && Math.Abs(w.W2 - 0.1) < 1e-12
                                       || Math.Abs(w.W1 - 0.3) < 1e-12 && Math.Abs(w.W2 - 0.5) < 1e-12));
        Assert.Contains(a, w => w.W1 > 0.5);
        Assert.Contains(a, w => w.W1 < 0.5);
        var coin1 = new Random(9);
        var coin2 = new Random(9);
        Assert.Equal(
            Enumerable.Range(0, 20).Select(_ => FusionWeights.FromAtoms(atoms, RedundancyAssignment.CoinFlip, coin1)),
            Enumerable.Range(0, 20).Select(_ => FusionWeights.FromAtoms(atoms, RedundancyAssignment.CoinFlip, coin2)));
    }

    [Fact]
    public void NoInformationGivesEqualWeightsAndNegativeAtomsAreClipped()
    {
        Assert.Equal(FusionWeights.Equal, FusionWeights.FromAtoms(new PidAtoms(0, 0, 0, 0, 0, 0), RedundancyAssignment.Proportional));
        var w = FusionWeights.FromAtoms(new PidAtoms(0.5, -0.2, 0, 0.5, 0.5, 0), RedundancyAssignment.Proportional);
        Assert.Equal(new FusionWeights(0.5, 0, 0.5), w);
    }

    [Fact]
    public void WithoutSynergyRescalesTheModalityWeights()
    {
        Assert.Equal(new FusionWeights(0.75, 0.25, 0), new FusionWeights(0.375, 0.125, 0.5).WithoutSynergy());
        Assert.Equal(new FusionWeights(0.5, 0.5, 0), new FusionWeights(0, 0, 1).WithoutSynergy());
    }

    [Fact]
    public void SharedSynergyGivesASuppressorModalityItsShareOfTheSynergy()
    {
        // A suppressor: X2 knows nothing alone (U2 = R = 0) but half of what the pair knows is synergy.
        var atoms = new PidAtoms(0.5, 0, 0, 0.5, 0.5, 0);
        Assert.Equal(new FusionWeights(0.5, 0, 0.5), FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional));
        var shared = FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional, synergy: SynergyRouting.Modalities);
        Assert.Equal(0.75, shared.W1, 12);
        Assert.Equal(0.25, shared.W2, 12);
        Assert.Equal(0, shared.W3);
        var both = FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional, synergy: SynergyRouting.ModalitiesAndProduct);
        Assert.Equal(1.0, both.W1 + both.W2 + both.W3, 12);
        Assert.Equal(both.W3, 2 * both.W2, 12);  // S on the product path, S/2 on each modality's path
    }

    [Fact]
    public void ConditionalProductUsesTheProductPathOnlyWhenItAddsInformation()
    {
        var atoms = new PidAtoms(0.5, 0, 0, 0.5, 0.5, 0);
        Assert.Equal(FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional, synergy: SynergyRouting.ModalitiesAndProduct),
            FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional, synergy: SynergyRouting.ConditionalProduct, productUsed: true));
        Assert.Equal(FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional, synergy: SynergyRouting.Modalities),
            FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional, synergy: SynergyRouting.ConditionalProduct, productUsed: false));
    }

    [Fact]
    public void TheProductVerdictIsRequiredByTheConditionalRoutingAndRefusedByTheOthers()
    {
        var atoms = new PidAtoms(0.5, 0, 0, 0.5, 0.5, 0);
        var missing = Assert.Throws<ArgumentNullException>(() => FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional, synergy: SynergyRouting.ConditionalProduct));
        Assert.Contains("one verdict per product path (1)", missing.Message);
        var unwanted = Assert.Throws<ArgumentException>(() => FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional, synergy: SynergyRouting.ModalitiesAndProduct, productUsed: true));
        Assert.Contains("used only by the ConditionalProduct routing", unwanted.Message);
        var miscounted = Assert.Throws<ArgumentException>(() => FusionPathWeights.FromAtoms(LatticeAtoms.From(atoms), ["a", "b"], RedundancyAssignment.Proportional,
            synergy: SynergyRouting.ConditionalProduct, productUsed: [true, false]));
        Assert.Contains("one verdict per product path (1), got 2", miscounted.Message);
    }

    [Theory]
    [InlineData(0.3, 0.1, 0.4, 0.2)]
    [InlineData(0.0, 0.0, 0.0, 1.0)]
    [InlineData(0.9, 0.0, 0.05, 0.05)]
    public void EveryRoutingGivesNonNegativeWeightsThatSumToOne(double u1, double u2, double r, double s)
    {
        var atoms = new PidAtoms(u1, u2, r, s, u1 + r, u2 + r);
        foreach (var routing in Enum.GetValues<SynergyRouting>())
        {
            var w = FusionWeights.FromAtoms(atoms, RedundancyAssignment.Proportional, synergy: routing,
                productUsed: routing == SynergyRouting.ConditionalProduct ? true : null);
            Assert.Equal(1.0, w.W1 + w.W2 + w.W3, 12);
            Assert.All(w.ToArray(), v => Assert.True(v >= 0));
        }
    }
}
