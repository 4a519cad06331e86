namespace PidReg.Model;

/// <summary>
/// How the weighted fusion paths reach the predictor: for two modalities W1 Z1, W2 Z2, W3 (Z1 ⊙ Z2); for M, one path per
/// non-empty set of modalities (<see cref="FusionPath.All"/>).
/// </summary>
public enum FusionLayout
{
    /// <summary>The paper: their sum, z = W1 Z1 + W2 Z2 + W3 (Z1 ⊙ Z2), a d-wide input to the predictor.</summary>
    Sum,

    /// <summary>
    /// Side by side, z = [W1 Z1, W2 Z2, W3 (Z1 ⊙ Z2)], a 3d-wide input ((2^M − 1)·d for M modalities: 7d for three): the
    /// predictor sees each path apart and can form interactions of the latents itself, instead of receiving them already
    /// added together in the same d dimensions.
    /// </summary>
    Concatenate,
}
