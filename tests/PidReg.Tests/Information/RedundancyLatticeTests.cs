using PidReg.Information;

namespace PidReg.Tests.Information;

/// <summary>The antichains, keys and order of the redundancy lattice, against a brute-force enumeration.</summary>
public class RedundancyLatticeTests
{
    static int[][] Sets(Antichain a) => [.. a.Sets.Select(s => s.ToArray())];

    [Theory]
    [InlineData(2, 4)]
    [InlineData(3, 18)]
    [InlineData(4, 166)]
    [InlineData(5, 7579)]
    public void AntichainCountsAreTheDedekindNumbersLessTwo(int sources, int expected)
    {
        var lattice = RedundancyLattice.Create(sources);
        Assert.Equal(expected, lattice.Count);
        Assert.Equal(expected, RedundancyLattice.AntichainCount(sources));
        Assert.Equal(expected, lattice.Antichains.Select(a => a.Key).Distinct().Count());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void AntichainsAndKeysMatchABruteForceEnumeration(int sources)
    {
        var lattice = RedundancyLattice.Create(sources);
        var expected = BruteForceLattice.AllAntichains(sources).Select(BruteForceLattice.Key).Order(StringComparer.Ordinal);
        Assert.Equal(expected, lattice.Antichains.Select(a => a.Key).Order(StringComparer.Ordinal));
        // The key is the sets written out, not a separate name.
        Assert.All(lattice.Antichains, a => Assert.Equal(BruteForceLattice.Key(Sets(a)), a.Key));
    }

    [Fact]
    public void TwoSourcesListRedundancyThenTheUniquesThenSynergy() =>
        Assert.Equal(["{1}{2}", "{1}", "{2}", "{12}"], RedundancyLattice.Create(2).Antichains.Select(a => a.Key));

    [Fact]
    public void ThreeSourceKeysWriteSetsBySizeThenLexicographically()
    {
        var keys = RedundancyLattice.Create(3).Antichains.Select(a => a.Key).ToArray();
        Assert.Equal("{1}{2}{3}", keys[0]);
        Assert.Equal("{123}", keys[^1]);
        foreach (var key in new[] { "{1}{23}", "{2}{13}", "{3}{12}", "{12}", "{12}{13}{23}", "{13}{23}" }) Assert.Contains(key, keys);
        Assert.DoesNotContain("{23}{1}", keys);
        Assert.DoesNotContain("{13}{12}", keys);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TheOrderIsTheBruteForceOrderAndListsEveryAntichainAfterAllBelowIt(int sources)
    {
        var antichains = RedundancyLattice.Create(sources).Antichains;
        for (int i = 0; i < antichains.Count; i++)
            for (int j = 0; j < antichains.Count; j++)
            {
                bool below = BruteForceLattice.IsAtOrBelow(Sets(antichains[i]), Sets(antichains[j]));
                Assert.Equal(below, antichains[i].IsAtOrBelow(antichains[j]));
                if (below && i != j) Assert.True(i < j, $"{antichains[i]} is below {antichains[j]} but listed after it");
            }
    }

    [Fact]
    public void AnUnknownKeyIsExplained()
    {
        var lattice = RedundancyLattice.Create(3);
        Assert.Equal("{1}{23}", lattice["{1}{23}"].Key);
        var e = Assert.Throws<KeyNotFoundException>(() => lattice.IndexOf("{23}{1}"));
        Assert.Contains("by size then lexicographically", e.Message);
        Assert.Throws<KeyNotFoundException>(() => lattice.IndexOf("{1}{12}"));
    }

    [Theory]
    [InlineData(1, "at least two sources")]
    [InlineData(0, "at least two sources")]
    [InlineData(6, "7,828,352")]
    [InlineData(7, "at most 5 sources")]
    public void SourceCountsOutsideTwoToFiveFailWithTheReason(int sources, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RedundancyLattice.Create(sources));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void AtomsNeedOneRedundancyPerAntichain()
    {
        var e = Assert.Throws<ArgumentException>(() => RedundancyLattice.Create(3).Atoms([1.0, 2.0]));
        Assert.Contains("18 for 3 sources", e.Message);
    }

    [Fact]
    public void AtomsOfARedundancyAreItsMoebiusInversion()
    {
        // A redundancy that is 1 at and above {1} and 0 elsewhere puts its whole mass on the atom {1}.
        var lattice = RedundancyLattice.Create(3);
        var one = lattice["{1}"];
        var atoms = lattice.Atoms([.. lattice.Antichains.Select(a => one.IsAtOrBelow(a) ? 1.0 : 0.0)]);
        for (int i = 0; i < lattice.Count; i++) Assert.Equal(lattice.Antichains[i].Equals(one) ? 1.0 : 0.0, atoms[i]);
    }
}
