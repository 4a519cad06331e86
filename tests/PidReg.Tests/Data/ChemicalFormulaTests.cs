using PidReg.Data;

namespace PidReg.Tests.Data;

[Collection(SuperconCollection.Name)]
public class ChemicalFormulaTests(SuperconFixture fx)
{
    double Coef(double[] c, string symbol) => c[fx.Elements.IndexOf(symbol)];

    [Fact]
    public void FractionalAndMissingSubscriptsAreRead()
    {
        var c = ChemicalFormula.Parse("Ba0.2La1.8CuO4", fx.Elements);
        Assert.Equal(0.2, Coef(c, "Ba"));
        Assert.Equal(1.8, Coef(c, "La"));
        Assert.Equal(1.0, Coef(c, "Cu"));
        Assert.Equal(4.0, Coef(c, "O"));
        Assert.Equal(7.0, c.Sum(), 12);
    }

    [Fact]
    public void RepeatedSymbolsAreSummedAndZeroCoefficientsDropped()
    {
        var c = ChemicalFormula.Parse("Cu1O2Cu0.5Zn0", fx.Elements);
        Assert.Equal(1.5, Coef(c, "Cu"));
        Assert.Equal(0.0, Coef(c, "Zn"));
        Assert.Equal(2, c.Count(v => v > 0));
    }

    [Theory]
    [InlineData("Eu1.45Pr0.05Ce0.5Sr2Cu2Nb1O10=z", "O", 10.0)]
    [InlineData("Hg0.3Pb0.7Sr1.75La0.25Cu1O4+2", "O", 4.0)]
    [InlineData("Y1Ba2Cu3O7-x", "O", 7.0)]
    [InlineData("Y1Ba2Cu3O6.9.", "O", 6.9)]
    public void OneTrailingSuffixIsStrippedBeforeRetrying(string formula, string symbol, double expected)
    {
        Assert.Equal(expected, Coef(ChemicalFormula.Parse(formula, fx.Elements), symbol), 12);
    }

    [Theory]
    [InlineData("Sm1Ba-1Cu3O6.94", "negative")]
    [InlineData("Y2C2Br0.5!1.5", "'!'")]
    [InlineData("D2O1", "unknown element 'D'")]
    [InlineData("U1Pt3", "unknown element 'U'")]
    [InlineData("Cu1O4xy", "unexpected")]
    [InlineData("Cu1.2.3O4", "unexpected '.'")]
    [InlineData("Cu0O0", "no element")]
    [InlineData("", "no element")]
    public void RejectedFormulasSayWhy(string formula, string reason)
    {
        Assert.Null(ChemicalFormula.TryParse(formula, fx.Elements, out var error));
        Assert.Contains(reason, error);
        Assert.Contains(reason, Assert.Throws<FormatException>(() => ChemicalFormula.Parse(formula, fx.Elements)).Message);
    }
}
