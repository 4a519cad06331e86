using System.Globalization;
using System.Text;

namespace PidReg.Data;

/// <summary>
/// The kit's SuperCon-derived reconstruction of the UCI Superconductivity set (NOT the UCI files):
/// formulas and Tc from Stanev et al.'s SuperCon list (data/supercon/Supercon_data.csv) and an element
/// table (data/supercon/elements.csv), turned into the two UCI modalities: Hamidieh's 81 physical
/// features and the 86 raw element coefficients. Rows: parsed formulas, exact duplicates of
/// (coefficients, Tc) dropped, Tc &gt; 0 only (UCI holds superconductors only).
/// </summary>
public sealed class SuperconReconstruction
{
    /// <summary>File name of the formula list inside the data folder.</summary>
    public const string FormulaFile = "Supercon_data.csv";

    /// <summary>File name of the element table inside the data folder.</summary>
    public const string ElementFile = "elements.csv";

    /// <summary>Label shown wherever this dataset appears.</summary>
    public const string Label = "SuperCon-derived reconstruction of UCI Superconductivity (not the UCI files)";

    SuperconReconstruction(MultimodalDataset dataset, int total, int parsed, int duplicates, int zeroTc, int missingProperty,
        IReadOnlyList<(int Line, string Formula, string Reason)> rejected)
    {
        Dataset = dataset;
        TotalRows = total;
        ParsedRows = parsed;
        DuplicateRows = duplicates;
        NonSuperconductingRows = zeroTc;
        MissingPropertyRows = missingProperty;
        Rejected = rejected;
    }

    /// <summary>The benchmark dataset: modalities "physical" (81) and "elements" (86), target critical_temp, row id = formula.</summary>
    public MultimodalDataset Dataset { get; }

    /// <summary>Data rows in Supercon_data.csv.</summary>
    public int TotalRows { get; }

    /// <summary>Rows whose formula parsed.</summary>
    public int ParsedRows { get; }

    /// <summary>Parsed rows dropped as exact duplicates of an earlier (coefficients, Tc).</summary>
    public int DuplicateRows { get; }

    /// <summary>Distinct parsed rows dropped because Tc ≤ 0 (no reported superconductivity).</summary>
    public int NonSuperconductingRows { get; }

    /// <summary>Rows dropped because a property was missing for every element of the material.</summary>
    public int MissingPropertyRows { get; }

    /// <summary>Rows whose formula did not parse: line in the file, formula, reason.</summary>
    public IReadOnlyList<(int Line, string Formula, string Reason)> Rejected { get; }

    /// <summary>Builds the reconstruction from a folder holding Supercon_data.csv and elements.csv.</summary>
    public static SuperconReconstruction Build(string folder)
    {
        var elements = ElementTable.Read(Path.Combine(folder, ElementFile));
        var path = Path.Combine(folder, FormulaFile);
        var file = DelimitedFile.Read(path);
        int nameCol = Array.IndexOf(file.Header, "name"), tcCol = Array.IndexOf(file.Header, "Tc");
        if (nameCol < 0 || tcCol < 0)
            throw new InvalidDataException($"{path}: expected columns 'name' and 'Tc', found {string.Join(", ", file.Header)}.");
        var rejected = new List<(int, string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var coefRows = new List<double[]>();
        var featureRows = new List<double[]>();
        var tcs = new List<double>();
        var names = new List<string>();
        int parsed = 0, duplicates = 0, zeroTc = 0, missing = 0;
        var key = new StringBuilder();
        for (int r = 0; r < file.Rows.Count; r++)
        {
            string formula = file.Rows[r][nameCol], tcText = file.Rows[r][tcCol];
            if (!double.TryParse(tcText, NumberStyles.Float, CultureInfo.InvariantCulture, out double tc) || !double.IsFinite(tc))
                throw new InvalidDataException($"{path}: line {file.LineNumbers[r]}, column 'Tc': '{tcText}' is not a number.");
            var coef = ChemicalFormula.TryParse(formula, elements, out var error);
            if (coef == null)
            {
                rejected.Add((file.LineNumbers[r], formula, error!));
                continue;
            }
            parsed++;
            key.Clear();
            for (int z = 0; z < coef.Length; z++)
                if (coef[z] != 0) key.Append(z).Append(':').Append(coef[z].ToString("R", CultureInfo.InvariantCulture)).Append(';');
            key.Append(tc.ToString("R", CultureInfo.InvariantCulture));
            if (!seen.Add(key.ToString())) { duplicates++; continue; }
            if (tc <= 0) { zeroTc++; continue; }
            var features = HamidiehFeatures.Compute(coef, elements);
            if (features.Any(double.IsNaN)) { missing++; continue; }
            coefRows.Add(coef);
            featureRows.Add(features);
            tcs.Add(tc);
            names.Add(formula);
        }
        var dataset = new MultimodalDataset(DatasetNames.Supercon, DatasetKinds.Reconstructed,
            [
                new Modality("physical", ToMatrix(featureRows)) { FeatureNames = HamidiehFeatures.Names },
                new Modality("elements", ToMatrix(coefRows)) { FeatureNames = elements.Symbols },
            ],
            ToMatrix(tcs.Select(t => new[] { t }).ToList()), ["critical_temp"], rowIds: names,
            description: Label + $": {tcs.Count} distinct superconductors (Tc > 0) from {file.Rows.Count} SuperCon rows, {rejected.Count} formulas rejected.");
        return new SuperconReconstruction(dataset, file.Rows.Count, parsed, duplicates, zeroTc, missing, rejected);
    }

    internal static double[,] ToMatrix(IReadOnlyList<double[]> rows)
    {
        int d = rows.Count == 0 ? 0 : rows[0].Length;
        var x = new double[rows.Count, d];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < d; j++) x[i, j] = rows[i][j];
        return x;
    }
}
