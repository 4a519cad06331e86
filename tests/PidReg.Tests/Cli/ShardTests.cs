using PidReg.Cli.Grid;

namespace PidReg.Tests.Cli;

/// <summary>The K/N spelling of `experiment --shard` and which runs a share holds.</summary>
public sealed class ShardTests
{
    [Fact]
    public void RunIGoesToShareIModNPlusOne()
    {
        int[] runs = [0, 1, 2, 3, 4, 5, 6];
        Assert.Equal([0, 3, 6], Shard.Parse("1/3", "--shard").Of(runs));
        Assert.Equal([1, 4], Shard.Parse("2/3", "--shard").Of(runs));
        Assert.Equal([2, 5], Shard.Parse("3/3", "--shard").Of(runs));
        Assert.Equal(runs, Shard.All.Of(runs));
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("a/b")]
    [InlineData("-1/2")]
    [InlineData("1/2/3")]
    public void ABadShardNamesTheRuleAndAnExample(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => Shard.Parse(text, "--shard"));
        Assert.Contains($"--shard '{text}'", e.Message);
        Assert.Contains("1 ≤ K ≤ N", e.Message);
    }
}
