using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PidReg.Baselines;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Training;

namespace PidReg.Cli.Commands;

/// <summary>`pidreg fit`: split a CSV 70/10/20 (seed 42), train, print test metrics and the explanation (DESIGN.md contract).</summary>
internal static class FitCommand
{

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "CSV file (header row; .csv or .csv.gz).", Required = true };
        var target = new Option<string>("--target") { Description = "Target column(s): names or zero-based ranges like 0-2.", Required = true };
        var x1 = new Option<string>("--x1") { Description = "Columns of modality 1 (names or ranges like 0-80).", Required = true };
        var x2 = new Option<string>("--x2") { Description = "Columns of modality 2.", Required = true };
        var model = new Option<string>("--model") { Description = $"Model: {string.Join(", ", Models.Names)}.", DefaultValueFactory = _ => ModelNames.PidReg };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => new PidRegOptions().Epochs };
        var seed = new Option<int>("--seed") { Description = "Seed of weights, noise and shuffling (the split always uses seed 42).", DefaultValueFactory = _ => new PidRegOptions().Seed };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory for the checkpoint and history.json (must not hold a checkpoint already)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var threads = new Option<int>("--threads") { Description = "Torch intra-op threads (default 1: fastest on a busy 2-core machine).", DefaultValueFactory = _ => new PidRegOptions().Threads };
        var command = new Command("fit", "Train PIDReg (or an ablation or baseline) on a CSV data set and print test metrics and the explanation.")
        {
            data, target, x1, x2, model, epochs, seed, output, json, threads,
        };
        command.SetAction((parseResult, ct) => Task.FromResult(Run(
            parseResult.GetValue(data)!, parseResult.GetValue(target)!, parseResult.GetValue(x1)!, parseResult.GetValue(x2)!,
            parseResult.GetValue(model)!, parseResult.GetValue(epochs), parseResult.GetValue(seed), parseResult.GetValue(output),
            parseResult.GetValue(json), parseResult.GetValue(threads), ct)));
        return command;
    }

    static int Run(FileInfo file, string target, string x1, string x2, string modelName, int epochs, int seed,
        DirectoryInfo? output, bool json, int threads, CancellationToken ct)
    {
        if (!Models.Names.Contains(modelName))
        {
            Console.Error.WriteLine($"pidreg fit: unknown --model '{modelName}'; valid names: {string.Join(", ", Models.Names)}.");
            return 2;
        }
        try
        {
            if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "--threads must be ≥ 1");
            var options = new PidRegOptions { Epochs = epochs, Seed = seed, Threads = threads }.Validate();
            if (output is not null && File.Exists(Path.Combine(output.FullName, "pidreg.json")))
                throw new IOException($"--out {output.FullName} already holds a checkpoint; choose another directory.");
            var dataset = MultimodalDataset.FromCsv(file.FullName, target, x1, x2);
            var split = dataset.Split();
            PidReg.Torch.TorchRuntime.EnsureLoaded();
            void Report(int epoch, string stage, double mse, double validationMse, double seconds)
            {
                if (epoch == 1 || epoch % 10 == 0)
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {epoch,4}  {stage}train MSE {mse:F4}  validation MSE {validationMse:F4}  {seconds:F2} s"));
            }
            // PIDReg and its ablations explain themselves; baselines only have metrics and a history (pid, weights, lambdas are null).
            using var model = Models.Create(modelName, options);
            var pidreg = model as PidRegRegressor;
            if (pidreg is not null)
                pidreg.Fit(split.Train, split.Validation, new Progress<EpochReport>(e => Report(e.Epoch, $"stage {e.Stage}  ", e.Mse, e.ValidationMse, e.Seconds)), ct);
            else
                ((BaselineRegressor)model).Fit(split.Train, split.Validation, new Progress<BaselineEpochReport>(e => Report(e.Epoch, "", e.Mse, e.ValidationMse, e.Seconds)), ct);
            var metrics = PidReg.Evaluation.Metrics.Regression(split.Test.Target, model.Predict(split.Test));
            var explanation = pidreg?.Explain();
            object history = pidreg is not null ? pidreg.History : ((BaselineRegressor)model).History;
            int epochCount = pidreg?.History.Epochs.Count ?? ((BaselineRegressor)model).History.Epochs.Count;
            int bestEpoch = pidreg?.History.BestEpoch ?? ((BaselineRegressor)model).History.BestEpoch;
            if (output is not null)
            {
                if (pidreg is not null) pidreg.Save(output.FullName);
                else Directory.CreateDirectory(output.FullName);
                File.WriteAllText(Path.Combine(output.FullName, "history.json"), JsonSerializer.Serialize(history, CheckpointJson));
            }
            var atoms = explanation?.Atoms;
            var result = new JsonObject
            {
                ["metrics"] = new JsonObject { ["rmse"] = metrics.Rmse, ["mae"] = metrics.Mae, ["r2"] = metrics.R2, ["pearson"] = Finite(metrics.Pearson) },
                ["pid"] = atoms is null ? null : new JsonObject
                {
                    ["uniqueX1"] = atoms.UniqueX1, ["uniqueX2"] = atoms.UniqueX2, ["redundancy"] = atoms.Redundancy, ["synergy"] = atoms.Synergy,
                },
                ["weights"] = explanation is null ? null : new JsonArray(explanation.Weights.W1, explanation.Weights.W2, explanation.Weights.W3),
                ["lambdas"] = explanation is null ? null : new JsonArray(explanation.Lambda1, explanation.Lambda2),
                ["epochs"] = epochCount,
                ["frozenAtEpoch"] = pidreg?.History.FrozenAtEpoch,
                ["secondsPerEpoch"] = model.SecondsPerEpoch,
            };
            if (json)
            {
                Console.WriteLine(result.ToJsonString());
                return 0;
            }
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"{modelName} on {file.Name}: {split.Train.RowCount} train / {split.Validation.RowCount} validation / {split.Test.RowCount} test rows"));
            Console.WriteLine(string.Create(c, $"test RMSE {metrics.Rmse:G6}  MAE {metrics.Mae:G6}  R² {metrics.R2:F4}  Pearson r {metrics.Pearson:F4}"));
            if (explanation is not null)
            {
                Console.WriteLine(atoms is null ? "atoms: not computed" : $"atoms: {atoms}");
                Console.WriteLine(string.Create(c, $"weights: w1 {explanation.Weights.W1:F4}  w2 {explanation.Weights.W2:F4}  w3 {explanation.Weights.W3:F4}"));
                Console.WriteLine(string.Create(c, $"lambdas: {explanation.Lambda1:F4} {explanation.Lambda2:F4}"));
            }
            string freeze = pidreg is null ? "" : pidreg.History.FrozenAtEpoch is int f ? $"; weights frozen at epoch {f}" : "; weights never froze";
            Console.WriteLine(string.Create(c, $"{epochCount} epochs (best {bestEpoch}{freeze}), {model.SecondsPerEpoch:F3} s per epoch, {model.ParameterCount:N0} parameters"));
            if (output is not null) Console.WriteLine(pidreg is not null ? $"checkpoint: {output.FullName}" : $"history: {Path.Combine(output.FullName, "history.json")} (baselines have no checkpoint format)");
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException or FormatException
                                       or InvalidOperationException or KeyNotFoundException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"pidreg fit: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("pidreg fit: cancelled.");
            return 130;
        }
    }

    static readonly JsonSerializerOptions CheckpointJson = new()
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
