namespace PidReg.Data;

/// <summary>
/// A choice of modalities out of those a dataset offers, checked once for every loader: each name known and given once,
/// at least one; the chosen names come back in the dataset's own order, whatever the order they were given in.
/// </summary>
internal static class ModalityChoice
{
    /// <summary>The chosen names in the order of <paramref name="offered"/>.</summary>
    /// <param name="dataset">Dataset name, for the messages.</param>
    /// <param name="offered">Every modality the dataset offers, in its order.</param>
    /// <param name="chosen">The names asked for.</param>
    /// <param name="paramName">The option or parameter the choice came from, reported by the exception.</param>
    /// <exception cref="ArgumentException">No name, an unknown name, or a name given twice; the message lists the offered names.</exception>
    public static string[] InOrder(string dataset, IReadOnlyList<string> offered, IReadOnlyList<string> chosen, string paramName)
    {
        ArgumentNullException.ThrowIfNull(chosen, paramName);
        string known = string.Join(", ", offered);
        if (chosen.Count == 0)
            throw new ArgumentException($"no modality chosen for dataset '{dataset}'; choose one or more of {known}.", paramName);
        foreach (var name in chosen)
            if (name is null || !offered.Contains(name, StringComparer.Ordinal))
                throw new ArgumentException($"dataset '{dataset}' has no modality '{name}'; its modalities are {known}.", paramName);
        if (chosen.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"modality '{twice.Key}' of dataset '{dataset}' is chosen twice; name each of {known} at most once.", paramName);
        return offered.Where(n => chosen.Contains(n, StringComparer.Ordinal)).ToArray();
    }
}
