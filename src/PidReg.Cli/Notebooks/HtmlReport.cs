using PidReg.Plots;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;
using PidReg.Notebooks;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// An HTML page for an executed notebook: markdown rendered with Markdig, code with its outputs, plotly.js once in the
/// head when a chart is present (inline, or from a file beside the page that the reports of a folder share), no network
/// reference.
/// Cell sections carry <c>id="cell-N"</c> (N = position in the executed notebook).
/// </summary>
internal static partial class HtmlReport
{
    static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#fafafa;color:#222}
        main{max-width:1100px;margin:0 auto;padding:1rem 2rem 4rem}
        header.run{border-bottom:1px solid #ddd;margin-bottom:1rem;color:#555;font-size:.9rem}
        section.cell{margin:.8rem 0}
        .markdown{line-height:1.5}
        .prompt{font-family:monospace;color:#888;font-size:.8rem}
        .prompt .status-failed,.prompt .status-timed-out{color:#b00;font-weight:bold}
        .prompt .status-skipped,.prompt .status-not-executed{color:#a60;font-weight:bold}
        pre{margin:0;padding:.5rem .7rem;overflow-x:auto;font-size:.85rem}
        pre.source{background:#f0f3f7;border:1px solid #dde3ea;border-radius:4px}
        .outputs{padding:.3rem 0 0 .7rem}
        pre.stderr{background:#fff4f4}
        pre.error{background:#fdecec;color:#900;border-left:4px solid #c00}
        .banner{background:#fdecec;border:2px solid #c00;padding:.6rem 1rem;border-radius:4px}
        table.pidreg-table{border-collapse:collapse;font-size:.85rem;margin:.3rem 0}
        table.pidreg-table th,table.pidreg-table td{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}
        table.pidreg-table th{background:#eee}
        """;

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();

    // The kernel's notes, as dotnet-interactive writes them, that a package brought a kernel extension (an assembly or an
    // extension.dib script): kept in the executed notebook as Jupyter's kernel would, left out of the report, where they
    // are lines of NuGet cache paths above the cell's output.
    [GeneratedRegex("^Loading extension(s| script) from `[^`\n]*`\\s*$")]
    private static partial Regex ExtensionNote();

    /// <summary>
    /// Renders <paramref name="notebook"/> (already executed) as one HTML document. With <paramref name="plotlyJs"/> the
    /// page loads plotly.js from that relative path (a file shared by the reports of one folder, see
    /// <see cref="ChartHtml.PlotlyJsFile"/>) instead of carrying its 3.6 MB inline.
    /// </summary>
    public static string Render(NotebookDocument notebook, string title, string? plotlyJs = null)
    {
        var body = new StringBuilder();
        var run = notebook.Metadata[NotebookRunner.MetadataKey] as JsonObject;
        if (run is not null) body.Append(RunHeader(run));
        var position = 0;
        foreach (var cell in notebook.Cells)
        {
            if (cell.Tags.Contains(NotebookRunner.BannerTag))
            {
                body.Append("<div class=\"banner\">").Append(Markdig.Markdown.ToHtml(cell.Source, Markdown)).Append("</div>\n");
                continue;
            }
            position++;
            body.Append(CultureInfo.InvariantCulture, $"<section class=\"cell {cell.CellType}\" id=\"cell-{position}\">\n");
            switch (cell.CellType)
            {
                case "markdown":
                    body.Append("<div class=\"markdown\">").Append(Markdig.Markdown.ToHtml(cell.Source, Markdown)).Append("</div>\n");
                    break;
                case "code":
                    AppendCode(body, cell, position);
                    break;
                default:
                    body.Append("<pre class=\"raw\">").Append(HtmlFormatter.Encode(cell.Source)).Append("</pre>\n");
                    break;
            }
            body.Append("</section>\n");
        }
        // The kernel sent plotly.js along with the notebook's first chart; the page loads it once, in the head.
        var html = body.ToString().Replace(ChartHtml.PlotlyScript(), "", StringComparison.Ordinal);
        var head = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(HtmlFormatter.Encode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n");
        // Charts call Plotly.newPlot as they are parsed, so plotly.js must come first: once, in the head.
        if (HasCharts(html))
            head.Append(plotlyJs is null ? ChartHtml.PlotlyScript() : ChartHtml.PlotlyScriptReference(plotlyJs)).Append('\n');
        return head.Append("</head>\n<body>\n<main>\n<h1 class=\"title\">").Append(HtmlFormatter.Encode(title)).Append("</h1>\n")
            .Append(html).Append("</main>\n</body>\n</html>\n").ToString();
    }

    /// <summary>Whether a rendered page draws a chart, so needs plotly.js.</summary>
    public static bool HasCharts(string html) => html.Contains("Plotly.newPlot", StringComparison.Ordinal);

    static string RunHeader(JsonObject run)
    {
        var text = new StringBuilder("<header class=\"run\"><p>Executed by <code>pidreg notebooks run</code>");
        if (run["start_time"] is JsonNode start) text.Append(" on ").Append(HtmlFormatter.Encode(start.ToString()));
        if (run["duration"] is JsonNode duration) text.Append(CultureInfo.InvariantCulture, $" in {duration.GetValue<double>():0.0} s");
        text.Append(run["quick"]?.GetValue<bool>() == true ? " (quick mode)" : "").Append(".</p>");
        if (run["parameters"] is JsonObject { Count: > 0 } parameters)
            text.Append("<p>Parameters: ").Append(string.Join(", ", parameters.Select(p => $"<code>{HtmlFormatter.Encode(p.Key)} = {HtmlFormatter.Encode(p.Value?.ToJsonString() ?? "null")}</code>"))).Append("</p>");
        return text.Append("</header>\n").ToString();
    }

    static void AppendCode(StringBuilder body, NotebookCell cell, int position)
    {
        var run = cell.Metadata[NotebookRunner.MetadataKey] as JsonObject;
        var status = run?["status"]?.GetValue<string>();
        var count = cell.Json["execution_count"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>().ToString(CultureInfo.InvariantCulture) : " ";
        body.Append(CultureInfo.InvariantCulture, $"<div class=\"prompt\">In [{count}] · cell {position}");
        if (run?["duration"] is JsonNode duration) body.Append(CultureInfo.InvariantCulture, $" · {duration.GetValue<double>():0.00} s");
        if (status is not null and not "completed")
            body.Append(CultureInfo.InvariantCulture, $" · <span class=\"status-{status}\">{HtmlFormatter.Encode(StatusText(status, run))}</span>");
        body.Append("</div>\n<pre class=\"source\"><code>").Append(HtmlFormatter.Encode(cell.Source)).Append("</code></pre>\n<div class=\"outputs\">\n");
        foreach (var output in cell.Outputs.OfType<JsonObject>()) body.Append(Output(output)).Append('\n');
        body.Append("</div>\n");
    }

    static string StatusText(string status, JsonObject? run) => status switch
    {
        "skipped" => "skipped: an earlier cell failed",
        "not-executed" => $"not executed: {run?["kernel"]} cell",
        "timed-out" => "timed out",
        _ => status,
    };

    static string Output(JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var name = output["name"]?.GetValue<string>() ?? "stdout";
                return $"<pre class=\"stream {HtmlFormatter.Encode(name)}\">{HtmlFormatter.Encode(NotebookDocument.FromLines(output["text"]))}</pre>";
            case "error":
                var trace = output["traceback"] is JsonArray lines ? string.Join("\n", lines.Select(l => l?.GetValue<string>() ?? "")) : "";
                var text = $"{output["ename"]}: {output["evalue"]}\n{trace}";
                return $"<pre class=\"error\">{HtmlFormatter.Encode(AnsiEscape().Replace(text, ""))}</pre>";
            default:
                if (output["data"] is not JsonObject data) return "";
                string Get(string mime) => NotebookDocument.FromLines(data[mime]);
                if (data.Count == 1 && data.ContainsKey("text/plain") && ExtensionNote().IsMatch(Get("text/plain"))) return "";
                if (data.ContainsKey("text/html")) return "<div class=\"html\">" + Get("text/html") + "</div>";
                if (data.ContainsKey("image/svg+xml")) return Get("image/svg+xml");
                foreach (var image in new[] { "image/png", "image/jpeg", "image/gif" })
                    if (data.ContainsKey(image)) return $"<img alt=\"output\" src=\"data:{image};base64,{Get(image).Replace("\n", "", StringComparison.Ordinal)}\">";
                if (data.ContainsKey("text/markdown")) return Markdig.Markdown.ToHtml(Get("text/markdown"), Markdown);
                return data.ContainsKey("text/plain") ? $"<pre>{HtmlFormatter.Encode(Get("text/plain"))}</pre>" : "";
        }
    }
}
