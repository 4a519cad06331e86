using System.Diagnostics;
using System.Text.Json.Nodes;
using PidReg.Tests.Faults;

namespace PidReg.Tests.Cli;

/// <summary>
/// `experiment --jobs`, `--shard K/N --runs DIR` and `experiment collect` against the real `pidreg` processes (workers
/// and shards are processes, so only the real thing tests them). Grids are tiny: diabetes, 2 epochs, 2 seeds.
/// </summary>
/// <remarks>In the torch collection although the work happens in child processes: they load both cores, and a timing-free test still should not share them.</remarks>
[Collection(TorchSeedCollection.Name)]
[Trait(TestCategories.Category, TestCategories.Slow)]
public sealed class ExperimentGridTests : IDisposable
{
    static readonly string[] Grid = ["experiment", "--dataset", "diabetes", "--models", "early,pidreg", "--seeds", "2", "--epochs", "2"];

    readonly string dir = Directory.CreateTempSubdirectory("pidreg-grid-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static FaultRun Pidreg(string folder, params string[] args) => FaultCli.Run(folder, args);

    /// <summary>
    /// The JSON rows without the measured seconds per epoch: a wall-clock time differs between any two runs, even two
    /// with --jobs 1; every other number is the same to the bit.
    /// </summary>
    static string WithoutTimings(string json)
    {
        var rows = JsonNode.Parse(json)!.AsArray();
        foreach (var row in rows) row!.AsObject().Remove("secondsPerEpoch");
        return rows.ToJsonString();
    }

    FaultRun Sequential()
    {
        var run = Pidreg(dir, [.. Grid, "--jobs", "1", "--json"]);
        Assert.True(run.Exit == 0, run.Error);
        return run;
    }

    [Fact]
    public void OneAndTwoWorkerProcessesGiveTheSameTableToTheBit()
    {
        var one = Sequential();
        var two = Pidreg(dir, [.. Grid, "--jobs", "2", "--json"]);
        Assert.True(two.Exit == 0, two.Error);
        Assert.Equal(WithoutTimings(one.Out), WithoutTimings(two.Out));
        Assert.Equal(["early", "pidreg"], JsonNode.Parse(two.Out)!.AsArray().Select(r => (string)r!["model"]!));
        Assert.Contains("in 2 process(es)", two.Error);
        foreach (var k in new[] { 1, 2, 3 }) Assert.Contains($"run {k} of 4: ", two.Error);
        Assert.Contains("(ETA ", two.Error);
        Assert.Contains("run 4 of 4: ", two.Error);
    }

    [Fact]
    public void EveryLaneReportsItsEpochsWhileItTrainsAndTheTableStaysTheSame()
    {
        // --progress-every 0: a status line at every epoch of any lane. With --jobs 2, PIDReg's runs (3 and 4) start first, one
        // in this process and one in the worker; the early ones go to whichever lane frees up first.
        var two = Pidreg(dir, [.. Grid, "--jobs", "2", "--json", "--progress-every", "0"]);
        Assert.True(two.Exit == 0, two.Error);
        Assert.Equal(WithoutTimings(Sequential().Out), WithoutTimings(two.Out));
        var status = two.Error.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        foreach (var (k, model, seed) in new[] { (1, "early", 1234), (2, "early", 1235), (3, "pidreg", 1234), (4, "pidreg", 1235) })
            foreach (var epoch in new[] { 1, 2 })
                Assert.Contains(status, l => l.Contains($"| run {k} of 4: {model} seed {seed}, epoch {epoch} of 2", StringComparison.Ordinal));
        Assert.All(status, l => Assert.Matches(@"^  [^,]+, ETA [^,]+, \d of 4 done \| run \d of 4: ", l));
        // A run's end line carries the same number as its status and the grid's ETA.
        Assert.Contains("run 2 of 4: early seed 1235: RMSE ", two.Error);
        Assert.Contains("run 4 of 4: pidreg seed 1235: RMSE ", two.Error);
    }

    [Fact]
    public void TwoShardProcessesCollectedGiveTheSingleProcessTableAndARerunDoesNothing()
    {
        var runs = Path.Combine(dir, "runs");
        using (var first = FaultCli.Start(dir, [.. Grid, "--shard", "1/2", "--runs", runs, "--jobs", "1"]))
        using (var second = FaultCli.Start(dir, [.. Grid, "--shard", "2/2", "--runs", runs, "--jobs", "1"]))
        {
            var (a, b) = (first.WaitForExit(), second.WaitForExit());
            Assert.True(a.Exit == 0 && b.Exit == 0, a.Error + b.Error);
            Assert.Contains("collect", a.Error);
        }
        Assert.Equal(["early-seed1234.json", "early-seed1235.json", "pidreg-seed1234.json", "pidreg-seed1235.json"],
            Directory.GetFiles(runs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var collected = Pidreg(dir, "experiment", "collect", runs, "--json");
        Assert.True(collected.Exit == 0, collected.Error);
        Assert.Equal(WithoutTimings(Sequential().Out), WithoutTimings(collected.Out));
        // Collecting reads the runs' own timings, so two collects agree to the bit, timings included.
        Assert.Equal(collected.Out, Pidreg(dir, "experiment", "collect", runs, "--json").Out);

        var written = Directory.GetFiles(runs).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var rerun = Pidreg(dir, [.. Grid, "--shard", "1/2", "--runs", runs]);
        Assert.True(rerun.Exit == 0, rerun.Error);
        Assert.Contains("2 already in", rerun.Error);
        Assert.Contains("nothing left to run", rerun.Error);
        Assert.DoesNotContain("run 1 of", rerun.Error);
        Assert.Equal(written, Directory.GetFiles(runs).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public void CollectNamesMissingRunsAndRefusesMixedConfigurations()
    {
        var (runs, other) = (Path.Combine(dir, "runs"), Path.Combine(dir, "other"));
        Assert.Equal(0, Pidreg(dir, [.. Grid, "--shard", "1/2", "--runs", runs, "--jobs", "1"]).Exit);
        var missing = Pidreg(dir, "experiment", "collect", runs);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("2 of the grid's 4 runs are not in", missing.Error);
        Assert.Contains("early seed 1235 (not run)", missing.Error);
        Assert.Contains("pidreg seed 1235 (not run)", missing.Error);

        // Another number of epochs is another configuration: a shard refuses its folder, collect refuses the mixture.
        var refused = Pidreg(dir, [.. Grid[..^1], "3", "--shard", "2/2", "--runs", runs, "--jobs", "1"]);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("model.Epochs: 2 vs 3", refused.Error);
        Assert.Equal(0, Pidreg(dir, [.. Grid[..^1], "3", "--shard", "2/2", "--runs", other, "--jobs", "1"]).Exit);
        foreach (var file in Directory.GetFiles(other)) File.Copy(file, Path.Combine(runs, Path.GetFileName(file)));
        var mixed = Pidreg(dir, "experiment", "collect", runs);
        Assert.Equal(2, mixed.Exit);
        Assert.Contains("2 configurations", mixed.Error);
        Assert.Contains("model.Epochs", mixed.Error);
    }

    [Fact]
    public void AFailedRunIsNamedAndTheOthersStillMakeTheTable()
    {
        var run = FaultCli.Run(dir, [.. Grid, "--jobs", "2", "--json"], new Dictionary<string, string> { ["PIDREG_SIMULATE_RUN_FAILURE"] = "pidreg/1234" });
        Assert.True(run.Exit == 1, run.Error);
        Assert.Contains("pidreg seed 1234 FAILED: a simulated failure", run.Error);
        Assert.Contains("1 run(s) failed, and the table leaves them out: pidreg seed 1234", run.Error);
        var rows = JsonNode.Parse(run.Out)!.AsArray();
        Assert.Equal([("early", 2), ("pidreg", 1)], rows.Select(r => ((string)r!["model"]!, (int)r["seeds"]!)));
    }

    [Fact]
    public void AWorkerThatDiesFailsOnlyItsRun()
    {
        // --jobs 3 for 4 runs: PIDReg's start first, seed 1234 in this process and seed 1235 in the first worker, so that one is a worker's.
        var run = FaultCli.Run(dir, [.. Grid, "--jobs", "3", "--json"], new Dictionary<string, string> { ["PIDREG_SIMULATE_RUN_FAILURE"] = "pidreg/1235/exit" });
        Assert.True(run.Exit == 1, run.Error);
        Assert.Contains("pidreg seed 1235 FAILED: its worker process ended with exit code 99 during the run", run.Error);
        var rows = JsonNode.Parse(run.Out)!.AsArray();
        Assert.Equal([("early", 2), ("pidreg", 1)], rows.Select(r => ((string)r!["model"]!, (int)r["seeds"]!)));
    }

    [Fact]
    public void CtrlCStopsTheParentAndEveryWorker()
    {
        // Epochs enough that the workers are still training when the signal comes; --jobs 3 is this process and two workers.
        using var cli = FaultCli.Start(dir, ["experiment", "--dataset", "diabetes", "--models", "early,pidreg", "--seeds", "2", "--epochs", "5000", "--patience", "5000", "--jobs", "3"],
            ownGroup: true);
        var workers = WaitForWorkers(cli, 2);
        cli.SignalGroup(FaultCli.SigInt);
        var run = cli.WaitForExit();
        Assert.True(run.Exit == 130, run.Error);
        Assert.All(workers, pid => Assert.True(FaultCli.WaitGone(pid), $"worker {pid} outlived its parent"));
    }

    [Fact]
    public void WorkersEndWhenTheirParentIsKilled()
    {
        using var cli = FaultCli.Start(dir, ["experiment", "--dataset", "diabetes", "--models", "early,pidreg", "--seeds", "2", "--epochs", "5000", "--patience", "5000", "--jobs", "3"]);
        var workers = WaitForWorkers(cli, 2);
        cli.Signal(FaultCli.SigKill);
        Assert.All(workers, pid => Assert.True(FaultCli.WaitGone(pid), $"worker {pid} outlived its parent"));
    }

    static List<int> WaitForWorkers(FaultCli cli, int count)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < FaultCli.Patience)
        {
            var children = cli.Children();
            if (children.Count >= count) return children;
            Thread.Sleep(100);
        }
        Assert.Fail($"fewer than {count} workers started: {cli.Error}");
        return [];
    }
}
