namespace PidReg.Information;

/// <summary>
/// Which partial information decomposition splits I(T; X1, X2) into unique, redundant and synergistic atoms. The three
/// agree on the information terms I(T; X1), I(T; X2), I(T; X1, X2) and differ in how much of them is called redundant.
/// </summary>
public enum PidMeasure
{
    /// <summary>
    /// Minimum mutual information, redundancy = min(I1, I2). For a scalar target this is exactly the ~I_union PID of
    /// Venkatesh et al. (2023) the paper uses, in closed form; it implies that the weaker modality's unique atom is 0 by
    /// construction and that everything it knows beyond min(I1, I2) is booked as synergy. A vector target uses the
    /// ~I_union solver (the union information minimised over couplings that keep both source-target marginals).
    /// On the whole redundancy lattice of any number of sources (<see cref="GaussianLatticePid"/>) the redundancy is
    /// Barrett's min over sets of I(T; X_set) for every target, so with two sources and a vector target its redundancy
    /// min(I1, I2) can exceed the ~I_union one.
    /// </summary>
    Mmi,

    /// <summary>
    /// I_dep of James, Emenheiser and Crutchfield (2017) in the Gaussian closed form of Kay and Ince (2018): the unique
    /// information of X1 is the smallest gain in I(T; X1, X2) over the edges of the dependency lattice that add the
    /// X1–T constraint to a maximum-entropy model. For Gaussians this is
    /// R = max(0, I_M(X1; X2), I1 + I2 − I12), where I_M(X1; X2) is the information between the sources in the Gaussian
    /// with X1 ⟂ X2 given T (the model that keeps only the two source-target marginals). Closed form for any block
    /// sizes, deterministic, atoms non-negative; its redundancy and synergy never exceed MMI's.
    /// </summary>
    Dep,

    /// <summary>
    /// I_ccs of Ince (2017), pointwise common change in surprisal: redundancy is the expectation of the local
    /// co-information i(t;x1) + i(t;x2) − i(t;x1,x2), counted only where it and the three local informations all share
    /// one sign. For Gaussians the maximum-entropy distribution with the pairwise marginals is the Gaussian itself, so the
    /// expectation is over it, by seeded Monte Carlo (<see cref="PidResult.MonteCarloError"/> is its standard error).
    /// Unique and synergy atoms follow from the information terms and may come out slightly negative; they are reported,
    /// not clipped.
    /// </summary>
    Ccs,
}
