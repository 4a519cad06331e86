using PidReg.Cli;

namespace PidReg.Tests.Cli;

[Collection(TorchSeedCollection.Name)]
public class PidRegCliTests
{
    [Theory]
    [InlineData(new string[] { "--help" }, "  pidreg [command] [options]")]
    [InlineData(new string[] { "fit", "--help" }, "  pidreg fit [options]")]
    [InlineData(new string[] { "notebooks", "run", "--help" }, "  pidreg notebooks run <PATH>... [options]")]
    public void HelpNamesTheCommandPidregWhateverTheExecutableIsCalled(string[] args, string usage)
    {
        var (exit, output, _) = CommandConsole.Invoke(PidRegCli.Create(), args);
        Assert.Equal(0, exit);
        Assert.Contains("Usage:\n" + usage + "\n", output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("PidReg.Cli", output);
    }

    [Fact]
    public void VersionIsStillAnswered()
    {
        var (exit, output, _) = CommandConsole.Invoke(PidRegCli.Create(), "--version");
        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", output);
    }
}
