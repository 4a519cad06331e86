using PidReg.Data;

namespace PidReg.Tests.Data;

public class StandardScalerTests
{
    [Fact]
    public void TransformUsesPopulationSdAndInverseRestoresTheInput()
    {
        var x = new double[,] { { 1, 10 }, { 3, 10 }, { 5, 10 } };
        var s = new StandardScaler().Fit(x);
        Assert.Equal([3.0, 10.0], s.Mean);
        Assert.Equal(Math.Sqrt(8.0 / 3.0), s.Scale[0], 14);
        Assert.Equal(1.0, s.Scale[1]); // constant column: scale 1, documented
        var z = s.Transform(x);
        Assert.Equal(-2 / Math.Sqrt(8.0 / 3.0), z[0, 0], 14);
        Assert.Equal(0.0, z[2, 1]);
        var back = s.InverseTransform(z);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++) Assert.Equal(x[i, j], back[i, j], 12);
    }

    [Fact]
    public void UnfittedScalerSaysCallFitFirst()
    {
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => new StandardScaler().Mean).Message);
        Assert.Contains("call Fit first", Assert.Throws<InvalidOperationException>(() => new StandardScaler().Transform(new double[1, 1])).Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteInputNamesRowAndColumn(double bad)
    {
        var x = new double[,] { { 1, 2 }, { 3, bad } };
        var e = Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(x));
        Assert.Contains("row 1, column 1", e.Message);
    }

    [Fact]
    public void WrongColumnCountAndEmptyInputAreRejected()
    {
        var s = new StandardScaler().Fit(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.Contains("3 columns", Assert.Throws<ArgumentException>(() => s.Transform(new double[2, 3])).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new StandardScaler().Fit(new double[0, 2])).Message);
    }
}
