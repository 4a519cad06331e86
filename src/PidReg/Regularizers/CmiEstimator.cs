namespace PidReg.Regularizers;

/// <summary>Which estimator of the conditional Cauchy–Schwarz mutual information the CMI term uses.</summary>
public enum CmiEstimator
{
    /// <summary>
    /// Kit default: the conditional CS divergence between p(z, x | c) and p(z | c) p(x | c), estimated with
    /// Parzen windows at the samples (Yu et al. 2023), one Gram matrix per variable with its own
    /// median-heuristic width. Non-negative by the Cauchy–Schwarz inequality; zero when Z ⊥ X | C.
    /// </summary>
    Proper,

    /// <summary>
    /// The reference implementation's coded formula, one shared width 0.05 × sqrt(median squared distance / 2)
    /// of the concatenated data, clamped to [0, 1e4]. Kept to reproduce the reference (it is numerically ~0).
    /// </summary>
    Reference,
}
