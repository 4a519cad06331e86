using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Model;
using PidReg.Training;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg fit`: split a CSV 70/10/20 (seed 42), train, print test metrics and the explanation; with
/// --out also the checkpoint, history.json and predictions.csv (every row's part and prediction).
/// </summary>
internal static class FitCommand
{

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "CSV file (header row; .csv or .csv.gz).", Required = true };
        var target = new Option<string>("--target") { Description = "Target column(s): COLS, names or positions like #0-2 (see the README).", Required = true };
        var modalities = new ModalityFlags();
        var model = new Option<string>("--model") { Description = $"Model: {Models.ValidNames}.", DefaultValueFactory = _ => ModelNames.PidReg };
        var seed = new Option<int>("--seed") { Description = "Seed of weights, noise and shuffling (the split always uses seed 42).", DefaultValueFactory = _ => new PidRegOptions().Seed };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for the checkpoint, history.json and predictions.csv (every row's part and prediction): new, empty, or made by an earlier fit (replaced as a whole, only when the run succeeds)." };
        var force = new Option<bool>("--force") { Description = "Write into --out even if it holds files the kit did not create (same names are replaced)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var training = new TrainingFlags();
        var command = new Command("fit", "Train PIDReg (or an ablation or baseline) on a CSV data set and print test metrics and the explanation.")
        {
            data, target, model, seed, output, force, json,
        };
        modalities.AddTo(command);
        training.AddTo(command);
        command.SetAction((parseResult, ct) => Task.FromResult(CommandGuard.Run("fit", () => Run(
            parseResult.GetValue(data)!, parseResult.GetValue(target)!, modalities.Bind(parseResult),
            parseResult.GetValue(model)!, training.Bind(parseResult, parseResult.GetValue(seed)), d => training.Subsample(parseResult, d), parseResult.GetValue(output),
            parseResult.GetValue(force), parseResult.GetValue(json), ct))));
        return command;
    }

    static int Run(FileInfo file, string target, IReadOnlyList<ModalityFlags.Selection>? modalities, string modelName, PidRegOptions options,
        Func<MultimodalDataset, MultimodalDataset> subsample, DirectoryInfo? output, bool force, bool json, CancellationToken ct)
    {
        // Everything is checked before any training: the model name, the settings (bound above), --out, then the data.
        if (!Models.IsKnown(modelName))
            return CommandGuard.Fail("fit", Console.Error, $"unknown --model '{modelName}'; valid names: {Models.ValidNames}.");
        if (modalities is null)
            throw new ArgumentException("give the modalities: --x1 COLS --x2 COLS, or --modality NAME=COLS once per modality.");
        string? outPath = output is null ? null : OutputFolder.Check(output.ToString(), force, [file.FullName]);
        // Locked, staged and proven writable before the data is read: a full disk or a second run is found in a second.
        using var staged = outPath is null ? null : StagedOutput.Begin(outPath, output!.ToString(), keepForeignFiles: force);
        var table = CheckedCsv.Read(file.FullName, target, modalities.Select(m => (m.Flag, m.Columns)).ToArray(), eachFeatureColumn: false);
        var all = MultimodalDataset.FromTable(table, target, modalities.Select(m => (m.Name, m.Columns)).ToArray());
        var dataset = subsample(all);
        using var model = Models.Create(modelName, options);
        FitRequirements.CheckBeforeSplit([model], dataset);
        var split = dataset.Split();
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        void Report(int epoch, string stage, double mse, double validationMse, double seconds)
        {
            if (epoch == 1 || epoch % 10 == 0)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {epoch,4}  {stage}train MSE {mse:F4}  validation MSE {validationMse:F4}  {seconds:F2} s"));
        }
        model.Fit(split.Train, split.Validation, new InlineProgress<IEpochReport>(e =>
            Report(e.Epoch, e is EpochReport p ? $"stage {p.Stage}  " : "", e.Mse, e.ValidationMse, e.Seconds)), ct);
        var metrics = PidReg.Evaluation.Metrics.Regression(split.Test.Target, model.Predict(split.Test));
        // PIDReg and its ablations explain themselves, on the training split where the atoms were estimated, with the
        // latents' joint normality; baselines only have metrics and a history (pid, weights, lambdas are null).
        var pidreg = model as PidRegRegressor;
        var explanation = pidreg?.Explain(split.Train);
        var history = model.History;
        int epochCount = history.Reports.Count, bestEpoch = history.BestEpoch;
        if (staged is not null)
        {
            // The whole set goes in at once: a rerun with another model leaves no checkpoint of the previous one behind.
            staged.Write(folder =>
            {
                model.Save(folder, overwrite: true);
                File.WriteAllText(Path.Combine(folder, "history.json"), JsonSerializer.Serialize(history, history.GetType(), CheckpointJson));
                WritePredictions(Path.Combine(folder, PredictionsFile), model, split);
                if (pidreg is not null) WriteExplanations(Path.Combine(folder, ExplanationsFile), pidreg, split);
            });
            staged.Commit();
        }
        var (atoms, latticeAtoms) = (explanation?.Atoms, explanation?.LatticeAtoms);
        JsonObject? pid = null;
        if (latticeAtoms is not null)
        {
            // The model's own batch PID, the paper's measure (MMI): for two modalities its weaker unique atom is 0 by
            // construction; on a larger lattice its atoms can be negative. "atoms" is keyed by antichain, as `pid` writes it.
            pid = [];
            if (atoms is not null)
                (pid["uniqueX1"], pid["uniqueX2"], pid["redundancy"], pid["synergy"]) = (atoms.UniqueX1, atoms.UniqueX2, atoms.Redundancy, atoms.Synergy);
            pid["atoms"] = new JsonObject(latticeAtoms.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
            pid["measure"] = "mmi";
        }
        var result = new JsonObject
        {
            ["metrics"] = new JsonObject { ["rmse"] = metrics.Rmse, ["mae"] = metrics.Mae, ["r2"] = metrics.R2, ["pearson"] = Finite(metrics.Pearson) },
            ["pid"] = pid,
            // Keyed by fusion path: "a", "b" for the modalities, "a*b" for their product (PidReg.Model.FusionPath).
            ["weights"] = explanation is null ? null : WeightsByPath(explanation.PathWeights),
            ["lambdas"] = explanation is null ? null : new JsonArray([.. explanation.Lambdas.Select(l => (JsonNode?)l)]),
            ["epochs"] = epochCount,
            ["frozenAtEpoch"] = pidreg?.History.FrozenAtEpoch,
            ["secondsPerEpoch"] = model.SecondsPerEpoch,
        };
        if (explanation is not null) result[NormalityJson.Key] = NormalityJson.Node(explanation.Normality, explanation.NormalityNote);
        if (json)
        {
            Console.WriteLine(result.ToJsonString());
            return 0;
        }
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{modelName} on {file.Name}{TrainingFlags.RowsNote(dataset.RowCount, all.RowCount)}: {split.Train.RowCount} train / {split.Validation.RowCount} validation / {split.Test.RowCount} test rows"));
        Console.WriteLine(string.Create(c, $"test RMSE {metrics.Rmse:G6}  MAE {metrics.Mae:G6}  R² {metrics.R2:F4}  Pearson r {metrics.Pearson:F4}"));
        if (explanation is not null)
        {
            Console.WriteLine(atoms is not null ? $"atoms (MMI, the batch PID the weights come from; the weaker unique atom is 0 by construction): {atoms}"
                : latticeAtoms is not null ? "lattice atoms (MMI, the batch PID the weights come from; bits, keyed by antichain of 1-based modality indices): "
                    + string.Join("  ", latticeAtoms.Select(a => string.Create(c, $"{a.Key} {a.Value:F4}")))
                : "atoms: not computed");
            Console.WriteLine("weights: " + string.Join("  ", explanation.PathWeights.ByName.Select(p => string.Create(c, $"{p.Key} {p.Value:F4}"))));
            Console.WriteLine("lambdas: " + string.Join(" ", explanation.Lambdas.Select(l => l.ToString("F4", c))));
            string joint = "(y', " + string.Join(", ", Enumerable.Range(1, explanation.Lambdas.Count).Select(m => $"Z{m}")) + ")";
            Console.WriteLine(explanation.Normality is { } mvn
                ? string.Create(c, $"joint normality of {joint} on the training split (n = {mvn.Samples}, p = {mvn.Dimensions}): Mardia skewness p = {mvn.SkewnessPValue:G3}, kurtosis p = {mvn.KurtosisPValue:G3}, Henze-Zirkler p = {mvn.HenzeZirkler.PValue:G3}{(mvn.IsRejected() ? " (rejected at 5%: read the atoms as approximate)" : "")}")
                : $"joint normality of {joint}: not tested: {explanation.NormalityNote}");
        }
        string freeze = pidreg is null ? "" : pidreg.History.FrozenAtEpoch is int f ? $"; weights frozen at epoch {f}" : "; weights never froze";
        Console.WriteLine(string.Create(c, $"{epochCount} epochs (best {bestEpoch}{freeze}), {model.SecondsPerEpoch:F3} s per epoch, {model.ParameterCount:N0} parameters"));
        if (outPath is not null)
            Console.WriteLine(pidreg is not null
                ? $"written to {outPath}: the checkpoint, history.json, {PredictionsFile} (every row's part and prediction) and {ExplanationsFile} (each modality's share of every prediction)"
                : $"written to {outPath}: the checkpoint, history.json and {PredictionsFile} (every row's part and prediction)");
        return 0;
    }

    /// <summary>The file in --out with every row's part and prediction.</summary>
    public const string PredictionsFile = "predictions.csv";

    // Every data row of the CSV (zero-based, as the dataset's row ids), its part of the split, target and prediction on
    // the original scale: residuals can be studied per row, and the reference oracle can train on exactly this split.
    static void WritePredictions(string path, IMultimodalRegressor model, DatasetSplit split)
    {
        var c = CultureInfo.InvariantCulture;
        var targets = split.Train.TargetNames;
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Join(",", new[] { "row", "part" }.Concat(targets).Concat(targets.Select(t => "predicted_" + t)).Select(Quote)));
        foreach (var (part, data) in new[] { ("train", split.Train), ("validation", split.Validation), ("test", split.Test) })
        {
            var predicted = model.Predict(data);
            for (int i = 0; i < data.RowCount; i++)
            {
                var cells = new List<string> { data.RowIds![i], part };
                for (int j = 0; j < targets.Count; j++) cells.Add(data.Target[i, j].ToString("R", c));
                for (int j = 0; j < targets.Count; j++) cells.Add(predicted[i, j].ToString("R", c));
                writer.WriteLine(string.Join(",", cells));
            }
        }
    }

    /// <summary>The file in --out with each modality's contribution to every row's prediction (PIDReg models only).</summary>
    public const string ExplanationsFile = "explanations.csv";

    // Per row: the modalities' Shapley contributions against the training rows' mean latents, which add up to the
    // prediction minus the baseline (the prediction at those mean latents), on the original scale of the first target;
    // then the local information of the latents in bits under the Gaussian fitted to the training rows (averaged over
    // the training rows they are the plug-in I(y'; Z1), I(y'; Z2), I(y'; Z1, Z2)), left out when the training split has
    // too few rows to fit that Gaussian.
    static void WriteExplanations(string path, PidRegRegressor model, DatasetSplit split)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = new[] { ("train", split.Train), ("validation", split.Validation), ("test", split.Test) };
        ModalityAttribution[] attributions;
        PidReg.Information.LocalPid?[]? local;
        try
        {
            var rows = parts.Select(p => model.ExplainRows(p.Item2, reference: split.Train)).ToArray();
            (attributions, local) = (rows.Select(r => r.Attribution).ToArray(), rows.Select(r => r.Local).ToArray());
        }
        catch (ArgumentException)
        {
            attributions = parts.Select(p => model.Attribute(p.Item2, reference: split.Train)).ToArray();
            local = null;
        }
        var names = attributions[0].Modalities;
        var header = new[] { "row", "part", "predicted_" + split.Train.TargetNames[0], "baseline" }
            .Concat(names.Select(m => "contribution_" + m));
        if (local?[0] is not null)
            header = header.Concat(["local_mi_" + names[0], "local_mi_" + names[1], "local_mi_joint", "local_redundancy_ccs"]);
        using var writer = new StreamWriter(path);
        writer.WriteLine(string.Join(",", header.Select(Quote)));
        for (int k = 0; k < parts.Length; k++)
        {
            var (part, data) = parts[k];
            var attribution = attributions[k];
            for (int i = 0; i < data.RowCount; i++)
            {
                var cells = new List<string> { data.RowIds![i], part, attribution.Predictions[i].ToString("R", c), attribution.Baseline.ToString("R", c) };
                for (int m = 0; m < names.Count; m++) cells.Add(attribution.Contributions[i, m].ToString("R", c));
                if (local?[k] is { } l)
                    cells.AddRange(new[] { l.MiX1[i], l.MiX2[i], l.MiJoint[i], l.Redundancy[i] }.Select(v => v.ToString("R", c)));
                writer.WriteLine(string.Join(",", cells.Select(Quote)));
            }
        }
    }

    static string Quote(string cell) => cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";

    static readonly JsonSerializerOptions CheckpointJson = new()
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    static JsonObject WeightsByPath(FusionPathWeights weights)
    {
        var node = new JsonObject();
        for (int i = 0; i < weights.Paths.Count; i++) node[weights.Paths[i].Name] = weights.Weights[i];
        return node;
    }

    static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
