using System.CommandLine;
using System.Globalization;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Training;

namespace PidReg.Cli.Commands;

/// <summary>`pidreg experiment`: every listed model over several seeds on one split; a markdown table or the JSON rows (DESIGN.md).</summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var dataset = new Option<string?>("--dataset") { Description = $"Registry dataset: {string.Join(", ", Datasets.Names)}." };
        var data = new Option<FileInfo?>("--data") { Description = "CSV file (header row; .csv or .csv.gz), instead of --dataset." };
        var target = new Option<string?>("--target") { Description = "With --data: target column(s), names or zero-based ranges like 0-2." };
        var x1 = new Option<string?>("--x1") { Description = "With --data: columns of modality 1." };
        var x2 = new Option<string?>("--x2") { Description = "With --data: columns of modality 2." };
        var pick = new Option<string?>("--modalities") { Description = "Two modality names to compare, e.g. text,audio (needed for sets with more than two modalities)." };
        var models = new Option<string>("--models") { Description = $"Comma-separated model names: {string.Join(", ", Models.Names)}.", Required = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per model (first seed 1234).", DefaultValueFactory = _ => new ExperimentOptions().Seeds };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs per fit.", DefaultValueFactory = _ => new PidRegOptions().Epochs };
        var sentiment = new Option<bool>("--sentiment") { Description = "Also report Acc-2, F1 and Acc-7 (sentiment scores in [-3, 3])." };
        var json = new Option<bool>("--json") { Description = "Print the rows as a JSON array instead of a markdown table." };
        var threads = new Option<int>("--threads") { Description = "Torch intra-op threads (default 1: fastest on a busy 2-core machine).", DefaultValueFactory = _ => new PidRegOptions().Threads };
        var command = new Command("experiment", "Multi-seed comparison of models on a data set (70/10/20 split, seed 42).")
        {
            dataset, data, target, x1, x2, pick, models, seeds, epochs, sentiment, json, threads,
        };
        command.SetAction((parseResult, ct) => Task.FromResult(CommandGuard.Run("experiment", () => Run(
            parseResult.GetValue(dataset), parseResult.GetValue(data), parseResult.GetValue(target), parseResult.GetValue(x1), parseResult.GetValue(x2),
            parseResult.GetValue(pick), parseResult.GetValue(models)!, parseResult.GetValue(seeds), parseResult.GetValue(epochs), parseResult.GetValue(sentiment),
            parseResult.GetValue(json), parseResult.GetValue(threads), ct))));
        return command;
    }

    static int Run(string? datasetName, FileInfo? file, string? target, string? x1, string? x2, string? modalities, string modelList, int seeds, int epochs,
        bool sentiment, bool json, int threads, CancellationToken ct)
    {
        if ((datasetName is null) == (file is null))
            throw new ArgumentException("give either --dataset NAME or --data FILE.csv (with --target, --x1, --x2), not both and not neither.");
        if (file is not null && (target is null || x1 is null || x2 is null))
            throw new ArgumentException($"--data needs --target, --x1 and --x2; missing: {string.Join(", ", new[] { ("--target", target), ("--x1", x1), ("--x2", x2) }.Where(p => p.Item2 is null).Select(p => p.Item1))}.");
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "--threads must be ≥ 1");
        var names = Models.ParseList(modelList);
        var options = new ExperimentOptions { Seeds = seeds, Model = new PidRegOptions { Epochs = epochs, Threads = threads }, Sentiment = sentiment }.Validate();
        var dataset = file is not null ? MultimodalDataset.FromCsv(file.FullName, target!, x1!, x2!) : Datasets.Load(datasetName!);
        if (modalities is not null)
            dataset = dataset.WithModalities(modalities.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (dataset.Modalities.Count != 2)
            throw new ArgumentException($"dataset '{dataset.Name}' has {dataset.Modalities.Count} modalities ({string.Join(", ", dataset.Modalities.Select(m => m.Name))}); " +
                "the models compare exactly two: choose them with --modalities NAME,NAME.");
        if (dataset.Kind != DatasetKinds.Real) Console.Error.WriteLine($"note: dataset '{dataset.Name}' is {dataset.Kind}: {dataset.Description}");
        var progress = new Progress<ExperimentProgress>(p => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {p.Run}/{p.Total}: {p.Result.Model} seed {p.Result.Seed}: {p.Result.Scores}, {p.Result.SecondsPerEpoch:F3} s/epoch")));
        var result = new ExperimentRunner(options).Run(dataset, names, progress, ct);
        if (json)
        {
            Console.WriteLine(result.ToJson());
            return 0;
        }
        Console.WriteLine($"{dataset}; {seeds} seed(s), test split, mean ± sd");
        Console.WriteLine();
        Console.Write(result.ToMarkdown());
        return 0;
    }
}
