using System.Globalization;
using System.Net;
using System.Text;
using Markdig;
using PidReg.Evaluation;
using PidReg.Plots;

namespace PidReg.Cli.Reproduce;

/// <summary>
/// A grid's HTML page: the table and <see cref="ComparisonCharts.Models"/> of its test metrics. It loads plotly.js from
/// the file the pages of one output folder share (<see cref="ChartHtml.PlotlyJsFileName"/>), so it opens offline.
/// </summary>
internal static class GridPage
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1200px;margin:24px auto;padding:0 16px;color:#222}
        table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0}
        th,td{border:1px solid #ccc;padding:.2rem .5rem}
        th{background:#eee}
        .note{color:#555}
        """;

    /// <summary>The page of <paramref name="report"/>; <paramref name="command"/> is the reproduce command line that made it.</summary>
    public static string Render(GridReport report, string command)
    {
        var grid = report.Planned.Grid;
        var title = $"{grid.Name}: {report.Planned.Settings.Title}";
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n");
        var charts = Charts(report);
        // Charts call Plotly.newPlot as they are parsed, so plotly.js comes first, in the head.
        if (charts.Count > 0) html.Append(ChartHtml.PlotlyScriptReference()).Append('\n');
        var note = $"Behind the README's {grid.Table}. Made by `{command}`; the same table alone: `{report.Planned.ExperimentCommandLine()}`.";
        html.Append("</head>\n<body>\n<h1>").Append(WebUtility.HtmlEncode(grid.Name)).Append("</h1>\n")
            .Append("<div class=\"note\">").Append(Markdown.ToHtml(note, Pipeline)).Append("</div>\n")
            .Append(Markdown.ToHtml(report.Markdown(), Pipeline));
        if (charts.Count == 0) html.Append("<p class=\"note\">No run of this grid finished: there is nothing to chart.</p>\n");
        foreach (var chart in charts) html.Append(ChartHtml.Fragment(chart)).Append('\n');
        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>
    /// One chart per metric (RMSE, MAE, R², Pearson r: mean ± sd per model), each the page's width, so that every
    /// model's label fits; a metric with a value that is not finite (r of a constant prediction) is left out.
    /// </summary>
    static List<Plotly.NET.GenericChart> Charts(GridReport report)
    {
        var rows = report.Result.Rows;
        if (rows.Count == 0) return [];
        var grid = report.Planned.Grid;
        var seeds = grid.Seeds == 1 ? "one seed" : string.Create(CultureInfo.InvariantCulture, $"mean ± sd over {grid.Seeds} seeds");
        var models = rows.Select(r => r.Model).ToArray();
        return new (string Name, Func<ExperimentRow, MeanSd> Pick, string Unit)[]
        {
            ("RMSE", r => r.Rmse, grid.TargetUnit), ("MAE", r => r.Mae, grid.TargetUnit), ("R²", r => r.R2, ""), ("Pearson r", r => r.Pearson, ""),
        }
            .Where(m => rows.All(r => double.IsFinite(m.Pick(r).Mean) && double.IsFinite(m.Pick(r).Sd)))
            .Select(m => ComparisonCharts.Models(models,
                [new MetricSummary(m.Name, rows.Select(r => m.Pick(r).Mean).ToArray(), rows.Select(r => m.Pick(r).Sd).ToArray(), m.Unit)],
                $"{m.Name}, {grid.Name}: test split, {seeds}", grid.Seeds))
            .ToList();
    }
}
