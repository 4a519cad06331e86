using PidReg.Information;
using PidReg.Model;

namespace PidReg.Tests.Model;

public class LatticeAtomsTests
{
    static PidAtoms Random2(Random rng) => new(rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble());

    [Fact]
    public void TwoModalityAtomsSitOnTheLatticeByKeyAndComeBackUnchanged()
    {
        var atoms = new PidAtoms(0.3, 0.1, 0.4, 0.2, 0.7, 0.5);
        var lattice = LatticeAtoms.From(atoms);
        Assert.Equal(0.4, lattice["{1}{2}"]);
        Assert.Equal(0.3, lattice["{1}"]);
        Assert.Equal(0.1, lattice["{2}"]);
        Assert.Equal(0.2, lattice["{12}"]);
        Assert.Equal([0, 0.7, 0.5, atoms.Total], lattice.SetInformation);
        Assert.Equal(atoms, lattice.ToPidAtoms());
    }

    [Fact]
    public void AverageAndLargestChangeAreThoseOfTheTwoModalityAtomsBitForBit()
    {
        var rng = new Random(4);
        for (int trial = 0; trial < 50; trial++)
        {
            var batch = Enumerable.Range(0, 1 + rng.Next(9)).Select(_ => Random2(rng)).ToList();
            var average = LatticeAtoms.Average(batch.Select(LatticeAtoms.From).ToList());
            Assert.Equal(PidAtoms.Average(batch), average.ToPidAtoms());
            var other = Random2(rng);
            Assert.Equal(PidAtoms.Average(batch).MaxAtomChange(other), average.MaxAtomChange(LatticeAtoms.From(other)));
        }
    }

    [Fact]
    public void AtomsOverDifferentModalityCountsAreNotMixed()
    {
        var three = new LatticeAtoms(RedundancyLattice.Create(3), new double[18], new double[8]);
        var two = LatticeAtoms.From(new PidAtoms(0, 0, 0, 0, 0, 0));
        Assert.Throws<ArgumentException>(() => LatticeAtoms.Average([two, three]));
        Assert.Throws<ArgumentException>(() => three.MaxAtomChange(two));
        Assert.Throws<InvalidOperationException>(() => three.ToPidAtoms());
        Assert.Contains("18 for 3 sources", Assert.Throws<ArgumentException>(() => new LatticeAtoms(RedundancyLattice.Create(3), new double[4], new double[8])).Message);
        Assert.Contains("8 entries", Assert.Throws<ArgumentException>(() => new LatticeAtoms(RedundancyLattice.Create(3), new double[18], new double[4])).Message);
    }
}
