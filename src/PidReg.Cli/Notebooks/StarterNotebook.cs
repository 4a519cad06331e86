using System.Text.Json.Nodes;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// The notebook `pidreg notebooks new` writes for a user's CSV: load the kit, a tagged parameters cell with quick
/// values, the data with named modalities, the joint-normality test the Gaussian PID assumes, the PID of the raw
/// features, PIDReg beside early fusion, the explanation and its charts, and check cells. Every cell is short and has
/// two lines of narrative; the notebook loads the kit as a package from a local feed (<see cref="KitPackage"/>) and its CSV
/// relative to its own folder, where every kernel host starts.
/// </summary>
internal static class StarterNotebook
{
    /// <summary>Builds the notebook.</summary>
    /// <param name="feed">Absolute path of the local feed holding the kit's package (the kernel refuses relative ones).</param>
    /// <param name="version">The kit's package version.</param>
    /// <param name="dataFile">The CSV as the notebook names it: relative to the notebook's folder when inside it.</param>
    /// <param name="target">The --target selector.</param>
    /// <param name="targetName">The target's first column name, for axis titles.</param>
    /// <param name="modalities">Exactly two (name, columns) pairs.</param>
    /// <param name="trainingRows">Rows of the training split, to size the network (see below).</param>
    public static NotebookDocument Create(string feed, string version, string dataFile, string target, string targetName,
        IReadOnlyList<(string Name, string Columns)> modalities, int trainingRows)
    {
        if (modalities.Count != 2) throw new ArgumentException("a starter notebook trains two modalities", nameof(modalities));
        var (a, b) = (modalities[0].Name, modalities[1].Name);
        var (la, lb) = (Literal(a), Literal(b));
        // The paper's network (256 -> 64, batches of 256) is made for thousands of rows; on a few hundred it would take one
        // or two steps per epoch, so small sets get the quickstart's smaller network, as notebook 00 does for 309 rows.
        var small = trainingRows < 2000;
        var (hidden, latent, batch) = small ? (64, 16, 64) : (256, 64, 256);
        var modalityList = string.Join(", ", modalities.Select(m => $"({Literal(m.Name)}, {Literal(m.Columns)})"));

        var cells = new List<NotebookCell>
        {
            Markdown($$"""
                # PIDReg on {{Path.GetFileName(dataFile)}}: {{a}} and {{b}} predicting {{targetName}}

                This notebook loads your CSV with two named modalities, tests the joint normality the Gaussian PID assumes,
                decomposes what the raw features say about the target, and trains PIDReg beside early fusion and reads its explanation.
                """),
            Code($$"""
                // Loads the kit into the .NET Interactive kernel (VS Code Polyglot Notebooks, Jupyter, `pidreg notebooks run`): its package
                // from the local feed that set-up fills (bash environment/setup.sh in the kit's repository), its dependencies from NuGet.
                // The package's kernel extension then sets the kernel up: Plotly.NET on the kernel's FSharp.Core, TorchSharp's native
                // library on first use, the kit's HTML views (charts with plotly.js embedded once, offline).
                #i {{Literal("nuget: " + feed)}}
                #r {{Literal($"nuget: {KitPackage.Id}, {version}")}}

                using PidReg.Baselines;
                using PidReg.Data;
                using PidReg.Diagnostics;
                using PidReg.Evaluation;
                using PidReg.Information;
                using PidReg.Notebooks;
                using PidReg.Plots;
                using PidReg.Training;
                """),
            Markdown("""
                ## Parameters

                `pidreg notebooks run --quick` uses each `// quick:` value; `--param epochs=300` overrides any line.
                The data file is relative to this notebook's folder, where VS Code, Jupyter and `pidreg notebooks run` start the kernel.
                """),
            Code($$"""
                var dataFile = {{Literal(dataFile)}};
                var maxRows = 0;       // rows used (0 = all, a seeded random subset otherwise); quick: 2000
                var epochs = 100;      // PIDReg and early-fusion epochs, early stopping may end sooner; quick: 5
                var hiddenDim = {{hidden}};    // H of encoders and predictor{{(small ? " (a small set: the paper uses 256)" : " (the paper's)")}}; quick: 32
                var latentDim = {{latent}};    // d of each latent{{(small ? " (the paper: 64)" : "")}}; quick: 8
                var batchSize = {{batch}};    // rows per batch; the batch PID needs more than 1 + 2 d
                var bootstrap = 200;   // resamples for the raw-feature PID's intervals; quick: 20
                var seed = 1234;
                """, ParametersCell.Tag),
            Markdown($$"""
                ## 1. The data

                Two modalities named {{a}} and {{b}}, the target {{targetName}}; the data set takes the file's name.
                The split is 70 % training, 10 % validation (early stopping), 20 % test, with a fixed seed.
                """),
            Code($$"""
                var data = MultimodalDataset.FromCsv(dataFile, {{Literal(target)}}, {{modalityList}});
                if (maxRows > 0 && maxRows < data.RowCount)
                {
                    var order = Enumerable.Range(0, data.RowCount).ToArray();
                    new Random(7).Shuffle(order);
                    data = data.Subset(order[..maxRows]);
                }
                Console.WriteLine(data);
                var split = data.Split(new SplitOptions { Seed = 42 });
                Console.WriteLine($"train {split.Train.RowCount}, validation {split.Validation.RowCount}, test {split.Test.RowCount}");
                """),
            Markdown($$"""
                ## 2. Are {{targetName}}, {{a}} and {{b}} jointly Gaussian?

                The PID's atoms are exact only for jointly Gaussian variables: Mardia's and Henze–Zirkler's tests on the training rows
                (target rank-normalised) end with their verdict at α = 0.05; when it is "rejected", read the atoms below as an approximation.
                """),
            Code($$"""
                try
                {
                    var normality = MultivariateNormality.FromPidBlocks(split.Train.Target, split.Train[{{la}}].Values, split.Train[{{lb}}].Values,
                        TargetTransform.InverseNormal, MultivariateNormality.ReportRows);
                    Console.WriteLine(normality);
                }
                catch (ArgumentException e) { Console.WriteLine($"the test cannot run on these columns: {e.Message}"); }
                """),
            Markdown($$"""
                ## 3. What the raw features say

                The bias-corrected Gaussian PID splits I({{targetName}}; {{a}}, {{b}}) into unique, redundant and synergistic bits, with 95 %
                bootstrap intervals: the first check for any explanation a trained model gives later.
                """),
            Code($$"""
                var rawPid = GaussianPid.FromSamples(split.Train.Target, split.Train[{{la}}].Values, split.Train[{{lb}}].Values, new PidSampleOptions
                {
                    Estimate = PidEstimate.BiasCorrected,
                    TargetTransform = TargetTransform.InverseNormal,
                    BootstrapReplicates = bootstrap,
                    Seed = seed,
                });
                Console.WriteLine(rawPid);
                Console.WriteLine(rawPid.Intervals);
                PidCharts.Atoms(rawPid, {{la}}, {{lb}})
                """),
            Markdown("""
                ## 4. PIDReg beside early fusion

                PIDReg encodes each modality, fuses the latents with weights set by their PID and trains in two stages; early fusion
                is one network on all columns at once, the baseline to beat. Both see the same split, epochs and network size.
                """),
            Code("""
                var options = new PidRegOptions { Epochs = epochs, BatchSize = batchSize, HiddenDim = hiddenDim, LatentDim = latentDim, Seed = seed };
                var pidreg = new PidRegRegressor(options).Fit(split.Train, split.Validation, new TrainingProgress(epochs, "PIDReg epoch"));
                var early = new BaselineRegressor(BaselineKind.EarlyFusion, BaselineOptions.From(options)).Fit(split.Train, split.Validation);
                var pidregScores = Metrics.Regression(split.Test.Target, pidreg.Predict(split.Test));
                var earlyScores = Metrics.Regression(split.Test.Target, early.Predict(split.Test));
                new[] { (model: "PIDReg", scores: pidregScores), (model: "early fusion", scores: earlyScores) }.Select(r => new
                {
                    r.model, rmse = r.scores.Rmse.ToString("G4"), mae = r.scores.Mae.ToString("G4"), r2 = r.scores.R2.ToString("F3"), pearson = r.scores.Pearson.ToString("F3"),
                })
                """),
            Markdown($$"""
                ## 5. The explanation

                The learned atoms of the latents set the fusion weights w1 ({{a}}), w2 ({{b}}) and w3 (their product); a gate λ near 1 means
                the model uses that modality's latent almost noise-free, a lower λ that it drowned the modality in noise.
                """),
            Code($$"""
                var explanation = pidreg.Explain();
                Console.WriteLine(explanation);
                display(PidCharts.Atoms(explanation.Atoms!, {{la}}, {{lb}}));
                display(TrainingCharts.FusionWeights(pidreg.History, {{la}}, {{lb}}));
                TrainingCharts.Lambdas(pidreg.History, {{la}}, {{lb}})
                """),
            Markdown("""
                ## 6. Training curves and test predictions

                The losses per epoch (the dashed line marks where the weights froze, if they did), then PIDReg's test predictions
                against the truth: points on the diagonal are exact.
                """),
            Code($$"""
                display(TrainingCharts.Losses(pidreg.History, logY: true));
                var truth = Enumerable.Range(0, split.Test.RowCount).Select(i => split.Test.Target[i, 0]).ToArray();
                var predicted = pidreg.Predict(split.Test);
                PredictionCharts.PredictedVsTrue(truth, Enumerable.Range(0, split.Test.RowCount).Select(i => predicted[i, 0]).ToArray(), {{Literal(targetName)}})
                """),
            Markdown("""
                ## Checks

                These throw when the explanation is not a valid decomposition or a score is not a number, so a run that completes
                but went wrong fails; the thresholds of a good fit depend on your data, so add yours here.
                """),
            Code("""
                var atoms = explanation.Atoms ?? throw new Exception("the model has no PID atoms");
                foreach (var (atom, bits) in new[] { ("U1", atoms.UniqueX1), ("U2", atoms.UniqueX2), ("R", atoms.Redundancy), ("S", atoms.Synergy) })
                    if (!(double.IsFinite(bits) && bits >= 0)) throw new Exception($"atom {atom} = {bits} bits is not a finite non-negative number");
                var w = explanation.Weights!;
                if (!(Math.Abs(w.W1 + w.W2 + w.W3 - 1) < 1e-6 && w.ToArray().All(v => v >= 0))) throw new Exception($"fusion weights {w} are not a convex combination");
                foreach (var s in new[] { pidregScores, earlyScores })
                    if (!double.IsFinite(s.Rmse)) throw new Exception($"test RMSE {s.Rmse} is not a number");
                Console.WriteLine("all checks passed");
                """),
        };
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
                    },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = NotebookDocument.WrittenMinor,
        };
        var notebook = NotebookDocument.Parse(root, "starter notebook");
        notebook.Cells.AddRange(cells);
        return notebook;
    }

    /// <summary>A C# string literal of <paramref name="text"/> (what the parameters cell's parser reads back).</summary>
    internal static string Literal(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";

    static NotebookCell Markdown(string text) => NotebookCell.Create("markdown", text.Trim());

    static NotebookCell Code(string text, params string[] tags)
    {
        var cell = NotebookCell.Create("code", text.Trim(), tags);
        // Polyglot's per-cell kernel, as in the shipped notebooks, so VS Code runs each cell in C#.
        cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" };
        cell.Metadata["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" };
        return cell;
    }
}
