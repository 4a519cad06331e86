namespace PidReg.Information;

/// <summary>Marginal transform applied to each target column before a PID from samples.</summary>
public enum TargetTransform
{
    /// <summary>Standardise only.</summary>
    None,

    /// <summary>Rank-based inverse normal transform with Blom offsets, ties averaged (<see cref="InverseNormalTransform.Apply"/>).</summary>
    InverseNormal,

    /// <summary>The reference's blend: 0.6 × inverse normal + 0.4 × clipped z-score, outliers beyond 2 IQR handled (<see cref="InverseNormalTransform.ApplyBlended"/>).</summary>
    ReferenceBlend,
}
