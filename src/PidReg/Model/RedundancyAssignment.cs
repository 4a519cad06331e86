namespace PidReg.Model;

/// <summary>How the redundancy atom R is turned into fusion weight for Z1 and Z2 (paper step 5).</summary>
public enum RedundancyAssignment
{
    /// <summary>
    /// Kit default, deterministic: R is split in proportion to each modality's own information,
    /// w1 = (U1 + R·I1/(I1+I2))/T, w2 = (U2 + R·I2/(I1+I2))/T (equal halves when I1 + I2 ≈ 0).
    /// A modality that knows more of the shared information carries more of it; weights do not jump.
    /// </summary>
    Proportional,

    /// <summary>The reference: a fair coin (seeded) gives all of R to w1 or to w2, each time weights are computed.</summary>
    CoinFlip,
}
