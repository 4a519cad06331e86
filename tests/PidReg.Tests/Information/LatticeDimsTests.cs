using PidReg.Information;

namespace PidReg.Tests.Information;

/// <summary>Parsing and checking the block sizes of an M-source covariance.</summary>
public class LatticeDimsTests
{
    [Fact]
    public void ParsesTheTargetThenOneSizePerSourceAndRoundTrips()
    {
        var dims = LatticeDims.Parse("2, 64,64,16");
        Assert.Equal(2, dims.Target);
        Assert.Equal([64, 64, 16], dims.Sources);
        Assert.Equal(146, dims.Total);
        Assert.Equal("2,64,64,16", dims.ToString());
        Assert.Equal(dims, LatticeDims.Parse(dims.ToString()));
        Assert.NotEqual(dims, LatticeDims.Parse("2,64,16,64"));
    }

    [Theory]
    [InlineData("1,2")]
    [InlineData("1")]
    [InlineData("1,a,2")]
    [InlineData("1,2,,3")]
    [InlineData("")]
    public void MalformedTextNamesTheFormat(string text) =>
        Assert.Contains("m,a,b[,c,…]", Assert.Throws<FormatException>(() => LatticeDims.Parse(text)).Message);

    [Fact]
    public void TwoSourceDimsConvertBothWays()
    {
        Assert.Equal(new PidDims(1, 3, 2), new LatticeDims(1, 3, 2).ToPidDims());
        Assert.Equal(new LatticeDims(1, 3, 2), LatticeDims.From(new PidDims(1, 3, 2)));
        Assert.Throws<InvalidOperationException>(() => new LatticeDims(1, 3, 2, 1).ToPidDims());
    }

    [Theory]
    [InlineData("0,1,1,1", "target block")]
    [InlineData("1,1,1,0", "X3 block")]
    [InlineData("1,1,1,1,1,1,1", "7,828,352")]
    [InlineData("1,1,2147483647", "m + a + b = 2147483649")]
    [InlineData("1,10000,10000,1", "m + a + b + c = 20002")]
    public void ValidateNamesTheBadBlockOrTheLimit(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentOutOfRangeException>(() => LatticeDims.Parse(text).Validate()).Message);
}
