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
        var sentiment = new Option<bool>("--sentiment") { Description = "Also report Acc-2, F1 and Acc-7 (sentiment scores in [-3, 3])." };
        var json = new Option<bool>("--json") { Description = "Print the rows as a JSON array instead of a markdown table." };
        var training = new TrainingFlags();
        var command = new Command("experiment", "Multi-seed comparison of models on a data set (70/10/20 split, seed 42).")
        {
            dataset, data, target, x1, x2, pick, models, seeds, sentiment, json,
        };
        training.AddTo(command);
        command.SetAction((parseResult, ct) => Task.FromResult(CommandGuard.Run("experiment", () => Run(
            parseResult.GetValue(dataset), parseResult.GetValue(data), parseResult.GetValue(target), parseResult.GetValue(x1), parseResult.GetValue(x2),
            parseResult.GetValue(pick), parseResult.GetValue(models)!, parseResult.GetValue(seeds), training.Bind(parseResult), d => training.Subsample(parseResult, d), parseResult.GetValue(sentiment),
            parseResult.GetValue(json), ct))));
        return command;
    }

    static int Run(string? datasetName, FileInfo? file, string? target, string? x1, string? x2, string? modalities, string modelList, int seeds, PidRegOptions model,
        Func<MultimodalDataset, MultimodalDataset> subsample, bool sentiment, bool json, CancellationToken ct)
    {
        if ((datasetName is null) == (file is null))
            throw new ArgumentException("give either --dataset NAME or --data FILE.csv (with --target, --x1, --x2), not both and not neither.");
        if (file is not null && (target is null || x1 is null || x2 is null))
            throw new ArgumentException($"--data needs --target, --x1 and --x2; missing: {string.Join(", ", new[] { ("--target", target), ("--x1", x1), ("--x2", x2) }.Where(p => p.Item2 is null).Select(p => p.Item1))}.");
        CliLimits.Check("--seeds", seeds, 1, CliLimits.MaxSeeds);
        var names = Models.ParseList(modelList);
        var options = new ExperimentOptions { Seeds = seeds, Model = model, Sentiment = sentiment }.Validate();
        MultimodalDataset dataset;
        if (file is not null)
        {
            var table = CheckedCsv.Read(file.FullName, target!, x1!, x2!, eachFeatureColumn: false);
            dataset = MultimodalDataset.FromTable(table, target!, [("x1", x1!), ("x2", x2!)]);
        }
        else dataset = Datasets.Load(datasetName!);
        if (modalities is not null)
            dataset = dataset.WithModalities(modalities.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (dataset.Modalities.Count != 2)
            throw new ArgumentException($"dataset '{dataset.Name}' has {dataset.Modalities.Count} modalities ({string.Join(", ", dataset.Modalities.Select(m => m.Name))}); " +
                "the models compare exactly two: choose them with --modalities NAME,NAME.");
        int allRows = dataset.RowCount;
        dataset = subsample(dataset);
        // Every model's row needs, before the first fit: a comparison must not fail half-way.
        var probes = names.Select(n => Models.Create(n, model)).ToList();
        try { FitRequirements.CheckBeforeSplit(probes, dataset); }
        finally { probes.ForEach(p => p.Dispose()); }
        if (dataset.Kind != DatasetKinds.Real) Console.Error.WriteLine($"note: dataset '{dataset.Name}' is {dataset.Kind}: {dataset.Description}");
        // A run can take minutes: say at once what will run, so the terminal is not silent until the first run ends.
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"experiment: {names.Count * seeds} runs ({string.Join(", ", names)}; {seeds} seed(s) each, {model.Epochs} epochs at most) on {dataset}{TrainingFlags.RowsNote(dataset.RowCount, allRows)}; a line as each run ends"));
        var progress = new Progress<ExperimentProgress>(p => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {p.Run}/{p.Total}: {p.Result.Model} seed {p.Result.Seed}: {p.Result.Scores}, {p.Result.SecondsPerEpoch:F3} s/epoch")));
        var result = new ExperimentRunner(options).Run(dataset, names, progress, ct);
        if (json)
        {
            Console.WriteLine(result.ToJson());
            return 0;
        }
        Console.WriteLine(seeds == 1 ? $"{dataset}; one seed, test split" : $"{dataset}; {seeds} seeds, test split, mean ± sd");
        Console.WriteLine();
        Console.Write(result.ToMarkdown());
        return 0;
    }
}
