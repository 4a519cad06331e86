namespace PidReg.Data;

/// <summary>The dataset registry (placeholder until the loaders land).</summary>
public static class Datasets
{
    /// <summary>Loads a dataset by registry name.</summary>
    public static MultimodalDataset Load(string name) => throw new NotImplementedException(name);
}
