namespace PidReg.Information;

/// <summary>How information is estimated from a sample covariance.</summary>
public enum PidEstimate
{
    /// <summary>Treat the sample covariance as the truth (the reference's choice; biased upwards at small n).</summary>
    PlugIn,

    /// <summary>
    /// Remove the expected finite-sample bias of each Gaussian log-determinant (Venkatesh et al. 2023):
    /// unbiased on average, so a single estimate may be slightly negative before the atoms are clipped at 0.
    /// </summary>
    BiasCorrected,
}
