namespace PidReg.Data;

/// <summary>
/// Loader for the real UCI Superconductivity files (Hamidieh 2018), which the kit cannot ship:
/// put train.csv and unique_m.csv (both needed) into data/superconductivity/. Modality "physical" =
/// the 81 features of train.csv, modality "elements" = the 86 element columns (H..Rn, raw
/// coefficients) of unique_m.csv, target critical_temp, row id = the material formula.
/// </summary>
public static class SuperconductivityUci
{
    /// <summary>The 81-feature file.</summary>
    public const string TrainFile = "train.csv";

    /// <summary>The element-coefficient file.</summary>
    public const string UniqueFile = "unique_m.csv";

    /// <summary>Number of rows in the published files (documentation; the loader accepts any count).</summary>
    public const int PublishedRows = 21263;

    /// <summary>Whether both files are present in the folder.</summary>
    public static bool IsPresent(string folder) =>
        File.Exists(Path.Combine(folder, TrainFile)) && File.Exists(Path.Combine(folder, UniqueFile));

    /// <summary>Loads and cross-checks both files (same row count, same critical_temp in every row).</summary>
    public static MultimodalDataset Load(string folder)
    {
        foreach (var f in new[] { TrainFile, UniqueFile })
            if (!File.Exists(Path.Combine(folder, f)))
                throw new FileNotFoundException(
                    $"UCI Superconductivity needs both {TrainFile} and {UniqueFile} in '{folder}'; '{f}' is missing. "
                    + "Download them from the UCI repository (dataset 464) and copy them there.", Path.Combine(folder, f));
        var train = CsvTable.Read(Path.Combine(folder, TrainFile));
        var unique = CsvTable.Read(Path.Combine(folder, UniqueFile), new CsvReadOptions { TextColumns = ["material"] });
        if (train.RowCount != unique.RowCount)
            throw new InvalidDataException($"{train.Source} has {train.RowCount} rows but {unique.Source} has {unique.RowCount}; they must describe the same materials row by row.");
        string features = string.Join(",", HamidiehFeatures.Names);
        string elements = string.Join(",", ElementSymbols);
        var t1 = train.Column("critical_temp");
        var t2 = unique.Column("critical_temp");
        for (int r = 0; r < t1.Length; r++)
            if (t1[r] != t2[r])
                throw new InvalidDataException(
                    $"data row {r}: critical_temp is {t1[r]} in {train.Source} but {t2[r]} in {unique.Source}; the files are not aligned.");
        return new MultimodalDataset(DatasetNames.Superconductivity, DatasetKinds.Real,
            [
                new Modality("physical", train.Select(features)) { FeatureNames = HamidiehFeatures.Names },
                new Modality("elements", unique.Select(elements)) { FeatureNames = ElementSymbols },
            ],
            train.Select("critical_temp"), ["critical_temp"], rowIds: unique.TextColumn("material"),
            description: $"UCI Superconductivity (Hamidieh 2018), real files from {folder}.");
    }

    /// <summary>H..Rn, the 86 element columns of unique_m.csv.</summary>
    public static IReadOnlyList<string> ElementSymbols { get; } =
    [
        "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
        "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr",
        "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd",
        "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg",
        "Tl", "Pb", "Bi", "Po", "At", "Rn",
    ];
}
