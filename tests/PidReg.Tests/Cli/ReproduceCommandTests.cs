using System.Text.Json.Nodes;
using PidReg.Evaluation;
using PidReg.Plots;
using PidReg.Tests.Faults;
using PidReg.Tests.Plots;

namespace PidReg.Tests.Cli;

/// <summary>
/// `pidreg reproduce --quick` end to end, as the real process with its worker processes: every grid's table, JSON and
/// chart; an interrupted reproduce resumes and a finished one does nothing again; a bad --out is refused first.
/// </summary>
/// <remarks>In the torch collection although the work happens in child processes: they load both cores.</remarks>
[Collection(TorchSeedCollection.Name)]
[Trait(TestCategories.Category, TestCategories.Slow)]
public sealed class ReproduceCommandTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("pidreg-reproduce-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static string[] Quick(string output) => ["reproduce", "--quick", "--jobs", "2", "--out", output];

    /// <summary>Every file under <paramref name="folder"/> (relative path) with its bytes' text and its write time.</summary>
    static Dictionary<string, (string Text, DateTime Written)> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".js", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => (File.ReadAllText(f), File.GetLastWriteTimeUtc(f)));

    [Fact]
    public void AnInterruptedQuickReproduceResumesWritesEveryGridAndARerunDoesNothingAgain()
    {
        var output = Path.Combine(dir, "out");
        int total = PaperGrids.Quick.Sum(g => g.Models.Count * g.Seeds);

        // Ctrl+C in the middle of the first grid: this process and its worker stop, the finished runs stay.
        using (var first = FaultCli.Start(dir, Quick(output), ownGroup: true))
        {
            // "run 5 of" names a run by its place in the plan, and with two processes run 5 can end before run 4 does;
            // the count of finished runs is what says five run files are on disk.
            first.WaitFor($", 5 of {total} done");
            var workers = first.Children();
            first.SignalGroup(FaultCli.SigInt);
            var stopped = first.WaitForExit();
            Assert.True(stopped.Exit == 130, stopped.Error);
            Assert.Contains("the same command again runs the rest", stopped.Error);
            Assert.All(workers, pid => Assert.True(FaultCli.WaitGone(pid), $"worker {pid} outlived reproduce"));
        }
        int kept = Directory.GetFiles(Path.Combine(output, "runs"), "*.json", SearchOption.AllDirectories).Length;
        Assert.InRange(kept, 5, total - 1);

        var resumed = FaultCli.Run(dir, Quick(output));
        Assert.True(resumed.Exit == 0, resumed.Error);
        Assert.Contains($"{total} runs; {kept} already in {output} (skipped); {total - kept} to run", resumed.Error);
        Assert.Contains($"run {total - kept} of {total - kept}: ", resumed.Error);
        Assert.Contains("(grid ETA ", resumed.Error);
        Assert.Contains("(grid done, ", resumed.Error);

        foreach (var grid in PaperGrids.Quick)
        {
            var markdown = File.ReadAllText(Path.Combine(output, grid.Name + ".md"));
            var rows = markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2).Select(l => l.Split('|')[1].Trim());
            Assert.Equal(grid.Models, rows);
            Assert.Contains("one seed, test split", markdown);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, grid.Name + ".json")))!.AsArray();
            Assert.Equal(grid.Models, json.Select(r => (string)r!["model"]!));
            Assert.All(json, r => Assert.True(double.IsFinite((double)r!["rmse"]!["mean"]!)));
            var html = File.ReadAllText(Path.Combine(output, grid.Name + ".html"));
            Assert.Contains("Plotly.newPlot", html);
            Assert.Contains($"src=\"{ChartHtml.PlotlyJsFileName}\"", html);
            Assert.DoesNotContain("http://", html);
            Assert.DoesNotContain("https://", html);
            Assert.Equal(grid.Models.Count, Directory.GetFiles(Path.Combine(output, "runs", grid.Name)).Length);
        }
        Assert.Equal(ChartHtml.PlotlyJsFile(), File.ReadAllText(Path.Combine(output, ChartHtml.PlotlyJsFileName)));
        var index = File.ReadAllText(Path.Combine(output, "README.md"));
        Assert.Contains($"`pidreg reproduce --quick --jobs 2 --out {output}`", index);
        Assert.Contains($"{Environment.ProcessorCount} cores", index);
        Assert.Matches(@"ended \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", index);
        foreach (var grid in PaperGrids.Quick)
        {
            Assert.Contains($"## {grid.Name}", index);
            Assert.Contains($"pidreg experiment --dataset {grid.Dataset} --models {string.Join(",", grid.Models)} --seeds 1", index);
        }

        // The charts draw, offline.
        var (dom, requests) = HeadlessChromium.Open(Path.Combine(output, "bimodal-mnist.html"));
        Assert.Empty(requests);
        var charts = ChartMarks.Read(dom);
        Assert.InRange(charts.Count, 3, 4);  // RMSE, MAE, R², and Pearson r unless a prediction came out constant
        foreach (var chart in charts.Take(2)) Assert.True(chart.BarsWithArea == PaperGrids.Quick[^1].Models.Count, chart.Describe());

        // Again: every run is there, nothing runs, and the tables come out the same to the bit.
        static string TimeInAll(string index) => Assert.Single(index.Split('\n'), l => l.StartsWith("Made by", StringComparison.Ordinal)).Split("The grids took")[1].Split(", over")[0];
        Assert.Contains("and the earlier ones it resumed", index);
        var before = Snapshot(output);
        var again = FaultCli.Run(dir, Quick(output));
        Assert.True(again.Exit == 0, again.Error);
        Assert.Contains($"{total} already in {output} (skipped); nothing left to run", again.Error);
        Assert.DoesNotContain("run 1 of", again.Error);
        var after = Snapshot(output);
        // The wall time of the grids is still the one of the reproduces that ran them, not this one's second.
        Assert.Equal(TimeInAll(index), TimeInAll(File.ReadAllText(Path.Combine(output, "README.md"))));
        foreach (var (file, (text, written)) in before)
        {
            if (file.StartsWith("runs", StringComparison.Ordinal)) Assert.Equal(written, after[file].Written);
            else if (file.EndsWith(".md", StringComparison.Ordinal) && file != "README.md" || file.EndsWith(".json", StringComparison.Ordinal)) Assert.Equal(text, after[file].Text);
        }

        // The index's command for one grid alone is that grid's `experiment`: it finds every run there and prints the same table.
        var diabetes = PaperGrids.Quick.Single(g => g.Name == "diabetes");
        var alone = System.Text.RegularExpressions.Regex.Match(index, "Alone: `pidreg (experiment --dataset diabetes [^`]*)`").Groups[1].Value;
        var experiment = FaultCli.Run(dir, alone.Split(' '));
        Assert.True(experiment.Exit == 0, experiment.Error);
        Assert.Contains($"{diabetes.Models.Count} already in", experiment.Error);
        Assert.Equal(File.ReadAllText(Path.Combine(output, "diabetes.md")), experiment.Out);

        // A full reproduce into the quick one's folder would mix settings: refused, naming what differs, before any run.
        var full = FaultCli.Run(dir, ["reproduce", "--out", output]);
        Assert.True(full.Exit == 2, full.Error);
        Assert.Contains("holds runs of grid supercon made with other settings", full.Error);
        Assert.Contains("model.Epochs: 2 vs 200", full.Error);
        Assert.DoesNotContain("run 1 of", full.Error);
    }

    [Fact]
    public void ABadOutIsRefusedBeforeAnyDataIsRead()
    {
        var file = Path.Combine(dir, "table.csv");
        File.WriteAllText(file, "a,b\n1,2\n");
        var onFile = FaultCli.Run(dir, Quick(file));
        Assert.Equal(2, onFile.Exit);
        Assert.Contains($"--out {file} is an existing file", onFile.Error);
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(file));

        var foreign = Path.Combine(dir, "mine");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "notes.txt"), "keep");
        var onForeign = FaultCli.Run(dir, Quick(foreign));
        Assert.Equal(2, onForeign.Exit);
        Assert.Contains("holds files the kit did not create", onForeign.Error);
        Assert.Contains("notes.txt", onForeign.Error);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(foreign).Select(Path.GetFileName));
        Assert.DoesNotContain("grid 1 of", onForeign.Error);
    }
}
