using PidReg.Cli;

namespace PidReg.Tests.Cli;

/// <summary>
/// The status line of `notebooks run` and `experiment`, driven by hand (no refresh timer), so that every write is known.
/// </summary>
public sealed class LiveStatusTests
{
    static LiveStatus Status(StringWriter writer, bool terminal, TimeSpan plainEvery, Func<string?> render, int width = 80) =>
        new(writer, terminal, plainEvery, render, () => width, Timeout.InfiniteTimeSpan);

    [Fact]
    public void OnATerminalTheStatusIsRewrittenInPlaceAndErasedBeforeEveryPermanentLine()
    {
        var writer = new StringWriter();
        var text = "  epoch 10/200";
        using var status = Status(writer, terminal: true, LiveStatus.DefaultPlainEvery, () => text);
        status.Refresh();
        text = "  epoch 9";
        status.Refresh();
        status.WriteLine("      output");
        status.Refresh();
        // The shorter status covers the longer one with spaces; the permanent line starts on an erased line.
        Assert.Equal("\r  epoch 10/200" + "\r  epoch 9     " + "\r         \r      output" + Environment.NewLine + "\r  epoch 9", writer.ToString());
    }

    [Fact]
    public void OnATerminalAStatusWiderThanTheTerminalIsCutSoThatItNeverWraps()
    {
        var writer = new StringWriter();
        using var status = Status(writer, terminal: true, LiveStatus.DefaultPlainEvery, () => new string('x', 100), width: 40);
        status.Refresh();
        Assert.Equal("\r" + new string('x', 38) + "…", writer.ToString());
    }

    [Fact]
    public void OnATerminalNothingRunningErasesTheLineAndDisposingLeavesItErased()
    {
        var writer = new StringWriter();
        string? text = "  run 1 of 2";
        var status = Status(writer, terminal: true, LiveStatus.DefaultPlainEvery, () => text);
        status.Refresh();
        text = null;
        status.Refresh();
        text = "  run 2 of 2";
        status.Refresh();
        status.Dispose();
        status.Refresh();
        Assert.Equal("\r  run 1 of 2\r            \r" + "\r  run 2 of 2\r            \r", writer.ToString());
    }

    [Fact]
    public void AwayFromATerminalAStatusLineWaitsForTheQuietIntervalAndNeverRewrites()
    {
        var writer = new StringWriter();
        using (var status = Status(writer, terminal: false, TimeSpan.FromDays(1), () => "  running"))
        {
            status.Refresh();
            status.Updated();
            status.WriteLine("done");
        }
        Assert.Equal("done" + Environment.NewLine, writer.ToString());

        // An interval that has surely passed: one plain line per refresh, no carriage return.
        var quiet = new StringWriter();
        using (var status = Status(quiet, terminal: false, TimeSpan.FromMilliseconds(1), () => "  running"))
        {
            Thread.Sleep(20);
            status.Refresh();
        }
        Assert.Equal("  running" + Environment.NewLine, quiet.ToString());
    }

    [Fact]
    public void AwayFromATerminalAZeroIntervalWritesALineAtEveryUpdateAndNoneOnRefresh()
    {
        var writer = new StringWriter();
        var epoch = 0;
        using (var status = Status(writer, terminal: false, TimeSpan.Zero, () => $"  epoch {epoch}"))
        {
            for (epoch = 1; epoch <= 3; epoch++) status.Updated();
            status.Refresh();
        }
        Assert.Equal(string.Concat(Enumerable.Range(1, 3).Select(e => $"  epoch {e}{Environment.NewLine}")), writer.ToString());
    }

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(42.4, "42 s")]
    [InlineData(185, "3 min 05 s")]
    [InlineData(7620, "2 h 07 min")]
    public void DurationsReadAsSecondsMinutesOrHours(double seconds, string expected) => Assert.Equal(expected, LiveStatus.Duration(seconds));

    [Theory]
    [InlineData(-1)]
    [InlineData(86401)]
    public void AnIntervalOutsideZeroToADayIsRefusedNamingIt(double seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LiveStatus(TextWriter.Null, false, TimeSpan.FromSeconds(seconds), () => null));
        Assert.Equal("plainEvery", error.ParamName);
    }
}
