namespace PidReg.Model;

/// <summary>Which fusion paths the synergy atom S weights (paper step 5 gives it to the product path alone).</summary>
public enum SynergyRouting
{
    /// <summary>The paper: W3 = S/T on Z1 ⊙ Z2; each modality path gets only its unique atom and its share of R.</summary>
    Product,

    /// <summary>
    /// S/2 joins each modality's path (W_m = (U_m + R_m + S/2)/T) and the product path is dropped (W3 = 0). Why: a Gaussian
    /// PID sees only linear structure, so its synergy is a suppressor (the pair cancels noise one modality reports), which a
    /// sum of the two latents carries and a product does not; with the product rule a modality whose information is mostly
    /// synergy gets a weight near 0 on its own path and reaches the predictor only through Z1 ⊙ Z2.
    /// </summary>
    Modalities,

    /// <summary>S/2 joins each modality's path and S also weights the product path; the three weights are rescaled to sum to 1.</summary>
    ModalitiesAndProduct,
}
