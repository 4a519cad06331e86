namespace PidReg.Data;

/// <summary>
/// Whether a data set given to Predict holds the columns a model was fitted on: the same widths are not enough, since
/// another column set of the same width (or the same columns in another order) feeds each weight the wrong feature.
/// Compared where both sides know their feature names (data sets read from a CSV do).
/// </summary>
internal static class FeatureNameMatch
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first modality whose feature names differ from
    /// <paramref name="fitted"/> (one list per modality, null when unknown), with what differs and the fix.
    /// </summary>
    public static void Check(string who, IReadOnlyList<string[]?>? fitted, MultimodalDataset data)
    {
        if (fitted is null) return;
        for (int m = 0; m < Math.Min(fitted.Count, data.Modalities.Count); m++)
        {
            var expected = fitted[m];
            var actual = data.Modalities[m].FeatureNames;
            if (expected is null || actual is null || expected.SequenceEqual(actual, StringComparer.Ordinal)) continue;
            var modality = $"modality '{data.Modalities[m].Name}' (X{m + 1}) of dataset '{data.Name}'";
            var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
            var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
            string what;
            if (missing.Count == 0 && extra.Count == 0)
            {
                int at = Enumerable.Range(0, expected.Length).First(j => !string.Equals(expected[j], actual[j], StringComparison.Ordinal));
                what = $"holds the fitted columns in another order (position {at} is '{actual[at]}', the fit had '{expected[at]}'); give them in the fit's order: {Names(expected)}";
            }
            else
                what = $"holds other columns than the fit: {(extra.Count > 0 ? $"not in the fit: {Names(extra)}" : "")}{(extra.Count > 0 && missing.Count > 0 ? "; " : "")}{(missing.Count > 0 ? $"missing: {Names(missing)}" : "")}; select the fit's columns ({Names(expected)})";
            throw new ArgumentException($"{who}: {modality} {what}.");
        }
    }

    static string Names(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(6).Select(n => $"'{n}'")) + (names.Count > 6 ? $", ... ({names.Count} in all)" : "");
}
