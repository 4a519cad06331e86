namespace PidReg.Data;

/// <summary>
/// UCI "Relative location of CT slices on axial axis" (Graf et al. 2011): 384 histogram features per
/// slice, modality "bone" (value0-239) and "air" (value240-383), target "reference" (relative axial
/// location, 0-180), groups = patientId (use a grouped split: slices of one patient are near-duplicates).
/// The full file (53,500 rows) goes to data/ct-slices/slice_localization_data.csv (or .csv.gz); the kit
/// ships only an excerpt of 681 rows from 2 patients, good for smoke tests, not for benchmarks.
/// </summary>
public static class CtSlices
{
    /// <summary>The full UCI file name (place it in data/ct-slices/, optionally gzipped).</summary>
    public const string FullFile = "slice_localization_data.csv";

    /// <summary>The shipped excerpt.</summary>
    public const string ExcerptFile = "slice_localization_data_excerpt.csv.gz";

    /// <summary>The full file in the folder (.csv or .csv.gz), or null.</summary>
    public static string? FindFull(string folder) =>
        new[] { FullFile, FullFile + ".gz" }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists);

    /// <summary>Loads a file in the UCI layout: patientId, value0..value383, reference (386 columns).</summary>
    public static MultimodalDataset Load(string path, bool excerpt = false)
    {
        var t = CsvTable.Read(path);
        if (t.ColumnNames.Count != 386)
            throw new InvalidDataException($"{path}: expected 386 columns (patientId, value0..value383, reference), found {t.ColumnNames.Count}.");
        for (int i = 0; i < 384; i++)
            if (t.ColumnNames[i + 1] != $"value{i}")
                throw new InvalidDataException($"{path}: column {i + 1} should be 'value{i}' but is '{t.ColumnNames[i + 1]}'.");
        var ds = MultimodalDataset.FromTable(t, "reference", [("bone", "1-240"), ("air", "241-384")], groupColumn: "patientId",
            kind: DatasetKinds.Real, name: DatasetNames.CtSlices);
        var description = excerpt
            ? $"UCI CT slices EXCERPT ({t.RowCount} rows, {ds.Groups!.Distinct().Count()} patients): smoke tests only, not a benchmark."
            : $"UCI CT slices (Graf et al. 2011), {t.RowCount} rows from {path}.";
        return new MultimodalDataset(ds.Name, ds.Kind, ds.Modalities, ds.Target, ds.TargetNames, groups: ds.Groups, description: description);
    }
}
