namespace PidReg.Data;

/// <summary>What a dataset's values are, shown everywhere the dataset is (never silently a stand-in).</summary>
public static class DatasetKinds
{
    /// <summary>The real published data, unchanged.</summary>
    public const string Real = "real";
    /// <summary>Rebuilt by the kit from the same upstream source as the published set (e.g. SuperCon-derived).</summary>
    public const string Reconstructed = "reconstructed";
    /// <summary>Simulated data with the shapes and modality structure of a set we cannot obtain.</summary>
    public const string StandIn = "stand-in";
    /// <summary>Generated with known ground truth (synthetic PID data).</summary>
    public const string Synthetic = "synthetic";

    /// <summary>All kinds.</summary>
    public static IReadOnlyList<string> All { get; } = [Real, Reconstructed, StandIn, Synthetic];
}
