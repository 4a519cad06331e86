using System.Diagnostics;
using System.Text.RegularExpressions;
using PidReg.Tests.Faults;

namespace PidReg.Tests.Notebooks;

/// <summary>
/// What `pidreg notebooks run` shows while a cell runs, seen as a user sees it: the real command in a process of its own,
/// its standard output a pipe (a log) or a pseudo-terminal (script(1)). The fixture's training cell reports progress
/// through the kit's TrainingProgress display; given a signal file it waits until the file appears, so the test decides
/// when the cell ends, after it has seen the progress, and no assertion depends on timing.
/// </summary>
[Collection(NotebookRunsCollection.Name)]
[Trait(TestCategories.Category, TestCategories.Slow)]
public sealed class NotebookProgressTests : IDisposable
{
    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("pidreg-nbprogress-");

    public void Dispose() => folder.Delete(recursive: true);

    static string Fixture => Path.Combine(NotebookRuns.Fixtures, "progress.ipynb");

    [Fact]
    public void ALogGetsTheRunningCellsProgressAndEveryOutputUnderItsOwnStatusLine()
    {
        // --progress-every 0: a status line at every update, so every progress report of the cell is in the log.
        var run = FaultCli.Run(folder.FullName, ["notebooks", "run", Fixture, "--out", Path.Combine(folder.FullName, "out"), "--progress-every", "0"]);
        Assert.True(run.Exit == 0, run.Out + run.Error);
        var lines = run.Out.ReplaceLineEndings("\n").Split('\n').ToList();
        int Line(string text) => lines.FindIndex(l => l == text) is >= 0 and var i ? i : throw new Xunit.Sdk.XunitException($"no line '{text}' in:\n{run.Out}");

        // The first report made the display; each later one updated it, and the log shows the running cell with its first line.
        var updates = lines.Select((l, i) => (Line: l, Index: i)).Where(p => p.Line.StartsWith("  [3/4] cell 3  running ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["epoch 2/5  loss 0.500", "epoch 3/5  loss 0.333", "epoch 4/5  loss 0.250", "epoch 5/5  loss 0.200"],
            updates.Select(u => Regex.Match(u.Line, @"\| (epoch \d/5  loss [0-9.]+)  \(").Groups[1].Value));
        Assert.All(updates, u => Assert.Matches(@"^  \[3/4\] cell 3  running \d+ s  // Training stand-in  \| epoch", u.Line));

        // Each cell's output sits between its own "running" line and its own end line, the progress before them.
        foreach (var (cell, output) in new[] { (2, "kit loaded"), (3, "trained"), (4, "after") })
        {
            var header = Line($"  [{cell}/4] cell {cell}  running");
            Assert.Equal($"      {output}", lines[header + 1]);
            Assert.StartsWith($"  [{cell}/4] cell {cell}  ok  ", lines[header + 2]);
        }
        Assert.True(updates[^1].Index < Line("  [3/4] cell 3  running"), run.Out);
        Assert.True(updates[0].Index > lines.FindIndex(l => l.StartsWith("  [2/4] cell 2  ok", StringComparison.Ordinal)), run.Out);
    }

    [Fact]
    public void OnATerminalTheStatusLineIsRewrittenInPlaceAndErasedBeforeTheCellsOutput()
    {
        var signal = Path.Combine(folder.FullName, "signal");
        var typescript = Path.Combine(folder.FullName, "typescript");
        var cli = Path.Combine(AppContext.BaseDirectory, "PidReg.Cli");
        // script(1) runs the command on a pseudo-terminal and copies what it shows, as it comes (-f), into the typescript.
        // 200 columns, so that the status line is not cut before its progress.
        var command = $"stty cols 200; exec {Quote(cli)} notebooks run {Quote(Fixture)} --out {Quote(Path.Combine(folder.FullName, "out"))} --param signal={Quote(signal)}";
        var info = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-q", "-f", "-e", "-c", command, typescript }) info.ArgumentList.Add(a);
        using var script = Process.Start(info)!;
        script.OutputDataReceived += (_, _) => { };
        script.ErrorDataReceived += (_, _) => { };
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        try
        {
            // The cell waits until the terminal has shown its progress; then the signal lets it finish.
            var clock = Stopwatch.StartNew();
            while (!Shown().Contains("| epoch 4/5  loss 0.250", StringComparison.Ordinal))
            {
                if (script.HasExited || clock.Elapsed > FaultCli.Patience) Assert.Fail($"the progress never showed (exited: {script.HasExited}):\n{Shown()}");
                Thread.Sleep(100);
            }
            File.WriteAllText(signal, "");
            Assert.True(script.WaitForExit(FaultCli.Patience), Shown());
            script.WaitForExit();
            Assert.True(script.ExitCode == 0, Shown());
        }
        finally
        {
            if (!script.HasExited) script.Kill(entireProcessTree: true);
        }

        var shown = Shown();
        // Drawn in place: a carriage return, no line feed, and the running cell with the latest progress of its display.
        Assert.Matches(@"\r  \[4/5\] cell 4  running \d+ s  // Training stand-in  \| epoch 4/5  loss 0\.250  \([^\r\n]*\r", shown);
        // Erased (spaces back to the start) before the cell's status line and its output, which then stand on lines of their own.
        Assert.Matches(@"\r +\r  \[4/5\] cell 4  running\r?\n      trained\r?\n  \[4/5\] cell 4  ok  ", shown);
        // Nothing printed for good ever follows the status on its line: every line feed comes after an erase or a permanent line.
        foreach (var line in shown.Split('\n').Where(l => l.Contains("cell 4  running ", StringComparison.Ordinal)))
            Assert.Matches(@"\r +\r[^\r]*\r?$", line);

        string Shown()
        {
            if (!File.Exists(typescript)) return "";
            using var reader = new StreamReader(new FileStream(typescript, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd();
        }
    }

    static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
