using Microsoft.Data.Analysis;

namespace PidReg.Data;

/// <summary>
/// Rows of any number of named modalities plus a (possibly vector) target, with optional row ids,
/// groups (patient, site) and text metadata (diagnosis, sex). Validated on construction: equal row
/// counts, finite values, no empty modality. Matrices are not copied: treat them as read-only.
/// </summary>
public sealed class MultimodalDataset
{
    /// <summary>Creates and validates a dataset; errors name the modality, row and column at fault.</summary>
    /// <param name="name">Dataset name (registry name, e.g. "diabetes").</param>
    /// <param name="kind">One of <see cref="DatasetKinds"/>.</param>
    /// <param name="modalities">At least one modality, unique names, each with at least one column.</param>
    /// <param name="target">rows x targetDims, targetDims ≥ 1.</param>
    /// <param name="targetNames">One name per target column; default "y" (or "y0","y1",..).</param>
    /// <param name="rowIds">Optional id per row.</param>
    /// <param name="groups">Optional group per row (patient, site) for group-aware splits.</param>
    /// <param name="metadata">Optional text columns per row, kept through subsets and splits, never used as features.</param>
    /// <param name="description">One line on origin; for stand-ins and reconstructions it says so.</param>
    public MultimodalDataset(
        string name,
        string kind,
        IReadOnlyList<Modality> modalities,
        double[,] target,
        IReadOnlyList<string>? targetNames = null,
        IReadOnlyList<string>? rowIds = null,
        IReadOnlyList<string>? groups = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? metadata = null,
        string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(modalities);
        ArgumentNullException.ThrowIfNull(target);
        if (!DatasetKinds.All.Contains(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"dataset '{name}': kind must be one of {string.Join(", ", DatasetKinds.All)}");
        if (modalities.Count == 0)
            throw new ArgumentException($"dataset '{name}': at least one modality is required.", nameof(modalities));
        int rows = target.GetLength(0);
        if (rows == 0)
            throw new ArgumentException($"dataset '{name}': the target has zero rows; a dataset needs at least one row.", nameof(target));
        if (target.GetLength(1) == 0)
            throw new ArgumentException($"dataset '{name}': the target has zero columns.", nameof(target));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in modalities)
        {
            ArgumentNullException.ThrowIfNull(m, nameof(modalities));
            if (string.IsNullOrWhiteSpace(m.Name))
                throw new ArgumentException($"dataset '{name}': a modality has an empty name.", nameof(modalities));
            if (!seen.Add(m.Name))
                throw new ArgumentException($"dataset '{name}': modality name '{m.Name}' is used twice.", nameof(modalities));
            if (m.Dims == 0)
                throw new ArgumentException($"dataset '{name}': modality '{m.Name}' is empty (0 columns).", nameof(modalities));
            if (m.RowCount != rows)
                throw new ArgumentException(
                    $"dataset '{name}': modality '{m.Name}' has {m.RowCount} rows but the target has {rows}.", nameof(modalities));
            if (m.FeatureNames != null && m.FeatureNames.Count != m.Dims)
                throw new ArgumentException(
                    $"dataset '{name}': modality '{m.Name}' has {m.Dims} columns but {m.FeatureNames.Count} feature names.", nameof(modalities));
            CheckFinite(m.Values, $"dataset '{name}': modality '{m.Name}'");
        }
        CheckFinite(target, $"dataset '{name}': target");
        var tn = targetNames ?? (target.GetLength(1) == 1 ? ["y"] : Enumerable.Range(0, target.GetLength(1)).Select(i => $"y{i}").ToArray());
        if (tn.Count != target.GetLength(1))
            throw new ArgumentException($"dataset '{name}': the target has {target.GetLength(1)} columns but {tn.Count} names.", nameof(targetNames));
        CheckLength(rowIds, rows, name, "row ids");
        CheckLength(groups, rows, name, "groups");
        if (metadata != null)
            foreach (var (key, values) in metadata)
                CheckLength(values, rows, name, $"metadata '{key}'");

        Name = name;
        Kind = kind;
        Modalities = modalities.ToArray();
        Target = target;
        TargetNames = tn.ToArray();
        RowIds = rowIds;
        Groups = groups;
        Metadata = metadata ?? new Dictionary<string, IReadOnlyList<string>>();
        Description = description ?? "";
    }

    /// <summary>Dataset name.</summary>
    public string Name { get; }

    /// <summary>One of <see cref="DatasetKinds"/>: "real", "reconstructed", "stand-in" or "synthetic".</summary>
    public string Kind { get; }

    /// <summary>The modalities, in order (modality 1 first).</summary>
    public IReadOnlyList<Modality> Modalities { get; }

    /// <summary>rows x targetDims target.</summary>
    public double[,] Target { get; }

    /// <summary>One name per target column.</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Target.GetLength(0);

    /// <summary>Optional id per row.</summary>
    public IReadOnlyList<string>? RowIds { get; }

    /// <summary>Optional group per row (patient, site); see <see cref="SplitOptions.ByGroup"/>.</summary>
    public IReadOnlyList<string>? Groups { get; }

    /// <summary>Text columns per row kept alongside (e.g. "diagnosis", "sex"); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Metadata { get; }

    /// <summary>Origin in one line; stand-ins and reconstructions say so here.</summary>
    public string Description { get; }

    /// <summary>The modality with this name.</summary>
    public Modality this[string modality] =>
        Modalities.FirstOrDefault(m => m.Name == modality)
        ?? throw new KeyNotFoundException($"dataset '{Name}' has no modality '{modality}'; it has {string.Join(", ", Modalities.Select(m => m.Name))}.");

    /// <summary>
    /// Reads a CSV (or .csv.gz) and picks the target and one modality per selector (names and
    /// zero-based inclusive ranges, e.g. "0-80"). Modalities are named "x1", "x2", ...; the data set is named after
    /// the file. To name the modalities, pass (name, columns) pairs instead.
    /// </summary>
    public static MultimodalDataset FromCsv(string path, string target, params string[] modalitySelectors) =>
        FromTable(CsvTable.Read(path), target, Unnamed(modalitySelectors));

    /// <summary>
    /// Reads a CSV (or .csv.gz) with named modalities:
    /// <c>FromCsv("houses.csv", "price", ("size", "area,rooms"), ("place", "lat,lon"))</c>. Every number is read as
    /// a double. The data set is named after the file ("houses"); <c>ds["size"]</c> is the first modality.
    /// </summary>
    /// <param name="path">A CSV with a header row, or the same gzipped.</param>
    /// <param name="target">The target column(s): names or positions (see <see cref="CsvTable.ResolveIndices"/>).</param>
    /// <param name="modalities">One (name, columns) pair per modality, in order; names unique, columns disjoint.</param>
    public static MultimodalDataset FromCsv(string path, string target, params (string Name, string Columns)[] modalities) =>
        FromTable(CsvTable.Read(path), target, modalities);

    /// <summary>Like <see cref="FromCsv(string, string, ValueTuple{string, string}[])"/> with an optional group column.</summary>
    public static MultimodalDataset FromCsv(string path, string target, IReadOnlyList<(string Name, string Columns)> modalities, string? groupColumn = null) =>
        FromTable(CsvTable.Read(path), target, modalities, groupColumn);

    /// <summary>Builds a dataset from a DataFrame (numeric columns converted to double); modalities named "x1", "x2", ...</summary>
    public static MultimodalDataset FromDataFrame(DataFrame frame, string target, params string[] modalitySelectors) =>
        FromTable(CsvTable.FromDataFrame(frame), target, Unnamed(modalitySelectors));

    /// <summary>
    /// Builds a dataset from a DataFrame with named modalities:
    /// <c>FromDataFrame(frame, "price", ("size", "area,rooms"), ("place", "lat,lon"))</c>; the data set is called
    /// "DataFrame" (name it with the overload that takes a list). Numeric columns are converted to double, but a
    /// float32 column has already lost its digits: read CSVs with <see cref="CsvTable.ReadDataFrame"/>, not
    /// DataFrame.LoadCsv, which guesses float32.
    /// </summary>
    public static MultimodalDataset FromDataFrame(DataFrame frame, string target, params (string Name, string Columns)[] modalities) =>
        FromDataFrame(frame, target, (IReadOnlyList<(string Name, string Columns)>)modalities);

    /// <summary>Like <see cref="FromDataFrame(DataFrame, string, ValueTuple{string, string}[])"/>, with a name for the data set.</summary>
    /// <param name="frame">The rows; every selected column numeric without nulls.</param>
    /// <param name="target">The target column(s).</param>
    /// <param name="modalities">One (name, columns) pair per modality, in order.</param>
    /// <param name="name">The data set's name, shown in reports and errors.</param>
    public static MultimodalDataset FromDataFrame(DataFrame frame, string target, IReadOnlyList<(string Name, string Columns)> modalities, string name = "DataFrame")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return FromTable(CsvTable.FromDataFrame(frame, name), target, modalities, name: name);
    }

    static (string Name, string Columns)[] Unnamed(string[] selectors) => selectors.Select((s, i) => ($"x{i + 1}", s)).ToArray();

    /// <summary>The name a file gives its data set: "houses" for houses.csv and houses.csv.gz.</summary>
    internal static string NameOfFile(string path)
    {
        var file = Path.GetFileName(path);
        if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) file = file[..^3];
        return Path.GetFileNameWithoutExtension(file);
    }

    /// <summary>
    /// Builds a dataset from a table: target and modalities by selector, optional group column (numeric or text). The
    /// row ids are the table's zero-based data rows ("0", "1", ...).
    /// </summary>
    public static MultimodalDataset FromTable(CsvTable table, string target, IReadOnlyList<(string Name, string Columns)> modalities,
        string? groupColumn = null, string kind = DatasetKinds.Real, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (modalities.Count == 0)
            throw new ArgumentException($"{table.Source}: give at least one modality selector.", nameof(modalities));
        // One validation layer (InputValidation): disjoint selections, then finite, not-too-large, non-constant values.
        var indices = InputValidation.CheckSelections(table,
            [("the target", target), .. modalities.Select(m => ($"modality '{m.Name}'", m.Columns))]);
        InputValidation.CheckColumns(table, indices[0], "the target", eachColumn: true);
        for (int i = 0; i < modalities.Count; i++)
            InputValidation.CheckColumns(table, indices[i + 1], $"modality '{modalities[i].Name}'", eachColumn: false);
        var targetNames = table.ResolveNames(target);
        var mods = modalities.Select(m => new Modality(m.Name, table.Select(m.Columns)) { FeatureNames = table.ResolveNames(m.Columns) }).ToArray();
        IReadOnlyList<string>? groups = null;
        if (groupColumn != null)
        {
            if (mods.Any(m => m.FeatureNames!.Contains(groupColumn)) || targetNames.Contains(groupColumn))
                throw new ArgumentException($"{table.Source}: group column '{groupColumn}' is also used as a feature or target.", nameof(groupColumn));
            try { groups = table.TextColumn(groupColumn); }
            catch (ArgumentException) when (table.ColumnNames.Contains(groupColumn))
            {
                groups = table.Column(groupColumn).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            }
        }
        // Row ids are the zero-based data rows of the table, so a split part or a prediction can be traced back to its line.
        var rowIds = Enumerable.Range(0, table.RowCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new MultimodalDataset(name ?? NameOfFile(table.Source), kind, mods, table.Select(target), targetNames,
            rowIds: rowIds, groups: groups, description: $"read from {table.Source}");
    }

    /// <summary>The given rows (in the given order; repeats allowed, as for a bootstrap), with ids, groups and metadata.</summary>
    public MultimodalDataset Subset(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            throw new ArgumentException($"dataset '{Name}': a subset needs at least one row.", nameof(rows));
        foreach (int r in rows)
            if (r < 0 || r >= RowCount)
                throw new ArgumentOutOfRangeException(nameof(rows), r, $"dataset '{Name}' has rows 0-{RowCount - 1}");
        return new MultimodalDataset(Name, Kind,
            Modalities.Select(m => m with { Values = TakeRows(m.Values, rows) }).ToArray(),
            TakeRows(Target, rows), TargetNames,
            RowIds == null ? null : rows.Select(r => RowIds[r]).ToArray(),
            Groups == null ? null : rows.Select(r => Groups[r]).ToArray(),
            Metadata.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)rows.Select(r => kv.Value[r]).ToArray()),
            Description);
    }

    /// <summary>
    /// Seeded train/validation/test split (default 70/10/20, seed 42, as the reference; the shuffle is
    /// System.Random, so indices differ from the reference's numpy split). With ByGroup, whole groups
    /// are shuffled and assigned so no group straddles two parts. Rows keep their original order within each part.
    /// </summary>
    public DatasetSplit Split(SplitOptions? options = null)
    {
        options ??= new SplitOptions();
        options.Validate();
        var rng = new Random(options.Seed);
        var part = new int[RowCount]; // 0 train, 1 validation, 2 test
        if (options.ByGroup)
        {
            if (Groups == null)
                throw new InvalidOperationException($"dataset '{Name}' has no groups; a group-aware split (ByGroup) is impossible.");
            var order = Groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (order.Length < 3)
                throw new InvalidOperationException(
                    $"dataset '{Name}' has {order.Length} group(s); a group-aware split needs at least 3 (one per part).");
            rng.Shuffle(order);
            var size = Groups.GroupBy(g => g, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var assign = new Dictionary<string, int>(StringComparer.Ordinal);
            double trainTarget = options.TrainFraction * RowCount, valTarget = (options.TrainFraction + options.ValidationFraction) * RowCount;
            int cum = 0, p = 0;
            for (int i = 0; i < order.Length; i++)
            {
                int remaining = order.Length - i;
                // Leave at least one group for each later part.
                if (p == 0 && i > 0 && (cum >= trainTarget || remaining <= 2)) p = 1;
                if (p == 1 && assign.ContainsValue(1) && (cum >= valTarget || remaining <= 1)) p = 2;
                assign[order[i]] = p;
                cum += size[order[i]];
            }
            for (int r = 0; r < RowCount; r++) part[r] = assign[Groups[r]];
        }
        else
        {
            if (RowCount < 3)
                throw new ArgumentException($"dataset '{Name}' has {RowCount} rows; a split needs at least 3.");
            var idx = Enumerable.Range(0, RowCount).ToArray();
            rng.Shuffle(idx);
            int nTrain = Math.Clamp((int)Math.Round(options.TrainFraction * RowCount), 1, RowCount - 2);
            int nVal = Math.Clamp((int)Math.Round(options.ValidationFraction * RowCount), 1, RowCount - nTrain - 1);
            for (int i = 0; i < RowCount; i++) part[idx[i]] = i < nTrain ? 0 : i < nTrain + nVal ? 1 : 2;
        }
        MultimodalDataset Take(int p) => Subset(Enumerable.Range(0, RowCount).Where(r => part[r] == p).ToArray());
        return new DatasetSplit(Take(0), Take(1), Take(2));
    }

    /// <summary>The same rows with only the named modalities, in the given order (e.g. two of a three-modality set).</summary>
    public MultimodalDataset WithModalities(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new MultimodalDataset(Name, Kind, names.Select(n => this[n]).ToArray(), Target, TargetNames, RowIds, Groups, Metadata, Description);
    }

    /// <summary>All modalities side by side (rows x sum of dims), for early-fusion baselines.</summary>
    public double[,] Concatenated()
    {
        int d = Modalities.Sum(m => m.Dims);
        var x = new double[RowCount, d];
        int offset = 0;
        foreach (var m in Modalities)
        {
            for (int i = 0; i < RowCount; i++)
                for (int j = 0; j < m.Dims; j++)
                    x[i, offset + j] = m.Values[i, j];
            offset += m.Dims;
        }
        return x;
    }

    /// <summary>
    /// The CSV header <see cref="WriteCsv"/> writes: every modality's columns in order, then the target's. A column
    /// without a feature name is called "modality_j"; when two modalities share a feature name, every feature
    /// column is written "modality.feature" so the names stay unique.
    /// </summary>
    public string[] CsvColumnNames()
    {
        string[] Plain(Modality m) => Enumerable.Range(0, m.Dims).Select(j => m.FeatureNames?[j] ?? $"{m.Name}_{j}").ToArray();
        var names = Modalities.SelectMany(Plain).Concat(TargetNames).ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() == names.Length) return names;
        return Modalities.SelectMany(m => Plain(m).Select(f => $"{m.Name}.{f}")).Concat(TargetNames).ToArray();
    }

    /// <summary>
    /// Writes the numbers as a plain CSV that <see cref="FromCsv(string, string, string[])"/> and other tools read
    /// back exactly: a header (<see cref="CsvColumnNames"/>), then one line per row with every modality's values in
    /// order and the target last, round-trip formatted ("R", invariant culture). Row ids, groups and metadata are
    /// not written, so column positions are the modalities' (for the supercon set: 0-80, 81-166, target 167).
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(string.Join(",", CsvColumnNames().Select(Quoted)));
        var line = new System.Text.StringBuilder();
        for (int i = 0; i < RowCount; i++)
        {
            line.Clear();
            foreach (var m in Modalities)
                for (int j = 0; j < m.Dims; j++)
                    line.Append(m.Values[i, j].ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            for (int j = 0; j < Target.GetLength(1); j++)
                line.Append(Target[i, j].ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            line.Length--;  // the last comma
            writer.WriteLine(line);
        }

        // RFC 4180: a name holding the delimiter or a quote is quoted, its quotes doubled.
        static string Quoted(string name) => name.IndexOfAny([',', '"']) >= 0 ? $"\"{name.Replace("\"", "\"\"")}\"" : name;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} ({Kind}): {RowCount} rows, " + string.Join(", ", Modalities.Select(m => $"{m.Name}[{m.Dims}]"))
        + $" -> {string.Join(",", TargetNames)}";

    internal static double[,] TakeRows(double[,] x, IReadOnlyList<int> rows)
    {
        int d = x.GetLength(1);
        var y = new double[rows.Count, d];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < d; j++)
                y[i, j] = x[rows[i], j];
        return y;
    }

    static void CheckFinite(double[,] x, string what)
    {
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < x.GetLength(1); j++)
                if (!double.IsFinite(x[i, j]))
                    throw new ArgumentException($"{what}: row {i}, column {j} is {x[i, j]} (NaN or infinite values are not allowed).");
    }

    static void CheckLength(IReadOnlyList<string>? values, int rows, string name, string what)
    {
        if (values != null && values.Count != rows)
            throw new ArgumentException($"dataset '{name}': {what} has {values.Count} entries but the dataset has {rows} rows.");
    }
}
