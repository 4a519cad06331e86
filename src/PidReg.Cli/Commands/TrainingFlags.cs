using System.CommandLine;
using PidReg.Data;
using PidReg.Training;

namespace PidReg.Cli.Commands;

/// <summary>
/// The training flags fit and experiment share, bound to <see cref="PidRegOptions"/> by name (--epochs → Epochs,
/// --batch-size → BatchSize, --hidden-dim → HiddenDim, --latent-dim → LatentDim, --learning-rate → LearningRate, --patience →
/// EarlyStoppingPatience, --weight-averaging → WeightAveragingEpochs, --threads → Threads, --device → Device), checked against
/// <see cref="CliLimits"/> before any work. --rows is not a model setting: <see cref="Subsample"/> applies it to the data.
/// </summary>
internal sealed class TrainingFlags
{
    static readonly PidRegOptions Defaults = new();

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => Defaults.Epochs };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = $"Rows per training batch (default {Defaults.BatchSize}).", DefaultValueFactory = _ => Defaults.BatchSize };
    public Option<int> HiddenDim { get; } = new("--hidden-dim") { Description = $"Hidden width H of the encoders and the predictor (layers of H and H/2 units; default {Defaults.HiddenDim}).", DefaultValueFactory = _ => Defaults.HiddenDim };
    public Option<int?> Rows { get; } = new("--rows") { Description = $"Use N rows of the data, a subsample drawn with seed {RowsSeed} (the split's seed: the same rows for every model and --seed), kept in file order, before the 70/10/20 split (default: all rows)." };
    public Option<int> LatentDim { get; } = new("--latent-dim") { Description = $"Latent size d of each modality (default {Defaults.LatentDim}); the bias-corrected batch PID of M modalities needs batches of more than 1 + M·d rows, and the default's verdict on the product of two latents more than 1 + 3·d.", DefaultValueFactory = _ => Defaults.LatentDim };
    public Option<double> LearningRate { get; } = new("--learning-rate") { Description = $"Adam learning rate of the network (default {Defaults.LearningRate}).", DefaultValueFactory = _ => Defaults.LearningRate };
    public Option<int> Patience { get; } = new("--patience") { Description = $"Early stopping: epochs without a better validation loss (default {Defaults.EarlyStoppingPatience}).", DefaultValueFactory = _ => Defaults.EarlyStoppingPatience };
    public Option<double> WeightAveraging { get; } = new("--weight-averaging") { Description = $"Horizon in epochs of the moving average of the weights used for validation and predictions; 0 = off (default {Defaults.WeightAveragingEpochs}).", DefaultValueFactory = _ => Defaults.WeightAveragingEpochs };
    public Option<int> Threads { get; } = new("--threads") { Description = "Torch intra-op threads (default 1: fastest on a busy 2-core machine).", DefaultValueFactory = _ => Defaults.Threads };
    public Option<string> Device { get; } = new("--device")
    {
        Description = "Where the networks train and predict: cpu (default) or cuda (needs a CUDA build of TorchSharp, see the README).",
        DefaultValueFactory = _ => DeviceName(Defaults.Device),
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Epochs, BatchSize, HiddenDim, LatentDim, Rows, LearningRate, Patience, WeightAveraging, Threads, Device }) command.Options.Add(option);
    }

    /// <summary>The --device value of a device ("cpu", "cuda").</summary>
    public static string DeviceName(ComputeDevice device) => device switch
    {
        ComputeDevice.Cpu => "cpu",
        ComputeDevice.Cuda => "cuda",
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, "unknown device"),
    };

    /// <summary>The device a --device value names; anything else is an error listing the values.</summary>
    public static ComputeDevice ParseDevice(string text)
    {
        foreach (var device in Enum.GetValues<ComputeDevice>())
            if (DeviceName(device) == text) return device;
        throw new ArgumentException($"--device {text}: give {string.Join(" or ", Enum.GetValues<ComputeDevice>().Select(DeviceName))}.");
    }

    /// <summary>The flags that ask for <paramref name="options"/> again (for a child process; doubles round-trip exactly).</summary>
    public static IEnumerable<string> Arguments(PidRegOptions options) =>
    [
        "--epochs", Invariant(options.Epochs), "--batch-size", Invariant(options.BatchSize), "--hidden-dim", Invariant(options.HiddenDim),
        "--latent-dim", Invariant(options.LatentDim),
        "--learning-rate", Invariant(options.LearningRate), "--patience", Invariant(options.EarlyStoppingPatience),
        "--weight-averaging", Invariant(options.WeightAveragingEpochs), "--threads", Invariant(options.Threads), "--device", DeviceName(options.Device),
    ];

    static string Invariant(IFormattable value) => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The options the flags ask for, with <paramref name="seed"/>; throws naming the flag when one is out of range.</summary>
    public PidRegOptions Bind(ParseResult parse, int? seed = null)
    {
        int epochs = parse.GetValue(Epochs), batch = parse.GetValue(BatchSize), hidden = parse.GetValue(HiddenDim), latent = parse.GetValue(LatentDim);
        int patience = parse.GetValue(Patience), threads = parse.GetValue(Threads);
        var device = ParseDevice(parse.GetValue(Device)!);
        double rate = parse.GetValue(LearningRate), averaging = parse.GetValue(WeightAveraging);
        CliLimits.Check("--epochs", epochs, 1, CliLimits.MaxEpochs);
        CliLimits.Check("--batch-size", batch, 4, CliLimits.MaxBatchSize);
        CliLimits.Check("--hidden-dim", hidden, 2, CliLimits.MaxHiddenDim);
        CliLimits.Check("--latent-dim", latent, 1, CliLimits.MaxLatentDim);
        if (parse.GetValue(Rows) is int rows) CliLimits.Check("--rows", rows, 3, CliLimits.MaxRows);
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
            Epochs = epochs, BatchSize = batch, HiddenDim = hidden, LatentDim = latent, LearningRate = rate, EarlyStoppingPatience = patience, Threads = threads, WeightAveragingEpochs = averaging,
            MinLearningRate = Math.Min(Defaults.MinLearningRate, rate), Device = device,
        };
        if (seed is int s) options = options with { Seed = s };
        // A device this machine lacks is refused before any data is read.
        if (device != ComputeDevice.Cpu)
        {
            PidReg.Torch.TorchRuntime.EnsureLoaded();
            try { options.ResolveDevice(); }
            catch (InvalidOperationException ex) { throw new ArgumentException($"--device {DeviceName(device)}: {ex.Message}", ex); }
        }
        return options.Validate();
    }

    /// <summary>Seed of the --rows subsample: the split's, so a subsample does not change with --seed or the model.</summary>
    public const int RowsSeed = 42;

    /// <summary>
    /// <paramref name="dataset"/> cut to --rows: N rows drawn without replacement with <see cref="RowsSeed"/>, in their
    /// original order (row ids stay those of the file); all rows when --rows is absent. Asking for more rows than the
    /// data has is an error, not a silent "all".
    /// </summary>
    public MultimodalDataset Subsample(ParseResult parse, MultimodalDataset dataset) => Subsample(parse.GetValue(Rows), dataset);

    /// <summary>The --rows subsample of <paramref name="dataset"/> (null: all rows); a worker process gets the same rows from the same N.</summary>
    public static MultimodalDataset Subsample(int? requested, MultimodalDataset dataset)
    {
        if (requested is not int rows) return dataset;
        if (rows > dataset.RowCount)
            throw new ArgumentException(FormattableString.Invariant(
                $"--rows {rows}: dataset '{dataset.Name}' has only {dataset.RowCount} rows; give at most {dataset.RowCount} or leave --rows out to use them all."));
        if (rows == dataset.RowCount) return dataset;
        var order = Enumerable.Range(0, dataset.RowCount).ToArray();
        new Random(RowsSeed).Shuffle(order);
        return dataset.Subset(order.Take(rows).Order().ToArray());
    }

    /// <summary>How the data was cut, for the line a command prints first ("" when all rows are used).</summary>
    public static string RowsNote(int used, int all) => used < all
        ? FormattableString.Invariant($" (--rows {used}: a subsample of the {all} rows, seed {RowsSeed})")
        : "";
}
