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

    /// <summary>
    /// S/2 joins each modality's path, as in <see cref="Modalities"/>, and a product path is weighted by what the product
    /// adds beyond its members, P = I(T; Z1 ⊙ Z2 | Z1, Z2) (<see cref="BatchProductInformation"/>), not by S:
    /// W = (U1 + R1 + S/2, U2 + R2 + S/2, P) / (T + P), T + P being what the three paths know together. Why: S cannot
    /// tell suppression from interaction, and a suppressor's S is booked on the product path by
    /// <see cref="ModalitiesAndProduct"/> although the product adds nothing there; P is about 0 for a suppressor and
    /// large when the pair really interacts. PIDReg credits P less two standard deviations of its estimate under "the
    /// product adds nothing" (<see cref="BatchProductInformation.NullStandardDeviation"/>, of the batch or of the epoch's
    /// mean), because a clipped noisy estimate alone would keep some weight on a useless product (OASIS-1, 12 seeds: RMSE
    /// 10.59 ± 0.43 years without the margin, 10.45 ± 0.25 with it). It needs one more batch statistic (t + 3d dimensions
    /// for two modalities).
    /// </summary>
    ConditionalProduct,
}
