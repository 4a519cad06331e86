using PidReg.Plots;
using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.Data.Analysis;
using Plotly.NET;

namespace PidReg.Notebooks;

/// <summary>
/// HTML for the values notebooks show: <see cref="IHtmlDisplay"/> objects, Plotly.NET charts (a div and
/// its script, without plotly.js: the document embeds that once), DataFrames, the kit's comparison, modality-selection
/// and registry records, and sequences of records (a table, cells in the invariant culture). Everything else is left to the kernel's own views.
/// </summary>
public static class HtmlFormatter
{
    /// <summary>The HTML MIME type of notebook outputs.</summary>
    public const string HtmlMimeType = "text/html";

    /// <summary>Rows shown for DataFrames and sequences; the rest are counted in a footer.</summary>
    public const int MaxRows = 50;

    /// <summary>The HTML fragment for <paramref name="value"/>, or null when no HTML view beats plain text.</summary>
    public static string? TryFormat(object? value) => value switch
    {
        null => null,
        IHtmlDisplay display => display.ToHtml(),
        GenericChart chart => ChartHtml.Fragment(chart),
        DataFrame frame => DataFrameTable(frame),
        string => null,
        _ when ResultTables.TryFormat(value) is { } table => table,
        IEnumerable sequence => SequenceTable(sequence),
        _ => null,
    };

    /// <summary>HTML-encodes text for use inside an element or an attribute.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    static string Invariant(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    static string DataFrameTable(DataFrame frame)
    {
        var header = frame.Columns.Select(c => c.Name).ToList();
        var rows = frame.Rows.Take(MaxRows).Select(r => r.Select(Invariant).ToList()).ToList();
        return Table(header, rows, frame.Rows.Count);
    }

    static string SequenceTable(IEnumerable sequence)
    {
        var items = sequence.Cast<object?>().Take(MaxRows + 1).ToList();
        long total = sequence is ICollection c ? c.Count : items.Count;
        items = items.Take(MaxRows).ToList();
        var elementType = items.FirstOrDefault(i => i is not null)?.GetType();
        // Records and other objects show one column per public property; scalars get a single value column.
        var properties = elementType is null || IsScalar(elementType)
            ? []
            : elementType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        var header = properties.Length == 0 ? new List<string> { "index", "value" } : properties.Select(p => p.Name).ToList();
        var rows = items.Select((item, i) => properties.Length == 0
            ? new List<string> { i.ToString(CultureInfo.InvariantCulture), Invariant(item) }
            : properties.Select(p => item is null || !p.DeclaringType!.IsInstanceOfType(item) ? "" : Invariant(p.GetValue(item))).ToList()).ToList();
        return Table(header, rows, total);
    }

    static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime);

    /// <summary>A table of text cells (encoded here); a footer counts the rows of <paramref name="total"/> not shown.</summary>
    internal static string Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, long total)
    {
        var html = new StringBuilder("<table class=\"pidreg-table\"><thead><tr>");
        foreach (var h in header) html.Append("<th>").Append(Encode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (total > rows.Count)
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"pidreg-more\">{total - rows.Count} more rows not shown</p>");
        return html.ToString();
    }
}
