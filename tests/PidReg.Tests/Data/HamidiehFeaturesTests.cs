using PidReg.Data;

namespace PidReg.Tests.Data;

[Collection(SuperconCollection.Name)]
public class HamidiehFeaturesTests(SuperconFixture fx)
{
    double[] Block(string formula, string property)
    {
        var f = HamidiehFeatures.Compute(ChemicalFormula.Parse(formula, fx.Elements), fx.Elements);
        int k = HamidiehFeatures.PropertyNames.ToList().IndexOf(property);
        return f[(1 + 10 * k)..(11 + 10 * k)];
    }

    static void Near(double[] expected, double[] actual, double relTol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relTol * Math.Max(1, Math.Abs(expected[i])),
                $"statistic {HamidiehFeatures.StatisticNames[i]}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void BaLaCuOAtomicMassMatchesTheUciFirstRow()
    {
        Near([88.9445, 57.8627, 66.3616, 36.1166, 1.1818, 1.0624, 122.906, 31.7949, 51.9688, 53.6225],
            Block("Ba0.2La1.8Cu1O4", "atomic_mass"), 1e-4);
    }

    [Fact]
    public void BaLaCuOValenceMatchesTheUciFirstRow()
    {
        Near([2.25, 2.25714, 2.21336, 2.21978, 1.36892, 1.06622, 1, 1.08571, 0.433013, 0.437059],
            Block("Ba0.2La1.8Cu1O4", "Valence"), 1e-5);
    }

    [Fact]
    public void ReZrThermalConductivityMatchesHamidiehPaperExample()
    {
        Near([35.5, 44.43, 33.23, 43.21, 0.63, 0.26, 25, 37.86, 12.5, 8.75], Block("Re6Zr1", "ThermalConductivity"), 6e-3);
    }

    [Fact]
    public void SingleElementMaterialsHaveZeroSpreadsAndEntropies()
    {
        var b = Block("Nb1", "atomic_mass");
        Assert.Equal(b[0], b[1], 12); // mean = weighted mean
        Assert.Equal(b[0], b[2], 9);  // geometric mean of one value
        foreach (int i in new[] { 4, 5, 6, 7, 8, 9 }) Assert.Equal(0.0, b[i], 12);
        Assert.Equal(1.0, HamidiehFeatures.Compute(ChemicalFormula.Parse("Nb1", fx.Elements), fx.Elements)[0]);
    }

    [Fact]
    public void ElectronAffinityIsOffsetBeforeStatistics()
    {
        // He has electron affinity 0 in the table: +1.5 keeps its log finite.
        var ea = Block("He1", "ElectronAffinity");
        Assert.Equal(HamidiehFeatures.ElectronAffinityOffset, ea[0], 12);
        Assert.Equal(HamidiehFeatures.ElectronAffinityOffset, ea[2], 12);
    }

    [Fact]
    public void NamesFollowTheUciColumnOrder()
    {
        Assert.Equal(81, HamidiehFeatures.Names.Count);
        Assert.Equal("number_of_elements", HamidiehFeatures.Names[0]);
        Assert.Equal("mean_atomic_mass", HamidiehFeatures.Names[1]);
        Assert.Equal("wtd_std_Valence", HamidiehFeatures.Names[80]);
    }

    [Fact]
    public void WrongCoefficientCountIsRejected()
    {
        Assert.Contains("86", Assert.Throws<ArgumentException>(() => HamidiehFeatures.Compute(new double[3], fx.Elements)).Message);
    }
}
