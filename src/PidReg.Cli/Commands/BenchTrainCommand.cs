using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using PidReg.Baselines;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Training;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg bench train`: seconds per epoch and peak memory of PIDReg training on synthetic data of the
/// Superconductivity shape (11,939 rows as in the SuperCon rebuild, 81 + 86 features, split 70/10/20 so 8,357 training
/// rows; batch 256, H 256, d 64), a per-phase breakdown of the PIDReg step, and an early-fusion baseline trained on the
/// same rows in the same run (target: PIDReg / early fusion ≤ 2), for stage-1 epochs (batch PID and Gaussianity
/// term on) and for stage-2 epochs (weights frozen), which make up most of a real run; and, as the floor of any speed-up of
/// the step, stage-2 epochs without the CS and CMI terms.
/// </summary>
internal static class BenchTrainCommand
{
    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Epochs to time.", DefaultValueFactory = _ => 5 };
        var rows = new Option<int>("--rows") { Description = "Rows of the synthetic data set.", DefaultValueFactory = _ => 11_939 };
        var threads = new Option<int>("--threads") { Description = "Torch intra-op threads (default 1: fastest on a busy 2-core machine).", DefaultValueFactory = _ => new PidRegOptions().Threads };
        var estimate = new Option<string>("--config") { Description = "kit (defaults: bias-corrected PID, proportional R, proper CMI) or reference (plug-in PID, coin flip, the reference's CMI and target blend).", DefaultValueFactory = _ => "kit" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("train", "Seconds per epoch, per-phase breakdown and peak memory of PIDReg training beside early fusion (Superconductivity shape).")
        {
            epochs, rows, threads, estimate, json,
        };
        command.SetAction(parseResult => CommandGuard.Run("bench train", () => Run(parseResult.GetValue(epochs), parseResult.GetValue(rows), parseResult.GetValue(threads),
            parseResult.GetValue(estimate)!, parseResult.GetValue(json))));
        return command;
    }

    static int Run(int epochs, int rows, int threads, string config, bool json)
    {
        CliLimits.Check("--epochs", epochs, 1, CliLimits.MaxEpochs);
        CliLimits.Check("--threads", threads, 1, CliLimits.MaxThreads);
        var baseOptions = config switch
        {
            "kit" => new PidRegOptions(),
            "reference" => PidRegOptions.ReferenceConfiguration(new PidRegOptions()),
            _ => null,
        };
        if (baseOptions is null)
            return CommandGuard.Fail("bench train", Console.Error, $"--config must be kit or reference, got '{config}'.");
        // The bias-corrected batch PID sets the smallest training set (about 186 rows before the split for d = 64).
        int minRows = FitRequirements.MinimumRowsBeforeSplit(baseOptions.MinimumBatchRows(targetDim: 1, modalityCount: 2));
        CliLimits.Check("--rows", rows, minRows, CliLimits.MaxBenchRows);
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        var split = Synthetic(rows, 81, 86, seed: 42).Split();
        // Early stopping and the stage switch must not cut the timed run short.
        var options = baseOptions with { Epochs = epochs, EarlyStoppingPatience = epochs + 1, StabilityPatience = epochs + 1, Threads = threads };
        var profile = new TrainingProfile();
        var clock = Stopwatch.StartNew();
        using var regressor = new PidRegRegressor(options) { Profile = profile }.Fit(split.Train, split.Validation);
        double total = clock.Elapsed.TotalSeconds;
        var seconds = regressor.History.Epochs.Select(e => e.Seconds).ToArray();
        // Early fusion with the same sizes, epochs and threads, right after PIDReg: the ratio is what the target is about
        // (absolute times move with the load on a shared machine).
        var earlyOptions = new BaselineOptions
        {
            HiddenDim = options.HiddenDim, LatentDim = options.LatentDim, BatchSize = options.BatchSize, Epochs = epochs,
            EarlyStoppingPatience = epochs + 1, Threads = threads, Seed = options.Seed,
        };
        using var early = new BaselineRegressor(BaselineKind.EarlyFusion, earlyOptions).Fit(split.Train, split.Validation);
        var earlySeconds = early.History.Epochs.Select(e => e.Seconds).ToArray();
        double pidregPerEpoch = AfterFirst(seconds), earlyPerEpoch = AfterFirst(earlySeconds);
        // Stage 2 (weights frozen: no batch PID, no Gaussianity term) is most of a real run (the SuperCon rebuild freezes
        // near epoch 13 of 200), so it is timed too: a detector that fires after epoch 2, then `epochs` stage-2 epochs.
        var frozenOptions = options with { Epochs = epochs + 2, StabilityWindow = 1, StabilityPatience = 1, StabilityToleranceBits = 1e9 };
        var stage2Profile = new TrainingProfile();
        using var frozen = new PidRegRegressor(frozenOptions) { Profile = stage2Profile }.Fit(split.Train, split.Validation);
        double stage2PerEpoch = Stage2SecondsPerEpoch(frozen);
        // The floor under any speed-up of the step: the same stage-2 run without the CS and CMI terms, that is two
        // encoders and the predictor against early fusion's one encoder and predictor.
        using var bare = new PidRegRegressor(frozenOptions with { UseCsLoss = false, UseCmiLoss = false }).Fit(split.Train, split.Validation);
        double networkPerEpoch = Stage2SecondsPerEpoch(bare);
        var phases = PhaseObject(profile, seconds.Length);
        var metrics = PidReg.Evaluation.Metrics.Regression(split.Test.Target, regressor.Predict(split.Test));
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var gc = GC.GetGCMemoryInfo();
        var result = new JsonObject
        {
            ["rows"] = rows, ["trainRows"] = split.Train.RowCount, ["features"] = new JsonArray(81, 86),
            ["batchSize"] = options.BatchSize, ["hiddenDim"] = options.HiddenDim, ["latentDim"] = options.LatentDim,
            ["config"] = config, ["threads"] = threads, ["epochs"] = seconds.Length,
            ["secondsPerEpoch"] = seconds.Average(),
            ["secondsPerEpochAfterFirst"] = pidregPerEpoch,
            ["epochSeconds"] = new JsonArray(seconds.Select(s => (JsonNode)s).ToArray()),
            ["phaseSecondsPerEpoch"] = phases,
            ["earlyFusionSecondsPerEpochAfterFirst"] = earlyPerEpoch,
            ["earlyFusionEpochSeconds"] = new JsonArray(earlySeconds.Select(s => (JsonNode)s).ToArray()),
            ["ratioToEarlyFusion"] = pidregPerEpoch / earlyPerEpoch,
            ["stage2SecondsPerEpoch"] = stage2PerEpoch,
            ["stage2RatioToEarlyFusion"] = stage2PerEpoch / earlyPerEpoch,
            // Over all epochs of the stage-2 run, the first two (stage 1) included: the stage-1-only phases show their share.
            ["stage2RunPhaseSecondsPerEpoch"] = PhaseObject(stage2Profile, frozen.History.Epochs.Count),
            ["networkOnlySecondsPerEpoch"] = networkPerEpoch,
            ["networkOnlyRatioToEarlyFusion"] = networkPerEpoch / earlyPerEpoch,
            ["totalSeconds"] = total,
            ["testRmse"] = metrics.Rmse,
            ["peakWorkingSetMB"] = process.PeakWorkingSet64 / 1048576.0,
            ["managedHeapMB"] = gc.HeapSizeBytes / 1048576.0,
            ["totalAllocatedMB"] = GC.GetTotalAllocatedBytes() / 1048576.0,
        };
        if (json)
        {
            Console.WriteLine(result.ToJsonString());
            return 0;
        }
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"PIDReg training, {split.Train.RowCount} training rows, 81 + 86 features, batch {options.BatchSize}, H {options.HiddenDim}, d {options.LatentDim}, {threads} thread(s), {config} configuration"));
        Console.WriteLine(string.Create(c, $"seconds per epoch: {seconds.Average():F3} (after the first: {pidregPerEpoch:F3}); epochs: {string.Join(", ", seconds.Select(s => s.ToString("F3", c)))}"));
        Console.WriteLine("per epoch, by phase (summed over batches; backward covers every term):");
        foreach (var (phase, phaseSeconds) in profile.Phases)
            Console.WriteLine(string.Create(c, $"  {phase,-14} {phaseSeconds / seconds.Length:F3} s  {100 * phaseSeconds / seconds.Sum():F1} %"));
        Console.WriteLine(string.Create(c, $"early fusion, same run: {earlyPerEpoch:F3} s per epoch after the first; PIDReg / early fusion = {pidregPerEpoch / earlyPerEpoch:F2} (stage 1)"));
        Console.WriteLine(string.Create(c, $"stage 2 (weights frozen, no batch PID or Gaussianity term): {stage2PerEpoch:F3} s per epoch; PIDReg / early fusion = {stage2PerEpoch / earlyPerEpoch:F2}"));
        Console.WriteLine(string.Create(c, $"per epoch of that run ({frozen.History.Epochs.Count} epochs, the first two in stage 1):"));
        foreach (var (phase, phaseSeconds) in stage2Profile.Phases)
            Console.WriteLine(string.Create(c, $"  {phase,-14} {phaseSeconds / frozen.History.Epochs.Count:F3} s"));
        Console.WriteLine(string.Create(c, $"stage 2 without the CS and CMI terms (the networks alone): {networkPerEpoch:F3} s per epoch; PIDReg / early fusion = {networkPerEpoch / earlyPerEpoch:F2}"));
        Console.WriteLine(string.Create(c, $"test RMSE after {seconds.Length} epochs: {metrics.Rmse:G5}"));
        Console.WriteLine(string.Create(c, $"peak working set: {process.PeakWorkingSet64 / 1048576.0:F0} MB; managed heap {gc.HeapSizeBytes / 1048576.0:F0} MB"));
        return 0;
    }

    static JsonObject PhaseObject(TrainingProfile profile, int epochs)
    {
        var phases = new JsonObject();
        foreach (var (phase, phaseSeconds) in profile.Phases) phases[phase] = phaseSeconds / epochs;
        return phases;
    }

    static double Stage2SecondsPerEpoch(PidRegRegressor fitted) => fitted.History.Epochs.Where(e => e.Stage == 2).Average(e => e.Seconds);

    // The first epoch pays one-off costs (allocator warm-up, score caches); one epoch alone is all there is.
    static double AfterFirst(double[] seconds) => seconds.Length > 1 ? seconds.Skip(1).Average() : seconds[0];

    // Two blocks of noisy views of a few shared and private factors, target from both: the shape of Superconductivity,
    // not its content.
    static MultimodalDataset Synthetic(int rows, int width1, int width2, int seed)
    {
        var rng = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        const int factors = 4;
        var load1 = new double[factors, width1];
        var load2 = new double[factors, width2];
        for (int f = 0; f < factors; f++)
        {
            for (int j = 0; j < width1; j++) load1[f, j] = Gauss();
            for (int j = 0; j < width2; j++) load2[f, j] = Gauss();
        }
        var x1 = new double[rows, width1];
        var x2 = new double[rows, width2];
        var y = new double[rows, 1];
        var s = new double[factors];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < factors; f++) s[f] = Gauss();
            for (int j = 0; j < width1; j++) x1[i, j] = load1[0, j] * s[0] + load1[1, j] * s[1] + 0.5 * Gauss();
            for (int j = 0; j < width2; j++) x2[i, j] = load2[0, j] * s[0] + load2[2, j] * s[2] + 0.5 * Gauss();
            y[i, 0] = 30 + 10 * (s[0] + 0.5 * s[1] + 0.5 * s[2] + 0.3 * s[1] * s[2]) + Gauss();
        }
        return new MultimodalDataset("bench-superconductivity-shape", DatasetKinds.Synthetic, [new Modality("x1", x1), new Modality("x2", x2)], y);
    }
}
