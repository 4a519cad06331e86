using System.Net;
using System.Text;
using Plotly.NET;

namespace PidReg.Plots;

/// <summary>
/// Offline HTML for charts. Plotly.NET's own HTML loads plotly.js from a CDN and is blank offline, so a document
/// embeds the plotly.js 2.28.0 that ships inside the Plotly.NET assembly, once, and every chart is a
/// <see cref="Fragment"/> that only draws into its div. A page that already has <see cref="PlotlyScript"/> in its
/// head can take any number of fragments.
/// </summary>
public static class ChartHtml
{
    /// <summary>Name of the plotly.js resource embedded in Plotly.NET 6.0.0.</summary>
    public const string PlotlyJsResource = "Plotly.NET.plotly-2.28.0.min.js";

    static readonly Lazy<string> PlotlyJs = new(() =>
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(PlotlyJsResource)
            ?? throw new InvalidOperationException(
                $"The Plotly.NET assembly has no resource '{PlotlyJsResource}'; is Plotly.NET 6.0.0 the version loaded?");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>The full plotly.js 2.28.0 source (about 3.6 MB), read from the Plotly.NET assembly.</summary>
    public static string PlotlyJsSource() => PlotlyJs.Value;

    /// <summary>
    /// An inline &lt;script&gt; element holding all of plotly.js. Put it once in a document's &lt;head&gt;, after
    /// &lt;meta charset="utf-8"&gt;, before any <see cref="Fragment"/>.
    /// </summary>
    /// <remarks>
    /// plotly.js is a UMD bundle: where an AMD loader is on the page (classic Jupyter, and nbconvert's HTML, which loads
    /// require.js) it registers itself as a module and leaves no global Plotly, so no chart would draw. The bundle is
    /// therefore run with define, module and exports hidden, and always becomes window.Plotly.
    /// </remarks>
    public static string PlotlyScript() =>
        "<script type=\"text/javascript\" charset=\"utf-8\">" + EscapeScript(PlotlyJsFile()) + "</script>";

    /// <summary>
    /// The name of the plotly.js file several pages in one folder can share (<see cref="PlotlyJsFile"/>), versioned so
    /// that reports of another kit version beside them keep their own.
    /// </summary>
    public const string PlotlyJsFileName = "plotly-2.28.0.min.js";

    /// <summary>
    /// The text of <see cref="PlotlyJsFileName"/>: plotly.js run with define, module and exports hidden, as in
    /// <see cref="PlotlyScript"/>, so that it becomes window.Plotly whether or not the page has an AMD loader.
    /// </summary>
    public static string PlotlyJsFile() =>
        "(function (define, module, exports) {\n" + PlotlyJs.Value + "\n})(undefined, undefined, undefined);\n";

    /// <summary>
    /// A &lt;script&gt; element that loads the shared plotly.js from <paramref name="relativePath"/> (a file written
    /// from <see cref="PlotlyJsFile"/>; a relative path, so the page still opens offline from disk), followed by a
    /// script that tells the reader, in place of the charts, that the file is missing when the page was copied without it.
    /// </summary>
    public static string PlotlyScriptReference(string relativePath = PlotlyJsFileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        var src = WebUtility.HtmlEncode(relativePath);
        var missing = System.Text.Json.JsonSerializer.Serialize(
            $"The charts of this page need {relativePath} beside it (pidreg writes it into the output folder with the page); copy that file along with the page.");
        return $"<script type=\"text/javascript\" charset=\"utf-8\" src=\"{src}\"></script>\n"
            + "<script type=\"text/javascript\">window.addEventListener('DOMContentLoaded', function () { if (window.Plotly) return; "
            + "var note = document.createElement('p'); note.className = 'plotly-missing'; note.style.cssText = 'background:#fdecec;border:2px solid #c00;padding:.6rem 1rem'; "
            + $"note.textContent = {EscapeScript(missing)}; document.body.insertBefore(note, document.body.firstChild); }});</script>";
    }

    /// <summary>Makes script text safe inside an inline &lt;script&gt; element: a literal "&lt;/script" would end it early.</summary>
    public static string EscapeScript(string script) =>
        script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The chart as a &lt;div&gt; plus the &lt;script&gt; that draws it with the page's global Plotly, without
    /// plotly.js itself. It draws only in a page that has loaded <see cref="PlotlyScript"/> before it.
    /// </summary>
    public static string Fragment(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.toChartHTML(chart);
    }

    /// <summary>
    /// A self-contained UTF-8 HTML document: meta charset first in the head, the title, plotly.js once, then each
    /// chart in order. It needs no network.
    /// </summary>
    public static string Document(string title, params IReadOnlyList<GenericChart> charts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(charts);
        if (charts.Count == 0) throw new ArgumentException("charts is empty; a document needs at least one chart.", nameof(charts));
        for (int i = 0; i < charts.Count; i++)
            if (charts[i] is null) throw new ArgumentException($"charts[{i}] is null.", nameof(charts));

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n");
        html.Append("<style>body{font-family:").Append(PlotStyle.FontFamily.Replace("'", ""))
            .Append(";max-width:1200px;margin:24px auto;padding:0 16px;color:#222}</style>\n");
        html.Append(PlotlyScript()).Append("\n</head>\n<body>\n");
        html.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n");
        foreach (var chart in charts) html.Append(Fragment(chart)).Append('\n');
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes <see cref="Document"/> to <paramref name="path"/> as UTF-8 without a byte-order mark.</summary>
    public static void Write(string path, string title, params IReadOnlyList<GenericChart> charts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, Document(title, charts), new UTF8Encoding(false));
    }
}
