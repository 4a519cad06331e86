namespace PidReg.Data;

/// <summary>How <see cref="SyntheticPidGenerator"/> draws its sources.</summary>
public enum SyntheticVariant
{
    /// <summary>All sources Gaussian: the Gaussian PID of the population covariance is the exact truth.</summary>
    Gaussian,

    /// <summary>
    /// Same linear structure, sources Student-t (unit variance, <see cref="SyntheticPidOptions.DegreesOfFreedom"/>):
    /// the covariance and so the Gaussian atoms are unchanged, but the data are not Gaussian and plug-in
    /// estimates converge more slowly; the true (non-Gaussian) information differs from the Gaussian atoms.
    /// </summary>
    HeavyTailed,

    /// <summary>
    /// The synergy term is y += sqrt(Synergy) * z1 * z2 with z1 in X1, z2 in X2: uncorrelated with every
    /// input, so the Gaussian PID sees none of it although the pair predicts it.
    /// </summary>
    Multiplicative,

    /// <summary>
    /// XOR-like synergy y += sqrt(Synergy) * sign(z1) * sign(z2): again invisible to covariances.
    /// </summary>
    Xor,
}
