namespace PidReg.Data;

/// <summary>One input modality: a rows x dims matrix of doubles, with optional feature names.</summary>
/// <param name="Name">Short name used in plots and errors ("thickness", "x1").</param>
/// <param name="Values">rows x dims values; not copied, do not mutate after construction.</param>
public sealed record Modality(string Name, double[,] Values)
{
    /// <summary>Feature names, one per column; null when unnamed.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Values.GetLength(0);

    /// <summary>Number of features (columns).</summary>
    public int Dims => Values.GetLength(1);
}
