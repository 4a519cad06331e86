using System.Globalization;
using Microsoft.Data.Analysis;

namespace PidReg.Data;

/// <summary>
/// A numeric table read from a delimited file with a header row: every cell a double (never float),
/// except columns declared as text. Columns are picked with selectors such as <c>"0-80"</c>,
/// <c>"age,bmi"</c> or <c>"3"</c> (names and zero-based inclusive ranges, mixed).
/// </summary>
public sealed class CsvTable
{
    readonly double[][] numeric;   // [column][row]; empty array for text columns
    readonly string[]?[] text;     // [column][row]; null for numeric columns
    readonly int[]? lines;         // 1-based file line of each data row; null when not read from a file

    CsvTable(string source, string[] names, double[][] numeric, string[]?[] text, int rows, int[]? lines = null)
    {
        this.lines = lines;
        Source = source;
        ColumnNames = names;
        this.numeric = numeric;
        this.text = text;
        RowCount = rows;
    }

    /// <summary>Where the table came from (a path), used in error messages.</summary>
    public string Source { get; }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Number of data rows (header excluded).</summary>
    public int RowCount { get; }

    /// <summary>
    /// Reads a CSV (or .csv.gz) file. Errors name the file and, for bad cells, the line and column:
    /// missing file, empty file, ragged rows, non-numeric cells, duplicate column names.
    /// Empty cells and "NaN" are rejected too: the kit never guesses missing values.
    /// </summary>
    public static CsvTable Read(string path, CsvReadOptions? options = null)
    {
        options ??= new CsvReadOptions();
        options.Validate();
        string[]? names = null;
        bool[]? isText = null;
        List<double>[]? numericColumns = null;
        List<string>[]? textColumns = null;
        void Setup(string[] header)
        {
            // A first line of numbers with a repeat or a fraction among them is data, not names (a headerless file, such
            // as a covariance matrix); whole distinct numbers stay allowed as names (pandas writes 0,1,2,...).
            if (options.ColumnNames is null && header.Length > 1 && header.All(h => double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                && (header.Distinct(StringComparer.Ordinal).Count() < header.Length || header.Any(h => !int.TryParse(h, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))))
                throw new InvalidDataException(
                    $"{path}: the first line holds numbers only ({string.Join(", ", header.Take(4).Select(h => $"'{h}'"))}{(header.Length > 4 ? ", ..." : "")}), so the file seems to have no header row; a data set needs one naming its columns: add it. (A headerless covariance matrix is read with pid --covariance FILE --dims m,a,b.)");
            var dup = header.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (dup != null)
                throw new InvalidDataException($"{path}: column name '{dup.Key}' appears more than once in the header.");
            foreach (var t in options.TextColumns)
                if (!header.Contains(t, StringComparer.Ordinal))
                    throw new ArgumentException($"{path}: text column '{t}' is not in the header ({Describe(header)}).", nameof(options));
            if (options.ColumnNames is null && header.Length == 1 && options.Delimiter != ' ' && header[0].IndexOfAny([';', '\t', '|']) is int at and >= 0)
                throw new InvalidDataException(
                    $"{path}: the header was read as one column ('{header[0]}'): the file seems to use '{(header[0][at] == '\t' ? "\\t" : header[0][at].ToString())}' between cells, but the kit reads comma-separated files; convert it (replace the delimiter with ',').");
            names = header;
            isText = header.Select(options.TextColumns.Contains).ToArray();
            numericColumns = header.Select(_ => new List<double>()).ToArray();
            textColumns = header.Select(_ => new List<string>()).ToArray();
        }
        int rows = 0;
        var lineNumbers = new List<int>();
        DelimitedFile.Stream(path, options.Delimiter, options.ColumnNames, Setup, (cells, line) =>
        {
            for (int c = 0; c < cells.Length; c++)
            {
                if (isText![c]) { textColumns![c].Add(cells[c]); continue; }
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    // A cell with line breaks in a numeric column is lines swallowed between two stray quotes, not a value.
                    int spanned = cells[c].Count(ch => ch == '\n') + 1;
                    throw new InvalidDataException(spanned > 1
                        ? $"{path}: line {line}, column '{names![c]}' (index {c}): a quoted cell spans {spanned} lines (to line {line + spanned - 1}), so a quote (\") is probably not closed where it should be; check the quotes on those lines."
                        : $"{path}: line {line} (data row {rows}), column '{names![c]}' (index {c}): '{cells[c]}' is not a finite number.");
                }
                numericColumns![c].Add(v);
            }
            rows++;
            lineNumbers.Add(line);
        });
        var numeric = new double[names!.Length][];
        var text = new string[]?[names.Length];
        for (int c = 0; c < names.Length; c++)
        {
            numeric[c] = isText![c] ? [] : numericColumns![c].ToArray();
            text[c] = isText[c] ? textColumns![c].ToArray() : null;
        }
        return new CsvTable(path, names, numeric, text, rows, lineNumbers.ToArray());
    }

    /// <summary>Builds a table from a DataFrame; every selected column must be numeric without nulls, or a string column (kept as text).</summary>
    public static CsvTable FromDataFrame(DataFrame frame, string source = "DataFrame")
    {
        ArgumentNullException.ThrowIfNull(frame);
        int rows = checked((int)frame.Rows.Count);
        int cols = frame.Columns.Count;
        var names = new string[cols];
        var numeric = new double[cols][];
        var text = new string[]?[cols];
        for (int c = 0; c < cols; c++)
        {
            var column = frame.Columns[c];
            names[c] = column.Name;
            if (column is StringDataFrameColumn s)
            {
                var col = new string[rows];
                for (int r = 0; r < rows; r++) col[r] = s[r] ?? "";
                text[c] = col;
                numeric[c] = [];
                continue;
            }
            var values = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                object? cell = column[r];
                if (cell == null)
                    throw new InvalidDataException($"{source}: row {r}, column '{column.Name}' is missing (null).");
                double v;
                try { v = Convert.ToDouble(cell, CultureInfo.InvariantCulture); }
                catch (Exception e) when (e is FormatException or InvalidCastException)
                {
                    throw new InvalidDataException($"{source}: row {r}, column '{column.Name}': '{cell}' is not a number.", e);
                }
                if (!double.IsFinite(v))
                    throw new InvalidDataException($"{source}: row {r}, column '{column.Name}': {v} is not finite.");
                values[r] = v;
            }
            numeric[c] = values;
        }
        return new CsvTable(source, names, numeric, text, rows);
    }

    /// <summary>
    /// Loads a CSV into a Microsoft.Data.Analysis DataFrame with every column typed double
    /// (DataFrame.LoadCsv otherwise guesses float32 and loses precision).
    /// </summary>
    public static DataFrame ReadDataFrame(string path, char delimiter = ',')
    {
        var table = Read(path, new CsvReadOptions { Delimiter = delimiter });
        return table.ToDataFrame();
    }

    /// <summary>This table as a DataFrame: numeric columns as DoubleDataFrameColumn, text columns as StringDataFrameColumn.</summary>
    public DataFrame ToDataFrame()
    {
        var columns = new List<DataFrameColumn>();
        for (int c = 0; c < ColumnNames.Count; c++)
            columns.Add(text[c] is { } t
                ? new StringDataFrameColumn(ColumnNames[c], t)
                : new DoubleDataFrameColumn(ColumnNames[c], numeric[c]));
        return new DataFrame(columns);
    }

    /// <summary>Where data row <paramref name="row"/> (0-based) is, for messages: "line 17 (data row 15)", or "row 15" without a file.</summary>
    public string RowLabel(int row) => lines is not null && row >= 0 && row < lines.Length ? $"line {lines[row]} (data row {row})" : $"row {row}";

    /// <summary>The numeric column with this name.</summary>
    public double[] Column(string name) => numeric[NumericIndex(name)];

    /// <summary>The text column with this name (declared in <see cref="CsvReadOptions.TextColumns"/> or a DataFrame string column).</summary>
    public string[] TextColumn(string name)
    {
        int i = IndexOf(name);
        return text[i] ?? throw new ArgumentException($"{Source}: column '{name}' is numeric, not text.", nameof(name));
    }

    /// <summary>The selected columns as a rows x columns matrix, in selector order.</summary>
    public double[,] Select(string selector)
    {
        var idx = ResolveIndices(selector);
        var result = new double[RowCount, idx.Length];
        for (int j = 0; j < idx.Length; j++)
        {
            if (text[idx[j]] != null)
                throw new ArgumentException($"{Source}: column '{ColumnNames[idx[j]]}' (index {idx[j]}) is text and cannot be used as a number.", nameof(selector));
            var col = numeric[idx[j]];
            for (int r = 0; r < RowCount; r++) result[r, j] = col[r];
        }
        return result;
    }

    /// <summary>The column names a selector picks, in selector order.</summary>
    public string[] ResolveNames(string selector) => ResolveIndices(selector).Select(i => ColumnNames[i]).ToArray();

    /// <summary>
    /// Zero-based column indices of a selector, a comma-separated list of tokens (the COLS syntax of the README):
    /// <list type="bullet">
    /// <item><c>#3</c> and <c>#0-80</c> are always positions (zero-based, inclusive);</item>
    /// <item>any other token that equals a column name exactly is that column (names win, so names containing '-' work);</item>
    /// <item>a bare <c>3</c> or <c>0-80</c> that is not a name is a position, unless the header has numeric names
    /// (such as "0" or "1-2"): then a bare number could mean either, and it is an error asking for <c>#</c> or the name.
    /// A bare number that is a name but whose position points at another column is an error for the same reason.</item>
    /// </list>
    /// Duplicates are an error: a column would be counted twice in a modality.
    /// </summary>
    public int[] ResolveIndices(string selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
            throw new ArgumentException($"{Source}: the column selector is empty; available columns: {Describe(ColumnNames)}.");
        var result = new List<int>();
        bool numericNames = ColumnNames.Any(n => ParsePositions(n) is not null);
        foreach (var raw in selector.Split(','))
        {
            string token = raw.Trim();
            if (token.StartsWith('#'))
            {
                var positions = ParsePositions(token[1..])
                    ?? throw new ArgumentException($"{Source}: '{token}' in selector '{selector}' is not a position: write #3 or #0-80 (zero-based, inclusive).");
                result.AddRange(CheckRange(positions, token));
                continue;
            }
            int byName = IndexOfOrMinus(token);
            var bare = ParsePositions(token);
            if (byName >= 0)
            {
                if (bare is { } p && (p.Lo != p.Hi || p.Lo != byName))
                    throw new ArgumentException(
                        $"{Source}: '{token}' in selector '{selector}' is ambiguous: it is the name of column {byName} but also reads as position(s) {p.Lo}-{p.Hi}. " +
                        $"Write #{byName} for that column by position, or #{(p.Lo == p.Hi ? p.Lo.ToString(CultureInfo.InvariantCulture) : $"{p.Lo}-{p.Hi}")} for the position(s).");
                result.Add(byName);
                continue;
            }
            if (bare is { } q)
            {
                if (numericNames)
                    throw new ArgumentException(
                        $"{Source}: '{token}' in selector '{selector}' is ambiguous because the header has numeric column names " +
                        $"(e.g. '{ColumnNames.First(n => ParsePositions(n) is not null)}'): write #{token} for positions, or list the names.");
                result.AddRange(CheckRange(q, token));
                continue;
            }
            throw new ArgumentException(
                $"{Source}: unknown column '{token}' in selector '{selector}'. Available columns: {Describe(ColumnNames)}.");
        }
        var dup = result.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
        if (dup != null)
            throw new ArgumentException($"{Source}: selector '{selector}' picks column '{ColumnNames[dup.Key]}' (index {dup.Key}) more than once.");
        return result.ToArray();
    }

    /// <summary>"3" → (3, 3), "0-80" → (0, 80), "9-2" → (9, 2) (reported as reversed later); anything else null.</summary>
    static (int Lo, int Hi)? ParsePositions(string token)
    {
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int single)) return (single, single);
        int dash = token.IndexOf('-', 1 < token.Length ? 1 : 0);
        if (dash > 0
            && int.TryParse(token[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int lo)
            && int.TryParse(token[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int hi))
            return (lo, hi);
        return null;
    }

    IEnumerable<int> CheckRange((int Lo, int Hi) range, string token)
    {
        if (range.Hi < range.Lo)
            throw new ArgumentException($"{Source}: range '{token}' is reversed (write {range.Hi}-{range.Lo}).");
        CheckIndex(range.Lo, token);
        CheckIndex(range.Hi, token);
        return Enumerable.Range(range.Lo, range.Hi - range.Lo + 1);
    }

    int CheckIndex(int index, string token)
    {
        if (index >= ColumnNames.Count)
            throw new ArgumentException(
                $"{Source}: column index {index} (in '{token}') is out of range: the table has {ColumnNames.Count} columns (0-{ColumnNames.Count - 1}): {Describe(ColumnNames)}.");
        return index;
    }

    int IndexOfOrMinus(string name)
    {
        for (int i = 0; i < ColumnNames.Count; i++)
            if (string.Equals(ColumnNames[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    int IndexOf(string name)
    {
        int i = IndexOfOrMinus(name);
        return i >= 0 ? i : throw new ArgumentException($"{Source}: no column named '{name}'. Available columns: {Describe(ColumnNames)}.", nameof(name));
    }

    int NumericIndex(string name)
    {
        int i = IndexOf(name);
        return text[i] == null ? i : throw new ArgumentException($"{Source}: column '{name}' is text, not numeric.", nameof(name));
    }

    /// <summary>Column list for error messages: all names with indices when short, the ends when long.</summary>
    internal static string Describe(IReadOnlyList<string> names)
    {
        string Item(int i) => $"{i}:{names[i]}";
        if (names.Count <= 40) return string.Join(", ", Enumerable.Range(0, names.Count).Select(Item));
        return string.Join(", ", Enumerable.Range(0, 20).Select(Item)) + $", ... ({names.Count - 30} more) ..., "
            + string.Join(", ", Enumerable.Range(names.Count - 10, 10).Select(Item));
    }
}
