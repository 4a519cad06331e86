using PidReg.Information;

namespace PidReg.Training;

/// <summary>
/// Per-row explanations of a fitted PIDReg model (<see cref="PidRegRegressor.ExplainRows"/>): which modality drove each
/// prediction (<see cref="Attribution"/>, on the target's scale), and how much each latent told about each row's target
/// (<see cref="Local"/>, local information in bits under a Gaussian fitted to the reference rows).
/// </summary>
/// <param name="Attribution">Shapley contributions of the modalities to every prediction; they add up to prediction − baseline.</param>
/// <param name="Local">Local information of every row: i(y′; z1), i(y′; z2), i(y′; z1, z2) and the local I_ccs redundancy; their
/// averages over the reference rows are the plug-in global terms. Two modalities only (the local I_ccs redundancy is a
/// two-source quantity): null for more.</param>
public sealed record RowExplanations(ModalityAttribution Attribution, LocalPid? Local);
