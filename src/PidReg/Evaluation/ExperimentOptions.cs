using PidReg.Data;
using PidReg.Training;

namespace PidReg.Evaluation;

/// <summary>Settings of an <see cref="ExperimentRunner"/>.</summary>
public sealed record ExperimentOptions
{
    /// <summary>Number of seeds per model. Default 5; range ≥ 1.</summary>
    public int Seeds { get; init; } = 5;

    /// <summary>Seed of the first run; run i uses FirstSeed + i for initial weights, noise and batching. Default 1234 (the reference's).</summary>
    public int FirstSeed { get; init; } = 1234;

    /// <summary>Capacity and training settings shared by every model (the ablations switch one field each). Default: the paper's.</summary>
    public PidRegOptions Model { get; init; } = new();

    /// <summary>The train/validation/test split. Default 70/10/20, seed 42 (the reference's).</summary>
    public SplitOptions Split { get; init; } = new();

    /// <summary>false (default): one split for every seed. true: run i also re-splits with seed Split.Seed + i.</summary>
    public bool ResplitPerSeed { get; init; }

    /// <summary>Also report Acc-2, F1 and Acc-7 (sentiment targets in [−3, 3], one column). Default false.</summary>
    public bool Sentiment { get; init; }

    /// <summary>Published numbers per model name, shown in a side column (never compared automatically). Default none.</summary>
    public IReadOnlyDictionary<string, double>? PaperNumbers { get; init; }

    /// <summary>What the paper numbers measure, the side column's header. Default "paper".</summary>
    public string PaperLabel { get; init; } = "paper";

    /// <summary>Checks every field; messages name the field. Returns this.</summary>
    public ExperimentOptions Validate()
    {
        if (Seeds < 1) throw new ArgumentOutOfRangeException(nameof(Seeds), Seeds, "ExperimentOptions.Seeds must be ≥ 1.");
        ArgumentNullException.ThrowIfNull(Model, nameof(Model));
        ArgumentNullException.ThrowIfNull(Split, nameof(Split));
        Model.Validate();
        Split.Validate();
        if (string.IsNullOrWhiteSpace(PaperLabel)) throw new ArgumentException("ExperimentOptions.PaperLabel must not be empty.", nameof(PaperLabel));
        if (PaperNumbers is not null)
            foreach (var (name, value) in PaperNumbers)
                if (!double.IsFinite(value))
                    throw new ArgumentOutOfRangeException(nameof(PaperNumbers), value, $"ExperimentOptions.PaperNumbers['{name}'] must be finite.");
        return this;
    }
}
