using System.Globalization;

namespace PidReg.Data;

/// <summary>
/// Brain age from ABIDE I structural MRI (FreeSurfer 6 tables, dfsp-spirit/abide_preproc_smri_freesurfer6)
/// joined with the PCP phenotypic file on FILE_ID. Modality "thickness" = cortical thickness of the 68
/// Desikan regions (lh + rh; mean thickness left out), "subcortical" = aseg structure volumes (the 10
/// global summary volumes and the columns that are constant across subjects left out), optional
/// "area" = cortical surface area of the 68 regions. Target AGE_AT_SCAN in years; groups = SITE_ID;
/// metadata diagnosis (ASD / control) and sex (M / F). Structural only: the paper's cohort used fMRI + sMRI.
/// </summary>
public static class BrainAge
{
    /// <summary>Files read from data/brain-age/ (gzipped copies of the upstream files).</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        "lh.aparc_table_thickness.tsv.gz", "rh.aparc_table_thickness.tsv.gz", "aseg_table.tsv.gz",
        "lh.aparc_table_area.tsv.gz", "rh.aparc_table_area.tsv.gz", "Phenotypic_V1_0b_preprocessed1.csv.gz",
    ];

    /// <summary>aseg columns that are whole-brain summaries, not structures.</summary>
    public static IReadOnlyList<string> GlobalAsegColumns { get; } =
    [
        "lhCortexVol", "rhCortexVol", "CortexVol", "lhCorticalWhiteMatterVol", "rhCorticalWhiteMatterVol",
        "CorticalWhiteMatterVol", "SubCortGrayVol", "TotalGrayVol", "SupraTentorialVol", "IntraCranialVol",
    ];

    /// <summary>Loads and joins the tables; includeArea adds the cortical-area modality as a third.</summary>
    public static MultimodalDataset Load(string folder, bool includeArea = false)
    {
        string P(int i) => Path.Combine(folder, Files[i]);
        var lhT = Table(P(0));
        var rhT = Table(P(1));
        var aseg = Table(P(2));
        var pheno = DelimitedFile.Read(P(5));
        int Col(string name) => Array.IndexOf(pheno.Header, name) is var i and >= 0 ? i
            : throw new InvalidDataException($"{pheno.Path}: column '{name}' is missing.");
        int fileId = Col("FILE_ID"), age = Col("AGE_AT_SCAN"), sex = Col("SEX"), dx = Col("DX_GROUP"), site = Col("SITE_ID");
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < pheno.Rows.Count; r++) byId.TryAdd(pheno.Rows[r][fileId], r);

        var ids = lhT.TextColumn(lhT.ColumnNames[0]);
        var thicknessCols = Regions(lhT, "_thickness", "MeanThickness").Concat(Regions(rhT, "_thickness", "MeanThickness")).ToArray();
        var others = new List<CsvTable> { rhT, aseg };
        CsvTable? lhA = null, rhA = null;
        if (includeArea) { lhA = Table(P(3)); rhA = Table(P(4)); others.Add(lhA); others.Add(rhA); }
        foreach (var t in others)
            if (!t.TextColumn(t.ColumnNames[0]).SequenceEqual(ids))
                throw new InvalidDataException($"{t.Source}: subject ids are not in the same order as in {lhT.Source}.");

        var asegCols = aseg.ColumnNames.Skip(1).Where(c => !GlobalAsegColumns.Contains(c))
            .Where(c => aseg.Column(c).Distinct().Count() > 1).ToArray();

        var rows = new List<int>();
        var target = new List<double>();
        var groups = new List<string>();
        var diagnosis = new List<string>();
        var sexes = new List<string>();
        for (int r = 0; r < ids.Length; r++)
        {
            if (!byId.TryGetValue(ids[r], out int p))
                throw new InvalidDataException($"{pheno.Path}: no FILE_ID '{ids[r]}' for subject row {r} of {lhT.Source}.");
            var row = pheno.Rows[p];
            if (!double.TryParse(row[age], NumberStyles.Float, CultureInfo.InvariantCulture, out double a) || !(a > 0))
                throw new InvalidDataException($"{pheno.Path}: line {pheno.LineNumbers[p]}, column 'AGE_AT_SCAN': '{row[age]}' is not an age.");
            rows.Add(r);
            target.Add(a);
            groups.Add(row[site]);
            diagnosis.Add(row[dx] switch { "1" => "ASD", "2" => "control", var v => v });
            sexes.Add(row[sex] switch { "1" => "M", "2" => "F", var v => v });
        }
        var mods = new List<Modality>
        {
            new("thickness", Join(lhT, rhT, thicknessCols)) { FeatureNames = thicknessCols },
            new("subcortical", aseg.Select(string.Join(",", asegCols))) { FeatureNames = asegCols },
        };
        if (includeArea)
        {
            var areaCols = Regions(lhA!, "_area", "WhiteSurfArea").Concat(Regions(rhA!, "_area", "WhiteSurfArea")).ToArray();
            mods.Add(new Modality("area", Join(lhA!, rhA!, areaCols)) { FeatureNames = areaCols });
        }
        var y = new double[target.Count, 1];
        for (int i = 0; i < target.Count; i++) y[i, 0] = target[i];
        return new MultimodalDataset(DatasetNames.BrainAge, DatasetKinds.Real, mods, y, ["age"], rowIds: ids, groups: groups,
            metadata: new Dictionary<string, IReadOnlyList<string>> { ["diagnosis"] = diagnosis, ["sex"] = sexes },
            description: $"ABIDE I FreeSurfer 6 brain age, {ids.Length} subjects from {groups.Distinct().Count()} sites (structural MRI only; the paper used fMRI + sMRI).");
    }

    static CsvTable Table(string path)
    {
        // The first header cell names the measure (e.g. "lh.aparc.thickness"); its column holds subject ids.
        string first = DelimitedFile.Read(path, '\t').Header[0];
        return CsvTable.Read(path, new CsvReadOptions { Delimiter = '\t', TextColumns = [first] });
    }

    static IEnumerable<string> Regions(CsvTable t, string suffix, string summary) =>
        t.ColumnNames.Skip(1).Where(c => c.EndsWith(suffix, StringComparison.Ordinal) && !c.Contains(summary, StringComparison.Ordinal));

    static double[,] Join(CsvTable lh, CsvTable rh, string[] columns)
    {
        var x = new double[lh.RowCount, columns.Length];
        for (int j = 0; j < columns.Length; j++)
        {
            var col = columns[j].StartsWith("lh_", StringComparison.Ordinal) ? lh.Column(columns[j]) : rh.Column(columns[j]);
            for (int i = 0; i < col.Length; i++) x[i, j] = col[i];
        }
        return x;
    }
}
