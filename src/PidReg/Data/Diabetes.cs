namespace PidReg.Data;

/// <summary>
/// scikit-learn's diabetes data (Efron et al. 2004): 442 patients, modality "clinical" (age, sex, bmi,
/// bp) vs "serum" (s1..s6, blood serum measurements), target disease progression after one year.
/// Raw (unscaled) values from data/diabetes/.
/// </summary>
public static class Diabetes
{
    /// <summary>Whitespace-separated features, no header: age sex bmi bp s1..s6.</summary>
    public const string DataFile = "diabetes_data_raw.csv.gz";

    /// <summary>One target value per line.</summary>
    public const string TargetFile = "diabetes_target.csv.gz";

    static readonly string[] Columns = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];

    /// <summary>Loads the two files; their row counts must agree.</summary>
    public static MultimodalDataset Load(string folder)
    {
        var x = CsvTable.Read(Path.Combine(folder, DataFile), new CsvReadOptions { Delimiter = ' ', ColumnNames = Columns });
        var y = CsvTable.Read(Path.Combine(folder, TargetFile), new CsvReadOptions { Delimiter = ' ', ColumnNames = ["progression"] });
        if (x.RowCount != y.RowCount)
            throw new InvalidDataException($"{x.Source} has {x.RowCount} rows but {y.Source} has {y.RowCount}.");
        return new MultimodalDataset(DatasetNames.Diabetes, DatasetKinds.Real,
            [
                new Modality("clinical", x.Select("age,sex,bmi,bp")) { FeatureNames = ["age", "sex", "bmi", "bp"] },
                new Modality("serum", x.Select("s1,s2,s3,s4,s5,s6")) { FeatureNames = ["s1", "s2", "s3", "s4", "s5", "s6"] },
            ],
            y.Select("progression"), ["progression"],
            description: "scikit-learn diabetes (Efron et al. 2004), 442 patients: clinical vs blood serum.");
    }
}
