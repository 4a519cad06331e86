using PidReg.Information;

namespace PidReg.Tests.Information;

/// <summary>Every bad input is an ArgumentException (or subclass) whose message names the problem.</summary>
public class PidBadInputTests
{
    static readonly PidDims Dims = new(1, 1, 1);

    static double[,] Valid() => new[,] { { 1.0, 0.5, 0.2 }, { 0.5, 1, 0.1 }, { 0.2, 0.1, 1 } };

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void NonFiniteCovarianceEntriesAreNamed(double value, string shown)
    {
        var cov = Valid();
        cov[1, 2] = cov[2, 1] = value;
        var e = Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromCovariance(cov, Dims));
        Assert.Contains("[1,2]", e.Message);
        Assert.Contains(shown, e.Message);
    }

    [Fact]
    public void AnAsymmetricCovarianceIsRejected()
    {
        var cov = Valid();
        cov[0, 2] = 0.3;
        var e = Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromCovariance(cov, Dims));
        Assert.Contains("not symmetric", e.Message);
    }

    [Fact]
    public void ACovarianceThatIsNotPositiveSemidefiniteIsRejected()
    {
        var cov = new[,] { { 1.0, 0.9, 0.9 }, { 0.9, 1, -0.9 }, { 0.9, -0.9, 1 } };
        var e = Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromCovariance(cov, Dims));
        Assert.Contains("not positive semidefinite", e.Message);
    }

    [Fact]
    public void DimsThatDoNotMatchTheCovarianceAreRejected()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromCovariance(Valid(), new PidDims(1, 2, 1)));
        Assert.Contains("dims 1,2,1 need 4×4", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromCovariance(Valid(), new PidDims(0, 2, 1)));
        Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromCovariance(new double[3, 2], Dims));
    }

    [Fact]
    public void AZeroVarianceVariableIsNamedByBlockAndColumn()
    {
        var cov = new[,] { { 1.0, 0.5, 0 }, { 0.5, 1, 0 }, { 0, 0, 0 } };
        var e = Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromCovariance(cov, Dims));
        Assert.Contains("X2 column 0", e.Message);
    }

    [Fact]
    public void TooFewSamplesForTheDimensionAreRejected()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromSampleCovariance(Valid(), Dims, 3, PidEstimate.BiasCorrected));
        Assert.Contains("more samples than dimensions", e.Message);
        var rows = new double[3, 1];
        var e2 = Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromSamples(rows, rows, rows));
        Assert.Contains("3 rows", e2.Message);
    }

    [Fact]
    public void SampleProblemsNameTheBlockRowAndColumn()
    {
        var rng = new Random(1);
        double[,] Block(int n, int d)
        {
            var b = new double[n, d];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) b[i, j] = rng.NextDouble();
            return b;
        }
        var t = Block(20, 1);
        var x1 = Block(20, 2);
        var x2 = Block(20, 2);
        x1[7, 1] = double.NaN;
        Assert.Contains("X1, column 1, row 7", Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromSamples(t, x1, x2)).Message);
        x1[7, 1] = 0.5;
        for (int i = 0; i < 20; i++) x2[i, 1] = 4.2;
        Assert.Contains("X2, column 1 is constant", Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromSamples(t, x1, x2)).Message);
        Assert.Contains("row counts differ", Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromSamples(t, Block(19, 2), x2)).Message);
    }

    [Fact]
    public void InvalidOptionsNameTheField()
    {
        Assert.Equal("BootstrapReplicates", Assert.Throws<ArgumentOutOfRangeException>(() => new PidSampleOptions { BootstrapReplicates = 3 }.Validate()).ParamName);
        Assert.Equal("ConfidenceLevel", Assert.Throws<ArgumentOutOfRangeException>(() => new PidSampleOptions { ConfidenceLevel = 1 }.Validate()).ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new PidSampleOptions { MaxDegreeOfParallelism = 0 }.Validate()).ParamName);
    }

    [Theory]
    [InlineData("1,64")]
    [InlineData("a,b,c")]
    [InlineData("")]
    public void MalformedDimsTextIsRejected(string text) => Assert.Throws<FormatException>(() => PidDims.Parse(text));

    [Fact]
    public void DimsTextRoundTrips() => Assert.Equal(new PidDims(3, 64, 16), PidDims.Parse(new PidDims(3, 64, 16).ToString()));
}
