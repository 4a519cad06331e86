using System.Diagnostics;
using PidReg.Baselines;
using PidReg.Data;
using PidReg.Training;

namespace PidReg.Evaluation;

/// <summary>
/// Does the PID tell which modality can be dropped? Compares PIDReg's account of each modality (U_m + its share of R)
/// with the measured cost of dropping it (the other modality's unimodal model against the fused model, same split,
/// same capacity) and measures the prediction time saved.
/// </summary>
public static class ModalitySelection
{
    /// <summary>Fits PIDReg and both unimodal baselines with the same settings on <paramref name="split"/>, then <see cref="Analyze"/>s them.</summary>
    public static ModalitySelectionReport Run(DatasetSplit split, PidRegOptions? options = null, int timingRepeats = 5, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        var o = (options ?? new PidRegOptions()).Validate();
        using var fused = new PidRegRegressor(o).Fit(split.Train, split.Validation, null, ct);
        using var only1 = new BaselineRegressor(BaselineKind.Unimodal1, BaselineOptions.From(o)).Fit(split.Train, split.Validation, null, ct);
        using var only2 = new BaselineRegressor(BaselineKind.Unimodal2, BaselineOptions.From(o)).Fit(split.Train, split.Validation, null, ct);
        return Analyze(fused, only1, only2, split.Test, timingRepeats);
    }

    /// <summary>
    /// The analysis for already fitted models: <paramref name="only1"/> reads modality 1 only, <paramref name="only2"/>
    /// modality 2 only. Prediction times are medians of <paramref name="timingRepeats"/> timed runs after one warm-up.
    /// </summary>
    public static ModalitySelectionReport Analyze(PidRegRegressor fused, BaselineRegressor only1, BaselineRegressor only2, MultimodalDataset test, int timingRepeats = 5)
    {
        ArgumentNullException.ThrowIfNull(fused);
        ArgumentNullException.ThrowIfNull(only1);
        ArgumentNullException.ThrowIfNull(only2);
        ArgumentNullException.ThrowIfNull(test);
        if (only1.Kind.Modality != 0) throw new ArgumentException($"only1 must be a unimodal1 model, got {only1.Kind}.", nameof(only1));
        if (only2.Kind.Modality != 1) throw new ArgumentException($"only2 must be a unimodal2 model, got {only2.Kind}.", nameof(only2));
        if (timingRepeats < 1) throw new ArgumentOutOfRangeException(nameof(timingRepeats), timingRepeats, "must be ≥ 1");
        var atoms = fused.Explain().Atoms
            ?? throw new InvalidOperationException("ModalitySelection: the fused model has no PID atoms (the PID was never estimated during its fit).");
        var (fusedScores, fusedSeconds) = Measure(fused, test, timingRepeats);
        var (scores1, seconds1) = Measure(only1, test, timingRepeats);
        var (scores2, seconds2) = Measure(only2, test, timingRepeats);
        double u1 = Math.Max(0, atoms.UniqueX1), u2 = Math.Max(0, atoms.UniqueX2), r = Math.Max(0, atoms.Redundancy), s = Math.Max(0, atoms.Synergy);
        // R is split as the fused model's own weight rule splits it.
        double share1 = PidReg.Model.FusionWeights.RedundancyShareOfX1(atoms, fused.Options.RedundancyAssignment);
        double total = u1 + u2 + r + s;
        ModalityAccount Account(int m, double unique, double rShare, RegressionScores without, double withoutSeconds)
        {
            double bits = unique + rShare * r;
            return new ModalityAccount(test.Modalities[m].Name, unique, rShare * r, bits, total > 0 ? bits / total : 0,
                without, fusedScores.R2 - without.R2, without.Rmse - fusedScores.Rmse, withoutSeconds, 1 - withoutSeconds / fusedSeconds);
        }
        // Dropping modality 1 leaves the modality-2 model, and the other way round.
        return new ModalitySelectionReport(atoms, fusedScores, fusedSeconds,
            [Account(0, u1, share1, scores2, seconds2), Account(1, u2, 1 - share1, scores1, seconds1)]);
    }

    /// <summary>
    /// The analysis for a fitted PIDReg model of any number M ≥ 2 of modalities: <paramref name="without"/>[m] is a model
    /// fitted on every modality but m, in order (e.g. early fusion of the others), and predicts the test rows restricted to
    /// those. PIDReg's account of modality m comes from the MMI lattice PID of its latents on <paramref name="reference"/>
    /// (<see cref="PidRegRegressor.LatentLatticePid"/>, the training rows): the unique atom {m} plus the share of every
    /// redundancy atom that the model's weight rule credits to modality m's own path (<see cref="PidReg.Model.FusionPathWeights.FromAtoms"/>
    /// with the model's redundancy assignment and the synergy left on the product paths), so the accounts of the M modalities
    /// and the synergy atoms add up to the sum of the atoms clipped at 0. For two modalities this is the account of
    /// <see cref="Analyze"/> with the atoms re-estimated on <paramref name="reference"/> instead of the training epochs' atoms.
    /// </summary>
    /// <param name="fused">The fitted PIDReg model.</param>
    /// <param name="without">One fitted model per modality, the one that lacks it.</param>
    /// <param name="test">Rows with every modality of the fit; scores and prediction times are measured on them.</param>
    /// <param name="reference">Rows the latent PID is estimated on (pass the training split).</param>
    /// <param name="timingRepeats">Timed prediction runs after one warm-up; the median counts (range: ≥ 1).</param>
    /// <exception cref="ArgumentException">Not one model per modality.</exception>
    public static ModalitySelectionReport AnalyzeDropping(PidRegRegressor fused, IReadOnlyList<IMultimodalRegressor> without,
        MultimodalDataset test, MultimodalDataset reference, int timingRepeats = 5)
    {
        ArgumentNullException.ThrowIfNull(fused);
        ArgumentNullException.ThrowIfNull(without);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(reference);
        int count = test.Modalities.Count;
        if (without.Count != count)
            throw new ArgumentException($"need one model per modality that lacks it ({count}: {string.Join(", ", test.Modalities.Select(m => m.Name))}), got {without.Count}", nameof(without));
        if (timingRepeats < 1) throw new ArgumentOutOfRangeException(nameof(timingRepeats), timingRepeats, "must be ≥ 1");
        var names = test.Modalities.Select(m => m.Name).ToArray();
        var pid = fused.LatentLatticePid(reference);
        var atoms = PidReg.Model.LatticeAtoms.From(pid);
        var coin = new Random(fused.Options.Seed);
        var credit = PidReg.Model.FusionPathWeights.FromAtoms(atoms, names, fused.Options.RedundancyAssignment, coin, PidReg.Model.SynergyRouting.Product);
        double total = pid.Atoms.Sum(a => Math.Max(0, a));
        var (fusedScores, fusedSeconds) = Measure(fused, test, timingRepeats);
        var accounts = new ModalityAccount[count];
        for (int m = 0; m < count; m++)
        {
            var others = test.WithModalities([.. names.Where((_, i) => i != m)]);
            var (scores, seconds) = Measure(without[m], others, timingRepeats);
            double unique = Math.Max(0, pid["{" + (m + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"]);
            double bits = credit.Weights[m] * total;  // modality paths come first, in modality order
            accounts[m] = new ModalityAccount(names[m], unique, bits - unique, bits, total > 0 ? bits / total : 0,
                scores, fusedScores.R2 - scores.R2, scores.Rmse - fusedScores.Rmse, seconds, 1 - seconds / fusedSeconds);
        }
        return new ModalitySelectionReport(fused.Explain().Atoms, fusedScores, fusedSeconds, accounts) { LatticeAtoms = pid };
    }

    static (RegressionScores Scores, double Seconds) Measure(IMultimodalRegressor model, MultimodalDataset test, int repeats)
    {
        var prediction = model.Predict(test);  // warm-up, and the prediction we score
        var seconds = new double[repeats];
        for (int k = 0; k < repeats; k++)
        {
            var clock = Stopwatch.StartNew();
            model.Predict(test);
            seconds[k] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(seconds);
        return (Metrics.Regression(test.Target, prediction), seconds[repeats / 2]);
    }
}
