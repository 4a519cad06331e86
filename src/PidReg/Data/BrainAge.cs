using System.Globalization;

namespace PidReg.Data;

/// <summary>
/// Brain age from ABIDE I structural MRI (FreeSurfer 6 tables, dfsp-spirit/abide_preproc_smri_freesurfer6)
/// joined with the PCP phenotypic file on FILE_ID. Four modalities, always in this order:
/// "thickness" = cortical thickness of the 68 Desikan regions (lh + rh; mean thickness left out), "area" = their
/// surface area (WhiteSurfArea left out), "volume" = their grey-matter volume, "subcortical" = aseg structure volumes
/// (the 10 global summary volumes and the columns that are constant across subjects left out). Loaded by default:
/// thickness and subcortical (<see cref="DefaultModalities"/>). Target AGE_AT_SCAN in years; groups = SITE_ID;
/// metadata diagnosis (ASD / control) and sex (M / F). Structural only: the paper's cohort used fMRI + sMRI.
/// </summary>
public static class BrainAge
{
    /// <summary>Cortical thickness, 34 regions per hemisphere.</summary>
    public const string Thickness = "thickness";

    /// <summary>Cortical surface area, 34 regions per hemisphere.</summary>
    public const string Area = "area";

    /// <summary>Cortical grey-matter volume, 34 regions per hemisphere.</summary>
    public const string Volume = "volume";

    /// <summary>Subcortical structure volumes (aseg).</summary>
    public const string Subcortical = "subcortical";

    /// <summary>Every modality, in the order a load returns them whatever order they are asked for in.</summary>
    public static IReadOnlyList<string> ModalityNames { get; } = [Thickness, Area, Volume, Subcortical];

    /// <summary>What a load returns when no modalities are named: thickness and subcortical volumes.</summary>
    public static IReadOnlyList<string> DefaultModalities { get; } = [Thickness, Subcortical];

    /// <summary>Files read from data/brain-age/ (gzipped copies of the upstream files).</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        CorticalFile("lh", Thickness), CorticalFile("rh", Thickness), CorticalFile("lh", Area), CorticalFile("rh", Area),
        CorticalFile("lh", Volume), CorticalFile("rh", Volume), AsegFile, PhenotypeFile,
    ];

    /// <summary>aseg columns that are whole-brain summaries, not structures.</summary>
    public static IReadOnlyList<string> GlobalAsegColumns { get; } =
    [
        "lhCortexVol", "rhCortexVol", "CortexVol", "lhCorticalWhiteMatterVol", "rhCorticalWhiteMatterVol",
        "CorticalWhiteMatterVol", "SubCortGrayVol", "TotalGrayVol", "SupraTentorialVol", "IntraCranialVol",
    ];

    const string AsegFile = "aseg_table.tsv.gz";
    const string PhenotypeFile = "Phenotypic_V1_0b_preprocessed1.csv.gz";

    // The one whole-hemisphere column each cortical table adds to its 34 regions: it summarises the regions rather
    // than being one, so it stays out (the volume table has none).
    static readonly Dictionary<string, string?> HemisphereSummary = new(StringComparer.Ordinal)
    {
        [Thickness] = "MeanThickness", [Area] = "WhiteSurfArea", [Volume] = null,
    };

    /// <summary>Loads and joins the tables of the chosen modalities.</summary>
    /// <param name="folder">The folder holding <see cref="Files"/> (data/brain-age).</param>
    /// <param name="modalities">
    /// Any of <see cref="ModalityNames"/>, at least one, each once; they come back in the order of
    /// <see cref="ModalityNames"/>. Default null = <see cref="DefaultModalities"/>.
    /// </param>
    /// <exception cref="ArgumentException">An unknown or repeated modality name, or none; the message lists the valid names.</exception>
    /// <exception cref="InvalidDataException">A table lists other subjects (or in another order) than the first one read, or a subject has no phenotype row or no age.</exception>
    public static MultimodalDataset Load(string folder, IReadOnlyList<string>? modalities = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var chosen = ModalityChoice.InOrder(DatasetNames.BrainAge, ModalityNames, modalities ?? DefaultModalities, nameof(modalities));
        string P(string file) => Path.Combine(folder, file);
        // Per modality its tables: the two hemispheres of a cortical measure, or aseg.
        var tables = chosen.Select(m => m == Subcortical
            ? new[] { Table(P(AsegFile)) }
            : [Table(P(CorticalFile("lh", m))), Table(P(CorticalFile("rh", m)))]).ToArray();
        var pheno = DelimitedFile.Read(P(PhenotypeFile));
        int Col(string name) => Array.IndexOf(pheno.Header, name) is var i and >= 0 ? i
            : throw new InvalidDataException($"{pheno.Path}: column '{name}' is missing.");
        int fileId = Col("FILE_ID"), age = Col("AGE_AT_SCAN"), sex = Col("SEX"), dx = Col("DX_GROUP"), site = Col("SITE_ID");
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < pheno.Rows.Count; r++) byId.TryAdd(pheno.Rows[r][fileId], r);

        // The rows are the subjects of the first table read; every other table must list the same ones in the same order.
        var first = tables[0][0];
        var ids = first.TextColumn(first.ColumnNames[0]);
        foreach (var t in tables.SelectMany(t => t).Skip(1)) CheckSameSubjects(first, ids, t);

        var target = new List<double>();
        var groups = new List<string>();
        var diagnosis = new List<string>();
        var sexes = new List<string>();
        for (int r = 0; r < ids.Length; r++)
        {
            if (!byId.TryGetValue(ids[r], out int p))
                throw new InvalidDataException($"{pheno.Path}: no FILE_ID '{ids[r]}' for subject row {r} of {first.Source}.");
            var row = pheno.Rows[p];
            if (!double.TryParse(row[age], NumberStyles.Float, CultureInfo.InvariantCulture, out double a) || !(a > 0))
                throw new InvalidDataException($"{pheno.Path}: line {pheno.LineNumbers[p]}, column 'AGE_AT_SCAN': '{row[age]}' is not an age.");
            target.Add(a);
            groups.Add(row[site]);
            diagnosis.Add(row[dx] switch { "1" => "ASD", "2" => "control", var v => v });
            sexes.Add(row[sex] switch { "1" => "M", "2" => "F", var v => v });
        }
        var mods = chosen.Select((m, k) => m == Subcortical ? SubcorticalVolumes(tables[k][0]) : Cortical(m, tables[k][0], tables[k][1])).ToList();
        var y = new double[target.Count, 1];
        for (int i = 0; i < target.Count; i++) y[i, 0] = target[i];
        return new MultimodalDataset(DatasetNames.BrainAge, DatasetKinds.Real, mods, y, ["age"], rowIds: ids, groups: groups,
            metadata: new Dictionary<string, IReadOnlyList<string>> { ["diagnosis"] = diagnosis, ["sex"] = sexes },
            description: $"ABIDE I FreeSurfer 6 brain age, {ids.Length} subjects from {groups.Distinct().Count()} sites (structural MRI only; the paper used fMRI + sMRI).");
    }

    static string CorticalFile(string hemisphere, string measure) => $"{hemisphere}.aparc_table_{measure}.tsv.gz";

    static CsvTable Table(string path)
    {
        // The first header cell names the measure (e.g. "lh.aparc.thickness"); its column holds subject ids.
        string first = DelimitedFile.Read(path, '\t').Header[0];
        return CsvTable.Read(path, new CsvReadOptions { Delimiter = '\t', TextColumns = [first] });
    }

    static void CheckSameSubjects(CsvTable first, string[] ids, CsvTable t)
    {
        var other = t.TextColumn(t.ColumnNames[0]);
        if (other.SequenceEqual(ids)) return;
        int i = Enumerable.Range(0, Math.Min(ids.Length, other.Length)).FirstOrDefault(k => other[k] != ids[k], Math.Min(ids.Length, other.Length));
        string where = i < Math.Min(ids.Length, other.Length)
            ? $"subject row {i} is '{other[i]}' where {first.Source} has '{ids[i]}'"
            : $"it has {other.Length} subjects and {first.Source} has {ids.Length}";
        throw new InvalidDataException($"{t.Source}: {where}; the brain-age tables must list the same subjects in the same order.");
    }

    static Modality Cortical(string measure, CsvTable lh, CsvTable rh)
    {
        string suffix = "_" + measure;
        var columns = Regions(lh, suffix, HemisphereSummary[measure]).Concat(Regions(rh, suffix, HemisphereSummary[measure])).ToArray();
        return new Modality(measure, Join(lh, rh, columns)) { FeatureNames = columns };
    }

    static Modality SubcorticalVolumes(CsvTable aseg)
    {
        var columns = aseg.ColumnNames.Skip(1).Where(c => !GlobalAsegColumns.Contains(c))
            .Where(c => aseg.Column(c).Distinct().Count() > 1).ToArray();
        return new Modality(Subcortical, aseg.Select(string.Join(",", columns))) { FeatureNames = columns };
    }

    static IEnumerable<string> Regions(CsvTable t, string suffix, string? summary) =>
        t.ColumnNames.Skip(1).Where(c => c.EndsWith(suffix, StringComparison.Ordinal) && (summary is null || !c.Contains(summary, StringComparison.Ordinal)));

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
