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
        if (Directory.Exists(path))
            throw new IOException($"'{path}' is a folder, not a file: give the CSV file itself (e.g. {System.IO.Path.Combine(path, "data.csv")}).");
        if (!File.Exists(path))
            throw new FileNotFoundException($"Data file not found: '{path}'.", path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new VerifiedGzipStream(path) : File.OpenRead(path);
    }

    /// <summary>
    /// Refuses, from its first bytes, a file that is not UTF-8 text (the kit reads UTF-8 and ASCII, with or without a
    /// BOM): UTF-16, a binary file (spreadsheet, archive, image) or gzip under a name without .gz. Without this the user
    /// sees hundreds of control characters quoted back, or NUL-riddled column names.
    /// </summary>
    static void CheckText(string path)
    {
        var head = new byte[4096];
        int count;
        using (var file = File.OpenRead(path)) count = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, count);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || LooksUtf16(bytes))
            throw new InvalidDataException($"{path}: the file's encoding is UTF-16, but the kit reads UTF-8 text: save it with the UTF-8 encoding (e.g. iconv -f UTF-16 -t UTF-8 in > out, or \"CSV UTF-8\" in a spreadsheet).");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
            throw new InvalidDataException($"{path}: the file is gzip-compressed, but its name does not end in .gz: rename it to {System.IO.Path.GetFileName(path)}.gz.");
        string? kind = bytes.StartsWith("PK\u0003\u0004"u8) ? "a zip archive (an .xlsx or .ods spreadsheet is one)"
            : bytes.StartsWith("%PDF"u8) ? "a PDF document"
            : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47]) ? "a PNG image"
            : bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]) ? "an old Office document (.xls)"
            : null;
        int control = 0, first = -1;
        for (int i = 0; i < bytes.Length; i++)
            if (bytes[i] < 0x20 && bytes[i] is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f'))
            {
                control++;
                if (first < 0) first = i;
            }
        // Text has no NUL and next to no control characters; one in a hundred bytes is binary.
        if (kind is not null || control > 0 && (bytes.Contains((byte)0) || control * 100 > bytes.Length))
            throw new InvalidDataException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{path}: this is not a text file but {kind ?? $"binary data (control byte 0x{bytes[first]:X2} at offset {first})"}; the kit reads CSV text: export the data as CSV (UTF-8, comma-separated)."));
    }

    /// <summary>UTF-16 without a BOM: in ASCII-range text every other byte is NUL.</summary>
    static bool LooksUtf16(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8) return false;
        int evenZero = 0, oddZero = 0;
        for (int i = 0; i + 1 < bytes.Length; i += 2)
        {
            if (bytes[i] == 0) evenZero++;
            if (bytes[i + 1] == 0) oddZero++;
        }
        int pairs = bytes.Length / 2;
        return (evenZero > pairs * 0.4 && oddZero == 0) || (oddZero > pairs * 0.4 && evenZero == 0);
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
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) CheckText(path);
        // Strict UTF-8: an invalid byte (Latin-1 or Windows-1252 text) is an error naming the line, never a mangled name.
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        string[]? header = columnNames?.ToArray();
        if (header != null) onHeader?.Invoke(header);
        int lineNo = 0;
        try
        {
            for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine())
            {
                lineNo++;
                if (line.Length == 0 || (delimiter == ' ' && string.IsNullOrWhiteSpace(line))) continue;
                int firstLine = lineNo;
                var cells = Split(line, delimiter, out bool open);
                // RFC 4180: a quoted cell may hold line breaks; the record goes on to the line that closes the quote.
                while (open)
                {
                    var next = reader.ReadLine()
                        ?? throw new InvalidDataException(
                            $"{path}: line {firstLine} opens a quoted cell (\") that is never closed (unterminated quote; the file ends inside it); close the quote, or double a quote that belongs in the cell (\"\").");
                    lineNo++;
                    line += "\n" + next;
                    cells = Split(line, delimiter, out open);
                }
                if (header == null)
                {
                    header = cells;
                    onHeader?.Invoke(header);
                    continue;
                }
                if (cells.Length != header.Length)
                    throw new InvalidDataException(
                        $"{path}: line {firstLine} has {cells.Length} cells but the header has {header.Length} columns (ragged row).");
                onRow(cells, lineNo);
            }
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: the compressed stream is corrupt or truncated near line {lineNo + 1} ({e.Message}).", e);
        }
        catch (DecoderFallbackException e)
        {
            var bad = e.BytesUnknown is { Length: > 0 } b ? $" (byte 0x{b[0]:X2})" : "";
            throw new InvalidDataException(
                $"{path}: near line {lineNo + 1} the file is not valid UTF-8{bad}: its encoding seems to be Latin-1 or Windows-1252; save it with the UTF-8 encoding (e.g. iconv -f LATIN1 -t UTF-8 in > out, or \"CSV UTF-8\" in a spreadsheet).", e);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: the file is truncated near line {lineNo + 1}.", e);
        }
        return header ?? throw new InvalidDataException($"{path}: the file is empty (a header row is required).");
    }

    // open: true when the line ends inside a quoted cell (the record continues on the next line).
    static string[] Split(string line, char delimiter, out bool open)
    {
        open = false;
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
        open = quoted;
        return TrimAll(cells.ToArray());
    }

    static string[] TrimAll(string[] cells)
    {
        for (int i = 0; i < cells.Length; i++) cells[i] = cells[i].Trim();
        return cells;
    }
}
