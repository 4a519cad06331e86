namespace PidReg.Data;

/// <summary>One registry entry as <see cref="Datasets.List"/> reports it.</summary>
/// <param name="Name">Registry name.</param>
/// <param name="Kind">What <see cref="Datasets.Load"/> returns now: "real", "reconstructed", "stand-in" or "synthetic".</param>
/// <param name="Rows">Rows it returns now; null when they depend on files the user supplies.</param>
/// <param name="Modalities">
/// Every modality the set offers, names and widths, in its order; <see cref="Datasets.Load"/> returns
/// <see cref="DefaultModalities"/> of them unless <see cref="DatasetLoadOptions.Modalities"/> chooses.
/// </param>
/// <param name="Target">Target name(s).</param>
/// <param name="RealFilesPresent">Whether the real files are in place (always true for shipped and synthetic sets).</param>
/// <param name="Location">Where the real files go (folder and file names).</param>
/// <param name="Note">Origin, and what is used while the real files are missing.</param>
public sealed record DatasetInfo(string Name, string Kind, int? Rows, IReadOnlyList<(string Name, int Dims)> Modalities, string Target,
    bool RealFilesPresent, string Location, string Note)
{
    /// <summary>
    /// The modalities <see cref="Datasets.Load"/> returns when none are chosen, in order, when that is fewer than
    /// <see cref="Modalities"/> (brain-age: thickness and subcortical); null = all of them.
    /// </summary>
    public IReadOnlyList<string>? DefaultModalities { get; init; }
}
