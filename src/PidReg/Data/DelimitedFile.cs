using System.Text;

namespace PidReg.Data;

/// <summary>Raw cells of a delimited text file (optionally gzip-compressed), with 1-based line numbers for errors.</summary>
internal sealed class DelimitedFile
{
    public required string Path { get; init; }
    public required string[] Header { get; init; }
    public required List<string[]> Rows { get; init; }
    public required List<int> LineNumbers { get; init; }

    /// <summary>Opens a file for reading, transparently decompressing names ending in .gz.</summary>
    public static Stream Open(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Data file not found: '{path}'.", path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new VerifiedGzipStream(path) : File.OpenRead(path);
    }

    /// <summary>
    /// Reads all rows. delimiter ' ' means "any run of whitespace". Every row must have the header's
    /// number of cells; blank lines are skipped. columnNames replaces a missing header row.
    /// </summary>
    public static DelimitedFile Read(string path, char delimiter = ',', IReadOnlyList<string>? columnNames = null)
    {
        var rows = new List<string[]>();
        var lines = new List<int>();
        var header = Stream(path, delimiter, columnNames, null, (cells, line) => { rows.Add(cells); lines.Add(line); });
        return new DelimitedFile { Path = path, Header = header, Rows = rows, LineNumbers = lines };
    }

    /// <summary>
    /// Like <see cref="Read"/> but hands each data row (cells, 1-based line number) to onRow instead of
    /// keeping all cells, so large files are not held as strings; onHeader gets the header first. Returns the header.
    /// </summary>
    public static string[] Stream(string path, char delimiter, IReadOnlyList<string>? columnNames, Action<string[]>? onHeader, Action<string[], int> onRow)
    {
        using var stream = Open(path);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string[]? header = columnNames?.ToArray();
        if (header != null) onHeader?.Invoke(header);
        int lineNo = 0;
        try
        {
            for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine())
            {
                lineNo++;
                if (line.Length == 0 || (delimiter == ' ' && string.IsNullOrWhiteSpace(line))) continue;
                var cells = Split(line, delimiter);
                if (header == null)
                {
                    header = cells;
                    onHeader?.Invoke(header);
                    continue;
                }
                if (cells.Length != header.Length)
                    throw new InvalidDataException(
                        $"{path}: line {lineNo} has {cells.Length} cells but the header has {header.Length} columns (ragged row).");
                onRow(cells, lineNo);
            }
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: the compressed stream is corrupt or truncated near line {lineNo + 1} ({e.Message}).", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the file is truncated near line {lineNo + 1}.", e);
        }
        return header ?? throw new InvalidDataException($"{path}: the file is empty (a header row is required).");
    }

    static string[] Split(string line, char delimiter)
    {
        if (delimiter == ' ')
            return line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (line.IndexOf('"') < 0)
            return TrimAll(line.Split(delimiter));
        // Minimal RFC 4180 quoting: quoted cells may contain the delimiter and doubled quotes.
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == delimiter) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return TrimAll(cells.ToArray());
    }

    static string[] TrimAll(string[] cells)
    {
        for (int i = 0; i < cells.Length; i++) cells[i] = cells[i].Trim();
        return cells;
    }
}
