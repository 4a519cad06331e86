namespace PidReg.Data;

/// <summary>How <see cref="CsvTable.Read(string, CsvReadOptions?)"/> reads a delimited file.</summary>
public sealed record CsvReadOptions
{
    /// <summary>Cell delimiter. Default ','. Use '\t' for TSV and ' ' for "any run of whitespace".</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Columns kept as text (ids, sites) instead of parsed as doubles. Default: none.</summary>
    public IReadOnlyCollection<string> TextColumns { get; init; } = [];

    /// <summary>Column names for a file without a header row. Default null: the first row is the header.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>Checks the options; messages name the field.</summary>
    public void Validate()
    {
        if (Delimiter is '"' or '\n' or '\r')
            throw new ArgumentOutOfRangeException(nameof(Delimiter), Delimiter, "must not be a quote or a line break");
        if (ColumnNames is { Count: 0 })
            throw new ArgumentException("must name at least one column when given", nameof(ColumnNames));
    }
}
