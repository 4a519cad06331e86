using PidReg.Cli.Grid;
using PidReg.Evaluation;

namespace PidReg.Tests.Cli;

/// <summary>
/// The progress of `reproduce`: a <see cref="GridProgress"/> per grid, whose runs are numbered on from the grids before
/// it, each with its own epoch limit in the live status.
/// </summary>
public sealed class ReproduceProgressTests
{
    static readonly ExperimentRun Run = new("pidreg", 1234, new RegressionScores(1, 1, 0.5, 0.7), null, 0.01, 10);

    [Fact]
    public void EachGridNumbersItsRunsOnFromTheGridsBeforeItAndShowsItsOwnEpochLimit()
    {
        var log = new StringWriter();
        ExperimentRunKey[] first = [new(0, "pidreg", 0, 1234), new(1, "early", 0, 1234)];
        ExperimentRunKey[] second = [new(0, "pidreg", 0, 1234)];
        using (var progress = new GridProgress(log, first, epochs: 200, terminal: false, TimeSpan.Zero, new GridProgress.Numbering(1, 3)))
        {
            progress.Started(first[0]);
            progress.Epoch(first[0], 7);
            progress.Finished(first[0], Run);
            progress.Started(first[1]);
            progress.Finished(first[1], Run with { Model = "early" });
        }
        // The second grid's keys start at index 0 again: its own progress keeps them apart from the first grid's.
        using (var progress = new GridProgress(log, second, epochs: 60, terminal: false, TimeSpan.Zero, new GridProgress.Numbering(3, 3)))
        {
            progress.Started(second[0]);
            progress.Epoch(second[0], 5);
            progress.Finished(second[0], Run);
        }
        var lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("0 of 3 done | run 1 of 3: pidreg seed 1234, epoch 7 of 200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("run 1 of 3: pidreg seed 1234: ", StringComparison.Ordinal) && l.EndsWith(", 1 of 3 done)", StringComparison.Ordinal)
            && l.Contains("(grid ETA ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("run 2 of 3: early seed 1234: ", StringComparison.Ordinal) && l.EndsWith("(grid done, 2 of 3 done)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("2 of 3 done | run 3 of 3: pidreg seed 1234, epoch 5 of 60", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("run 3 of 3: pidreg seed 1234: ", StringComparison.Ordinal) && l.EndsWith("(done)", StringComparison.Ordinal));
    }

    [Fact]
    public void AGridAloneCountsItsOwnRunsWithThePlainEta()
    {
        var log = new StringWriter();
        ExperimentRunKey[] keys = [new(4, "pidreg", 0, 1234), new(5, "pidreg", 1, 1235)];
        using (var progress = new GridProgress(log, keys, epochs: 10, terminal: false, TimeSpan.Zero))
        {
            progress.Started(keys[0]);
            progress.Epoch(keys[0], 3);
            progress.Finished(keys[0], Run);
        }
        var text = log.ToString();
        Assert.Contains("run 1 of 2: pidreg seed 1234, epoch 3 of 10", text);
        Assert.Contains("(ETA ", text);
        Assert.Contains(", 1 of 2 done)", text);
        Assert.DoesNotContain("grid", text);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 3)]
    public void ANumberingTheGridsRunsDoNotFitInIsRefused(int firstNumber, int total)
    {
        ExperimentRunKey[] keys = [new(0, "pidreg", 0, 1234), new(1, "early", 0, 1234)];
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new GridProgress(TextWriter.Null, keys, epochs: 10, terminal: false, TimeSpan.Zero, new GridProgress.Numbering(firstNumber, total)));
    }
}
