using PidReg.Model;
using PidReg.Training;

namespace PidReg.Tests.Training;

public class StabilityDetectorTests
{
    static PidAtoms Atoms(double u1, double r = 0.2) => new(u1, 0.1, r, 0.05, u1 + r, 0.1 + r);

    [Fact]
    public void ConstantAtomsBecomeStableAfterTheWindowFillsAndThePatienceRunsOut()
    {
        var detector = new StabilityDetector(window: 3, toleranceBits: 0.01, patience: 2);
        var stableAt = Enumerable.Range(1, 10).First(_ => detector.Add(Atoms(0.5)));
        // Changes exist from epoch window + 1 = 4; two calm ones in a row: epoch 5.
        Assert.Equal(5, stableAt);
        Assert.Equal(0.0, detector.LastChange);
    }

    [Fact]
    public void AtomsThatKeepMovingNeverBecomeStable()
    {
        var detector = new StabilityDetector(window: 2, toleranceBits: 0.01, patience: 2);
        for (int epoch = 0; epoch < 30; epoch++)
            Assert.False(detector.Add(Atoms(0.05 * epoch)));
        Assert.Equal(0.05, detector.LastChange!.Value, 12);  // a linear drift of 0.05 moves the window mean by 0.05
    }

    [Fact]
    public void OneLargeJumpResetsTheCalmCount()
    {
        var detector = new StabilityDetector(window: 1, toleranceBits: 0.01, patience: 3);
        double[] u1 = [0.5, 0.5, 0.5, 0.9, 0.9, 0.9];
        var results = u1.Select(v => detector.Add(Atoms(v))).ToArray();
        Assert.Equal([false, false, false, false, false, false], results);
        Assert.Equal(2, detector.CalmEpochs);
        Assert.True(detector.Add(Atoms(0.9)));
    }

    [Theory]
    [InlineData(0, 0.01, 5, "window")]
    [InlineData(5, 0.0, 5, "toleranceBits")]
    [InlineData(5, 0.01, 0, "patience")]
    public void BadSettingsAreNamed(int window, double tolerance, int patience, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new StabilityDetector(window, tolerance, patience));
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void TwoModalityAtomsOnTheLatticeGiveTheSameChangesAsTheFourAtoms()
    {
        var four = new StabilityDetector(window: 2, toleranceBits: 0.01, patience: 2);
        var lattice = new StabilityDetector(window: 2, toleranceBits: 0.01, patience: 2);
        double[] u1 = [0.5, 0.52, 0.7, 0.71, 0.71, 0.71, 0.71];
        foreach (var v in u1)
        {
            Assert.Equal(four.Add(Atoms(v)), lattice.Add(LatticeAtoms.From(Atoms(v))));
            Assert.Equal(four.LastChange, lattice.LastChange);
        }
    }

    [Fact]
    public void AtomsOverAnotherNumberOfModalitiesAreRefused()
    {
        var detector = new StabilityDetector();
        detector.Add(Atoms(0.5));
        var three = new LatticeAtoms(PidReg.Information.RedundancyLattice.Create(3), new double[18], new double[8]);
        Assert.Contains("over 2 modalities, this one over 3", Assert.Throws<ArgumentException>(() => detector.Add(three)).Message);
    }
}
