namespace PidReg.Model;

/// <summary>Which fusion paths the synergy atom S weights (paper step 5 gives it to the product path alone).</summary>
public enum SynergyRouting
{
    /// <summary>The paper: W3 = S/T on Z1 ⊙ Z2; each modality path gets only its unique atom and its share of R.</summary>
    Product,

    /// <summary>
    /// S/2 joins each modality's path (W_m = (U_m + R_m + S/2)/T) and the product path is dropped (W3 = 0): a modality
    /// whose information is mostly synergy keeps its own path, but an interaction of the pair has no product path left.
    /// </summary>
    Modalities,

    /// <summary>
    /// The kit's default: S/2 joins each modality's path and S also weights the product path; the three weights are
    /// rescaled to sum to 1, W = ((U1 + R1 + S/2)/T, (U2 + R2 + S/2)/T, S/T) / (1 + S/T).
    /// </summary>
    ModalitiesAndProduct,
}
