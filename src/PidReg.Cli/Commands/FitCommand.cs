using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PidReg.Data;
using PidReg.Training;

namespace PidReg.Cli.Commands;

/// <summary>`pidreg fit`: split a CSV 70/10/20 (seed 42), train, print test metrics and the explanation (DESIGN.md contract).</summary>
internal static class FitCommand
{
    const string PidRegModelName = "pidreg";
    static readonly string[] LaterModels = ["early", "late", "tfn", "lmf"];

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "CSV file (header row; .csv or .csv.gz).", Required = true };
        var target = new Option<string>("--target") { Description = "Target column(s): names or zero-based ranges like 0-2.", Required = true };
        var x1 = new Option<string>("--x1") { Description = "Columns of modality 1 (names or ranges like 0-80).", Required = true };
        var x2 = new Option<string>("--x2") { Description = "Columns of modality 2.", Required = true };
        var model = new Option<string>("--model") { Description = "pidreg (early, late, tfn, lmf come with the baselines).", DefaultValueFactory = _ => PidRegModelName };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs.", DefaultValueFactory = _ => new PidRegOptions().Epochs };
        var seed = new Option<int>("--seed") { Description = "Seed of weights, noise and shuffling (the split always uses seed 42).", DefaultValueFactory = _ => new PidRegOptions().Seed };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Directory for the checkpoint and history.json (must not hold a checkpoint already)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var threads = new Option<int>("--threads") { Description = "Torch intra-op threads (default 1: fastest on a busy 2-core machine).", DefaultValueFactory = _ => new PidRegOptions().Threads };
        var command = new Command("fit", "Train PIDReg on a CSV data set and print test metrics and the explanation.")
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
        if (modelName != PidRegModelName)
        {
            Console.Error.WriteLine(LaterModels.Contains(modelName)
                ? $"pidreg fit: --model {modelName} is not yet available in this version of the kit (the baselines issue adds it); use --model pidreg."
                : $"pidreg fit: unknown --model '{modelName}'; expected pidreg, {string.Join(", ", LaterModels)}.");
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
            var progress = new Progress<EpochReport>(e =>
            {
                if (e.Epoch == 1 || e.Epoch % 10 == 0)
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"epoch {e.Epoch,4}  stage {e.Stage}  train MSE {e.Mse:F4}  validation MSE {e.ValidationMse:F4}  {e.Seconds:F2} s"));
            });
            using var regressor = new PidRegRegressor(options).Fit(split.Train, split.Validation, progress, ct);
            var metrics = Metrics(split.Test.Target, regressor.Predict(split.Test));
            var explanation = regressor.Explain();
            var history = regressor.History;
            if (output is not null)
            {
                regressor.Save(output.FullName);
                File.WriteAllText(Path.Combine(output.FullName, "history.json"), JsonSerializer.Serialize(history, CheckpointJson));
            }
            var atoms = explanation.Atoms;
            var result = new JsonObject
            {
                ["metrics"] = new JsonObject { ["rmse"] = metrics.Rmse, ["mae"] = metrics.Mae, ["r2"] = metrics.R2, ["pearson"] = metrics.Pearson },
                ["pid"] = atoms is null ? null : new JsonObject
                {
                    ["uniqueX1"] = atoms.UniqueX1, ["uniqueX2"] = atoms.UniqueX2, ["redundancy"] = atoms.Redundancy, ["synergy"] = atoms.Synergy,
                },
                ["weights"] = new JsonArray(explanation.Weights.W1, explanation.Weights.W2, explanation.Weights.W3),
                ["lambdas"] = new JsonArray(explanation.Lambda1, explanation.Lambda2),
                ["epochs"] = history.Epochs.Count,
                ["frozenAtEpoch"] = history.FrozenAtEpoch,
                ["secondsPerEpoch"] = history.SecondsPerEpoch,
            };
            if (json)
            {
                Console.WriteLine(result.ToJsonString());
                return 0;
            }
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"PIDReg on {file.Name}: {split.Train.RowCount} train / {split.Validation.RowCount} validation / {split.Test.RowCount} test rows"));
            Console.WriteLine(string.Create(c, $"test RMSE {metrics.Rmse:G6}  MAE {metrics.Mae:G6}  R² {metrics.R2:F4}  Pearson r {metrics.Pearson:F4}"));
            Console.WriteLine(atoms is null ? "atoms: not computed" : $"atoms: {atoms}");
            Console.WriteLine(string.Create(c, $"weights: w1 {explanation.Weights.W1:F4}  w2 {explanation.Weights.W2:F4}  w3 {explanation.Weights.W3:F4}"));
            Console.WriteLine(string.Create(c, $"lambdas: {explanation.Lambda1:F4} {explanation.Lambda2:F4}"));
            Console.WriteLine(string.Create(c,
                $"{history.Epochs.Count} epochs (best {history.BestEpoch}; {(history.FrozenAtEpoch is int f ? $"weights frozen at epoch {f}" : "weights never froze")}), {history.SecondsPerEpoch:F3} s per epoch"));
            if (output is not null) Console.WriteLine($"checkpoint: {output.FullName}");
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

    internal sealed record RegressionMetrics(double Rmse, double Mae, double R2, double Pearson);

    /// <summary>RMSE, MAE, R² and Pearson r over all target entries (original scale).</summary>
    internal static RegressionMetrics Metrics(double[,] truth, double[,] prediction)
    {
        var t = truth.Cast<double>().ToArray();
        var p = prediction.Cast<double>().ToArray();
        double mse = t.Zip(p, (a, b) => (a - b) * (a - b)).Average();
        double mae = t.Zip(p, (a, b) => Math.Abs(a - b)).Average();
        double meanT = t.Average(), meanP = p.Average();
        double sst = t.Sum(v => (v - meanT) * (v - meanT));
        double r2 = sst > 0 ? 1 - mse * t.Length / sst : double.NaN;
        double cov = t.Zip(p, (a, b) => (a - meanT) * (b - meanP)).Sum();
        double sp = p.Sum(v => (v - meanP) * (v - meanP));
        double pearson = sst > 0 && sp > 0 ? cov / Math.Sqrt(sst * sp) : double.NaN;
        return new RegressionMetrics(Math.Sqrt(mse), mae, r2, pearson);
    }
}
