using PidReg.Data;
using PidReg.Training;

namespace PidReg.Evaluation;

/// <summary>
/// One grid behind a results table of the README: every listed model, each over <see cref="Seeds"/> seeds, on one
/// registry data set with the experiment's split (70/10/20, seed 42). `pidreg reproduce` feeds it through the same
/// runner as `pidreg experiment --dataset <see cref="Dataset"/> --models …`, so the table is the one that command
/// prints. Settings not named here keep the paper's defaults (<see cref="PidRegOptions"/>).
/// </summary>
/// <param name="Name">Short name of the grid, used for its files ("supercon" gives supercon.md, .json, .html).</param>
/// <param name="Dataset">Registry name of the data set (<see cref="DatasetNames"/>).</param>
/// <param name="Models">Registry names of the models, in the table's order (<see cref="Evaluation.Models.Names"/>).</param>
/// <param name="Seeds">Seeds per model, from 1234 on. Range ≥ 1.</param>
/// <param name="Epochs">Maximum epochs of every run (early stopping may end a run sooner). Range ≥ 1.</param>
/// <param name="Table">Which of the README's results the grid stands behind, in a few words ("SuperCon table under *Results* …"), for the index of the output.</param>
public sealed record PaperGrid(string Name, string Dataset, IReadOnlyList<string> Models, int Seeds, int Epochs, string Table)
{
    static readonly PidRegOptions Defaults = new();

    /// <summary>Rows of the data set used, a subsample drawn with seed 42 before the split (as `--rows`); null (default) = all rows. Range ≥ 3.</summary>
    public int? Rows { get; init; }

    /// <summary>Hidden width H of encoders and predictor. Default the paper's 256. Range ≥ 2.</summary>
    public int HiddenDim { get; init; } = Defaults.HiddenDim;

    /// <summary>Latent size d of each modality. Default the paper's 64. Range ≥ 1.</summary>
    public int LatentDim { get; init; } = Defaults.LatentDim;

    /// <summary>Rows per training batch. Default the paper's 256. Range ≥ 4.</summary>
    public int BatchSize { get; init; } = Defaults.BatchSize;

    /// <summary>Unit of the target, for the chart's RMSE and MAE axes ("K", "years"); empty (default) for none.</summary>
    public string TargetUnit { get; init; } = "";

    /// <summary>
    /// The model settings of every run: the paper's defaults with <see cref="Epochs"/>, <see cref="HiddenDim"/>,
    /// <see cref="LatentDim"/> and <see cref="BatchSize"/>, the fields `pidreg experiment`'s flags of the same names set.
    /// </summary>
    public PidRegOptions ModelOptions() =>
        new PidRegOptions { Epochs = Epochs, HiddenDim = HiddenDim, LatentDim = LatentDim, BatchSize = BatchSize }.Validate();

    /// <summary>Checks every field; messages name the grid and the field. Returns this.</summary>
    public PaperGrid Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            throw new ArgumentException($"PaperGrid.Name '{Name}' must be a non-empty file-name stem of letters, digits and '-'.", nameof(Name));
        if (!Datasets.Names.Contains(Dataset))
            throw new ArgumentException($"grid '{Name}': unknown data set '{Dataset}'; valid names: {string.Join(", ", Datasets.Names)}.", nameof(Dataset));
        ArgumentNullException.ThrowIfNull(Models, nameof(Models));
        Evaluation.Models.ParseList(string.Join(",", Models));
        if (Seeds < 1) throw new ArgumentOutOfRangeException(nameof(Seeds), Seeds, $"grid '{Name}': PaperGrid.Seeds must be ≥ 1.");
        if (Rows is < 3) throw new ArgumentOutOfRangeException(nameof(Rows), Rows, $"grid '{Name}': PaperGrid.Rows must be ≥ 3 (or null for all rows).");
        ArgumentNullException.ThrowIfNull(Table, nameof(Table));
        ArgumentNullException.ThrowIfNull(TargetUnit, nameof(TargetUnit));
        try
        {
            ModelOptions();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"grid '{Name}': {e.Message}", e.ParamName, e);
        }
        return this;
    }
}
