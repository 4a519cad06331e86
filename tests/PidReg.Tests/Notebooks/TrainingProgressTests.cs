using PidReg.Notebooks;

namespace PidReg.Tests.Notebooks;

public sealed class TrainingProgressTests
{
    [Fact]
    public void OutsideAKernelItWritesTheFirstTheLastAndEachTenthOfTheWay()
    {
        var console = new StringWriter();
        var progress = new TrainingProgress(5, "epoch", console);
        for (var e = 1; e <= 5; e++) progress.Report(e, e == 5 ? "done" : "");
        Assert.False(progress.UsesKernelDisplay);
        Assert.Equal("epoch 1/5\nepoch 2/5\nepoch 3/5\nepoch 4/5\nepoch 5/5  done\n", console.ToString().Replace("\r\n", "\n"));

        var many = new StringWriter();
        var long_ = new TrainingProgress(1000, console: many);
        for (var s = 1; s <= 1000; s++) long_.Report(s);
        Assert.Equal(11, many.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void OutsideARunningKernelCommandItFallsBackToTheConsole() =>
        Assert.False(new TrainingProgress(3).UsesKernelDisplay);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ATotalBelowOneIsRejected(int total) =>
        Assert.Equal("total", Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingProgress(total)).ParamName);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void AStepOutsideOneToTotalIsRejected(int step)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingProgress(3, console: TextWriter.Null).Report(step));
        Assert.Equal("step", error.ParamName);
        Assert.Contains("must be in [1, 3]", error.Message);
    }
}
