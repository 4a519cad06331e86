namespace PidReg.Plots;

/// <summary>The four atoms of a partial information decomposition, in the order the charts draw them.</summary>
public enum PidAtom
{
    /// <summary>U1: information about the target only modality X1 has.</summary>
    UniqueX1,
    /// <summary>U2: information about the target only modality X2 has.</summary>
    UniqueX2,
    /// <summary>R: information both modalities have.</summary>
    Redundancy,
    /// <summary>S: information only the pair has.</summary>
    Synergy,
}
