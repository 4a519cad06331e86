namespace PidReg.Evaluation;

/// <summary>One cell of an experiment grid: a model and a seed, at its place in the canonical order (models as listed, seeds in turn).</summary>
/// <param name="Index">0-based position in the canonical order: model position × seeds + seed index.</param>
/// <param name="Model">Registry name.</param>
/// <param name="SeedIndex">0-based seed index i (the run re-splits with it when <see cref="ExperimentOptions.ResplitPerSeed"/>).</param>
/// <param name="Seed">The seed itself: <see cref="ExperimentOptions.FirstSeed"/> + <paramref name="SeedIndex"/>.</param>
public sealed record ExperimentRunKey(int Index, string Model, int SeedIndex, int Seed);
