namespace PidReg.Data;

/// <summary>How <see cref="MultimodalDataset.Split"/> divides rows into train, validation and test.</summary>
public sealed record SplitOptions
{
    /// <summary>Fraction of rows (or, when grouped, of rows by whole groups) for training. Default 0.7 (the reference). Range (0, 1).</summary>
    public double TrainFraction { get; init; } = 0.7;

    /// <summary>Fraction for validation. Default 0.1 (the reference). Range [0, 1); train + validation &lt; 1, the rest is test.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Seed of the shuffle. Default 42 (the reference). Same seed, same split.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Keep each group (patient, site) entirely inside one part. Default false. Requires
    /// <see cref="MultimodalDataset.Groups"/>; part sizes then follow the fractions only approximately.
    /// </summary>
    public bool ByGroup { get; init; }

    /// <summary>Checks the options; messages name the field.</summary>
    public void Validate()
    {
        if (!(TrainFraction > 0 && TrainFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(TrainFraction), TrainFraction, "must be in (0, 1)");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "must be in [0, 1)");
        if (!(TrainFraction + ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction,
                $"TrainFraction + ValidationFraction must be < 1 so the test part is not empty (TrainFraction = {TrainFraction})");
    }
}
