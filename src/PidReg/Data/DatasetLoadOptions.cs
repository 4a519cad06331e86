namespace PidReg.Data;

/// <summary>Options of <see cref="Datasets.Load"/>.</summary>
public sealed record DatasetLoadOptions
{
    /// <summary>Seed of everything random in loading (synthetic rows, MNIST angles, stand-ins). Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Keep at most this many rows (the first ones; for quick runs). Default 0 = all. Range ≥ 0.</summary>
    public int MaxRows { get; init; }

    /// <summary>Rows drawn for "synthetic". Default 5000. Range ≥ 10.</summary>
    public int SyntheticRows { get; init; } = 5000;

    /// <summary>Generator settings for "synthetic". Default: <see cref="SyntheticPidOptions"/> defaults.</summary>
    public SyntheticPidOptions Synthetic { get; init; } = new();

    /// <summary>
    /// The modalities to load, by name; default null = the dataset's default set: every modality it has, except for
    /// "brain-age", which offers thickness, area, volume and subcortical and loads <see cref="BrainAge.DefaultModalities"/>
    /// (thickness and subcortical). The chosen ones come in the dataset's own order whatever the order here. Range: one or
    /// more of the dataset's modality names (<see cref="DatasetInfo.Modalities"/>), each once; any other name is an error
    /// that lists them.
    /// </summary>
    public IReadOnlyList<string>? Modalities { get; init; }

    /// <summary>
    /// Fail when the real files are missing instead of falling back to the labelled substitute
    /// (excerpt, reconstruction or stand-in). Default false.
    /// </summary>
    public bool RequireRealFiles { get; init; }

    /// <summary>Data folder; default null = <see cref="DataRoot.Find()"/>.</summary>
    public string? DataRoot { get; init; }

    /// <summary>Checks the options; messages name the field.</summary>
    public DatasetLoadOptions Validate()
    {
        if (MaxRows < 0) throw new ArgumentOutOfRangeException(nameof(MaxRows), MaxRows, "must be ≥ 0 (0 = all rows)");
        if (SyntheticRows < 10) throw new ArgumentOutOfRangeException(nameof(SyntheticRows), SyntheticRows, "must be ≥ 10");
        ArgumentNullException.ThrowIfNull(Synthetic, nameof(Synthetic));
        Synthetic.Validate();
        return this;
    }
}
