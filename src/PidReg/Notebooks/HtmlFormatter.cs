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
/// its script, without plotly.js: the document embeds that once), DataFrames and sequences of records
/// (a table). Plain text for everything, so a reader without HTML still sees something useful.
/// </summary>
public static class HtmlFormatter
{
    /// <summary>The HTML MIME type of notebook outputs.</summary>
    public const string HtmlMimeType = "text/html";

    /// <summary>The plain-text MIME type of notebook outputs.</summary>
    public const string PlainTextMimeType = "text/plain";

    /// <summary>Rows shown for DataFrames and sequences; the rest are counted in a footer.</summary>
    public const int MaxRows = 50;

    /// <summary>The HTML fragment for <paramref name="value"/>, or null when no HTML view beats plain text.</summary>
    public static string? TryFormat(object? value) => value switch
    {
        null => null,
        IHtmlDisplay display => display.ToHtml(),
        GenericChart chart => GenericChart.toChartHTML(chart),
        DataFrame frame => DataFrameTable(frame),
        string => null,
        IEnumerable sequence => SequenceTable(sequence),
        _ => null,
    };

    /// <summary>Plain text: sequences as [a, b, c], charts named, everything else through invariant-culture ToString.</summary>
    public static string FormatPlainText(object? value) => value switch
    {
        null => "null",
        string s => s,
        GenericChart => "Plotly chart (open the HTML output to see it)",
        DataFrame frame => $"DataFrame: {frame.Rows.Count} rows x {frame.Columns.Count} columns",
        IDictionary or IHtmlDisplay => Invariant(value),
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Take(MaxRows).Select(Invariant))
                                    + (sequence.Cast<object?>().Skip(MaxRows).Any() ? ", ...]" : "]"),
        _ => Invariant(value),
    };

    /// <summary>HTML-encodes text for use inside an element or an attribute.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Makes script text safe inside a script element (a literal "&lt;/script" would end it early).</summary>
    public static string EscapeScript(string script) => script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

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

    static string Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, long total)
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
