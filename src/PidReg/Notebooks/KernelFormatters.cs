using System.Collections;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Plots;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace PidReg.Notebooks;

/// <summary>
/// Registers the kit's HTML views with Microsoft.DotNet.Interactive.Formatting, so the .NET Interactive kernel shows
/// charts (plotly.js embedded once, offline), DataFrames, the comparison and modality-selection results, registry
/// entries, sequences of records and <see cref="IHtmlDisplay"/> values as the kit means them. <see cref="KernelSetup.Initialize"/> calls it; calling it again does nothing.
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
            // The comparison table, the modality-selection report and a registry entry, as tables rather than property trees.
            Formatter.Register<ExperimentResult>((result, writer) => writer.Write(HtmlFormatter.TryFormat(result)), HtmlFormatter.HtmlMimeType);
            Formatter.Register<ModalitySelectionReport>((report, writer) => writer.Write(HtmlFormatter.TryFormat(report)), HtmlFormatter.HtmlMimeType);
            Formatter.Register<DatasetInfo>((info, writer) => writer.Write(HtmlFormatter.TryFormat(info)), HtmlFormatter.HtmlMimeType);
            // Sequences of records (experiment rows, per-site errors) as one table with a column per property; the kernel's
            // own view nests a collapsed tree per row. Anything the kit has no table for keeps the kernel's view.
            Formatter.Register<IEnumerable>((sequence, context) =>
            {
                if (sequence is string || HtmlFormatter.TryFormat(sequence) is not { } html) return false;
                context.Writer.Write(html);
                return true;
            }, HtmlFormatter.HtmlMimeType);
            registered = true;
        }
    }

    static string ChartWithPlotlyOnce(GenericChart chart)
    {
        lock (Gate)
        {
            var html = ChartHtml.Fragment(chart);
            if (plotlyJsSent) return html;
            plotlyJsSent = true;
            return ChartHtml.PlotlyScript() + html;
        }
    }
}
