namespace PidReg.Data;

/// <summary>Disjoint train, validation and test parts of one dataset.</summary>
public sealed record DatasetSplit(MultimodalDataset Train, MultimodalDataset Validation, MultimodalDataset Test);
