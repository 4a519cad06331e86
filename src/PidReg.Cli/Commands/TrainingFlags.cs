using System.CommandLine;
using PidReg.Training;

namespace PidReg.Cli.Commands;

/// <summary>
/// The training flags fit and experiment share, bound to <see cref="PidRegOptions"/> by name (--epochs → Epochs,
/// --batch-size → BatchSize, --latent-dim → LatentDim, --learning-rate → LearningRate, --patience →
/// EarlyStoppingPatience, --weight-averaging → WeightAveragingEpochs, --threads → Threads), checked against
/// <see cref="CliLimits"/> before any work.
/// </summary>
internal sealed class TrainingFlags
{
    static readonly PidRegOptions Defaults = new();

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => Defaults.Epochs };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = $"Rows per training batch (default {Defaults.BatchSize}).", DefaultValueFactory = _ => Defaults.BatchSize };
    public Option<int> LatentDim { get; } = new("--latent-dim") { Description = $"Latent size d of each modality (default {Defaults.LatentDim}); the bias-corrected batch PID needs batches of more than 1 + 2d rows.", DefaultValueFactory = _ => Defaults.LatentDim };
    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = $"Adam learning rate of the network (default {Defaults.LearningRate}).", DefaultValueFactory = _ => Defaults.LearningRate };
    public Option<int> Patience { get; } = new("--patience") { Description = $"Early stopping: epochs without a better validation loss (default {Defaults.EarlyStoppingPatience}).", DefaultValueFactory = _ => Defaults.EarlyStoppingPatience };
    public Option<double> WeightAveraging { get; } = new("--weight-averaging") { Description = $"Horizon in epochs of the moving average of the weights used for validation and predictions; 0 = off (default {Defaults.WeightAveragingEpochs}).", DefaultValueFactory = _ => Defaults.WeightAveragingEpochs };
    public Option<int> Threads { get; } = new("--threads") { Description = "Torch intra-op threads (default 1: fastest on a busy 2-core machine).", DefaultValueFactory = _ => Defaults.Threads };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Epochs, BatchSize, LatentDim, LearningRate, Patience, WeightAveraging, Threads }) command.Options.Add(option);
    }

    /// <summary>The flags that ask for <paramref name="options"/> again (for a child process; doubles round-trip exactly).</summary>
    public static IEnumerable<string> Arguments(PidRegOptions options) =>
    [
        "--epochs", Invariant(options.Epochs), "--batch-size", Invariant(options.BatchSize), "--latent-dim", Invariant(options.LatentDim),
        "--learning-rate", Invariant(options.LearningRate), "--patience", Invariant(options.EarlyStoppingPatience),
        "--weight-averaging", Invariant(options.WeightAveragingEpochs), "--threads", Invariant(options.Threads),
    ];

    static string Invariant(IFormattable value) => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The options the flags ask for, with <paramref name="seed"/>; throws naming the flag when one is out of range.</summary>
    public PidRegOptions Bind(ParseResult parse, int? seed = null)
    {
        int epochs = parse.GetValue(Epochs), batch = parse.GetValue(BatchSize), latent = parse.GetValue(LatentDim);
        int patience = parse.GetValue(Patience), threads = parse.GetValue(Threads);
        double rate = parse.GetValue(LearningRate), averaging = parse.GetValue(WeightAveraging);
        CliLimits.Check("--epochs", epochs, 1, CliLimits.MaxEpochs);
        CliLimits.Check("--batch-size", batch, 4, CliLimits.MaxBatchSize);
        CliLimits.Check("--latent-dim", latent, 1, CliLimits.MaxLatentDim);
        CliLimits.CheckRate("--learning-rate", rate, 1);
        CliLimits.Check("--patience", patience, 1, CliLimits.MaxPatience);
        CliLimits.Check("--threads", threads, 1, CliLimits.MaxThreads);
        // Allowed, since a machine may have that many cores, but more threads than cores make torch wait on itself:
        // measured 50 times slower at 1024 threads on 2 cores. A warning, because the run still gives correct results.
        if (threads > Environment.ProcessorCount)
            Console.Error.WriteLine(FormattableString.Invariant(
                $"warning: --threads {threads} is more than the {Environment.ProcessorCount} cores this process may use; torch gets slower, not faster, with more threads than cores (often many times slower): use --threads {Environment.ProcessorCount} or less."));
        if (!(averaging >= 0 && averaging <= 1000))
            throw new ArgumentException(FormattableString.Invariant($"--weight-averaging {averaging}: must be between 0 (off) and 1000 epochs."));
        var options = new PidRegOptions
        {
            Epochs = epochs, BatchSize = batch, LatentDim = latent, LearningRate = rate, EarlyStoppingPatience = patience, Threads = threads, WeightAveragingEpochs = averaging,
            MinLearningRate = Math.Min(Defaults.MinLearningRate, rate),
        };
        if (seed is int s) options = options with { Seed = s };
        return options.Validate();
    }
}
