using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace PidReg.Notebooks;

/// <summary>
/// Registers the kit's HTML views with Microsoft.DotNet.Interactive.Formatting, so a Polyglot kernel
/// shows charts, DataFrames and <see cref="IHtmlDisplay"/> values the way the headless runner does.
/// Call it once in a notebook's first cell; calling it again does nothing.
/// </summary>
public static class KernelFormatters
{
    static readonly Lock Gate = new();
    static bool registered;
    // A kernel's outputs share one page, so plotly.js travels with the first chart only.
    static bool plotlyJsSent;

    /// <summary>Registers the formatters with the kernel's global Formatter (idempotent).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            Formatter.Register<IHtmlDisplay>((value, writer) => writer.Write(value.ToHtml()), HtmlFormatter.HtmlMimeType);
            Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartWithPlotlyOnce(chart)), HtmlFormatter.HtmlMimeType);
            Formatter.Register<DataFrame>((frame, writer) => writer.Write(HtmlFormatter.TryFormat(frame)), HtmlFormatter.HtmlMimeType);
            registered = true;
        }
    }

    static string ChartWithPlotlyOnce(GenericChart chart)
    {
        lock (Gate)
        {
            var html = GenericChart.toChartHTML(chart);
            if (plotlyJsSent) return html;
            plotlyJsSent = true;
            return "<script>" + HtmlFormatter.EscapeScript(PlotlyJs.Source) + "</script>" + html;
        }
    }
}
