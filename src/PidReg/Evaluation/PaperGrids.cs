using PidReg.Data;

namespace PidReg.Evaluation;

/// <summary>
/// The grids behind the README's results tables (<see cref="All"/>), and the same grids shrunk to a smoke test
/// (<see cref="Quick"/>). Where a grid means "every model" its list is <see cref="Models.Names"/>: PIDReg, its
/// ablations and routings, the reference configuration (`pidreg-reference`) beside the kit's, and the baselines.
/// </summary>
public static class PaperGrids
{
    /// <summary>Rows of each data set in <see cref="Quick"/>: 210 training rows, enough for batches of <see cref="QuickBatchSize"/>.</summary>
    public const int QuickRows = 300;

    /// <summary>Epochs of every run in <see cref="Quick"/>: enough to go through every training stage's code once.</summary>
    public const int QuickEpochs = 2;

    /// <summary>Hidden width in <see cref="Quick"/>.</summary>
    public const int QuickHiddenDim = 16;

    /// <summary>Latent size in <see cref="Quick"/>; PIDReg's bias-corrected batch PID then needs batches of more than 1 + 2 × 4 = 9 rows.</summary>
    public const int QuickLatentDim = 4;

    /// <summary>Batch size in <see cref="Quick"/>.</summary>
    public const int QuickBatchSize = 32;

    /// <summary>
    /// The full grids, in the order of the README's *Results*: SuperCon rebuild and brain age (random split) with every
    /// model over 3 seeds and up to 200 epochs; diabetes with every model over 3 seeds and 60 epochs; Bimodal MNIST (all
    /// 70,000 digits) with both synergy routings, the reference configuration and early fusion, 1 seed, 60 epochs (a
    /// PIDReg epoch on its 49,000 training rows takes 6.5-16 s here).
    /// </summary>
    public static IReadOnlyList<PaperGrid> All { get; } =
    [
        new PaperGrid("supercon", DatasetNames.Supercon, Models.Names, Seeds: 3, Epochs: 200,
            "SuperCon table under *Results* (RMSE in K) and the SuperCon row under *Explanations*") { TargetUnit = "K" }.Validate(),
        new PaperGrid("brain-age", DatasetNames.BrainAge, Models.Names, Seeds: 3, Epochs: 200,
            "brain-age tables under *Results* (random 70/10/20 split, MAE in years) and the brain-age row under *Explanations*") { TargetUnit = "years" }.Validate(),
        new PaperGrid("diabetes", DatasetNames.Diabetes, Models.Names, Seeds: 3, Epochs: 60,
            "diabetes row under *Results* (RMSE) and the diabetes row under *Explanations*").Validate(),
        new PaperGrid("bimodal-mnist", DatasetNames.BimodalMnist,
            [ModelNames.PidReg, ModelNames.PidRegProductSynergy, ModelNames.PidRegReference, ModelNames.Early], Seeds: 2, Epochs: 60,
            "Bimodal MNIST row under *Results* (all 70,000 digits, MAE in degrees) and the MNIST routings under *Explanations*") { TargetUnit = "degrees" }.Validate(),
    ];

    /// <summary>
    /// <see cref="All"/> shrunk so that the whole set runs in a minute or two: the same data sets and models, one seed,
    /// <see cref="QuickEpochs"/> epochs, <see cref="QuickRows"/> rows and narrow networks. Every grid, writer and chart
    /// runs; the numbers say the pipeline works, not how well any model does.
    /// </summary>
    public static IReadOnlyList<PaperGrid> Quick { get; } = All.Select(Shrink).ToArray();

    /// <summary><paramref name="grid"/> as <see cref="Quick"/> runs it.</summary>
    public static PaperGrid Shrink(PaperGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        return (grid with
        {
            Seeds = 1, Epochs = QuickEpochs, Rows = QuickRows, HiddenDim = QuickHiddenDim, LatentDim = QuickLatentDim, BatchSize = QuickBatchSize,
        }).Validate();
    }
}
