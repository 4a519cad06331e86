namespace PidReg.Model;

/// <summary>How the weighted fusion paths W1 Z1, W2 Z2, W3 (Z1 ⊙ Z2) reach the predictor.</summary>
public enum FusionLayout
{
    /// <summary>The paper: their sum, z = W1 Z1 + W2 Z2 + W3 (Z1 ⊙ Z2), a d-wide input to the predictor.</summary>
    Sum,

    /// <summary>
    /// Side by side, z = [W1 Z1, W2 Z2, W3 (Z1 ⊙ Z2)], a 3d-wide input: the predictor sees each path apart and can form
    /// interactions of the two latents itself, instead of receiving them already added together in the same d dimensions.
    /// </summary>
    Concatenate,
}
