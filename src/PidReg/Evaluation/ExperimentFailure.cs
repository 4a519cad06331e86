namespace PidReg.Evaluation;

/// <summary>A run of an experiment grid that did not finish: which one, and why.</summary>
/// <param name="Model">Registry name.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Message">What went wrong, in one line.</param>
public sealed record ExperimentFailure(string Model, int Seed, string Message);
