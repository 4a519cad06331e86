using System.Globalization;
using System.Text;
using PidReg.Data;
using PidReg.Evaluation;

namespace PidReg.Notebooks;

/// <summary>
/// The tables a notebook shows for the kit's result records, so that a cell ends with the value itself (<c>result</c>,
/// <c>selection</c>, <c>info</c>) rather than a projection of it. The kernel's own view of a record is a tree of its
/// properties, with each mean ± sd nested two levels down.
/// </summary>
internal static class ResultTables
{
    /// <summary>
    /// The HTML table of <paramref name="value"/>, or null when it is none of <see cref="ExperimentResult"/>,
    /// <see cref="ModalitySelectionReport"/> and <see cref="DatasetInfo"/> (the types <see cref="KernelFormatters"/> registers).
    /// </summary>
    public static string? TryFormat(object? value) => value switch
    {
        ExperimentResult result => Comparison(result),
        ModalitySelectionReport report => Selection(report),
        DatasetInfo info => Registry(info),
        _ => null,
    };

    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// One row per model: seeds, mean ± sd of RMSE, MAE, R² (and Acc-2, F1, Acc-7 for sentiment), seconds per epoch,
    /// parameters, and the published number under the table's paper label when one was given. One seed shows the mean only.
    /// </summary>
    static string Comparison(ExperimentResult result)
    {
        var metrics = new List<ComparisonMetric> { ComparisonMetric.Rmse, ComparisonMetric.Mae, ComparisonMetric.R2 };
        if (result.Rows.Any(r => r.Acc2 is not null)) metrics.AddRange([ComparisonMetric.Acc2, ComparisonMetric.F1, ComparisonMetric.Acc7]);
        bool paper = result.Rows.Any(r => r.Paper is not null);
        var header = new List<string> { "model", "seeds" };
        header.AddRange(metrics.Select(m => m.Label()));
        header.AddRange(["s / epoch", "parameters"]);
        if (paper) header.Add(result.PaperLabel);
        var rows = result.Rows.Select(r =>
        {
            var cells = new List<string> { r.Model, r.Seeds.ToString(C) };
            cells.AddRange(metrics.Select(m => m.Of(r)?.ToString(r.Seeds) ?? ""));
            cells.AddRange([r.SecondsPerEpoch.ToString(r.Seeds), r.Parameters.ToString("N0", C)]);
            if (paper) cells.Add(r.Paper?.ToString(C) ?? "");
            return (IReadOnlyList<string>)cells;
        }).ToArray();
        var html = new StringBuilder(HtmlFormatter.Table(header, rows, rows.Length));
        foreach (var failure in result.Failures)
            html.Append("<p>").Append(HtmlFormatter.Encode($"failed: {failure.Model} seed {failure.Seed}: {failure.Message}")).Append("</p>");
        return html.ToString();
    }

    /// <summary>The fused model's scores, whether the PID's ranking agrees with the measured cost, and one row per modality dropped.</summary>
    static string Selection(ModalitySelectionReport report)
    {
        string[] header = ["drop", "unique bits", "PID account bits", "PID share", "R² without", "R² loss", "RMSE increase", "time saved"];
        var rows = report.Modalities.Select(m => (IReadOnlyList<string>)
        [
            m.Modality, m.UniqueBits.ToString("F4", C), m.PidBits.ToString("F4", C), m.PidFraction.ToString("F3", C),
            m.WithoutScores.R2.ToString("F4", C), m.R2Loss.ToString("F4", C), m.RmseIncrease.ToString("F4", C), m.InferenceSaving.ToString("P1", C),
        ]).ToArray();
        return "<p>" + HtmlFormatter.Encode($"fused PIDReg: {report.FusedScores}") + "<br>"
            + HtmlFormatter.Encode($"PID ranking agrees with the measured cost of dropping: {report.PidRankingAgrees}") + "</p>"
            + HtmlFormatter.Table(header, rows, rows.Length);
    }

    /// <summary>A registry entry: what Load returns now, whether the real files are there and where they go.</summary>
    static string Registry(DatasetInfo info)
    {
        string[] header = ["name", "kind", "real files present", "location", "modalities", "note"];
        IReadOnlyList<string> row =
        [
            info.Name, info.Kind, info.RealFilesPresent.ToString(C), info.Location,
            string.Join(", ", info.Modalities.Select(m => string.Create(C, $"{m.Name}[{m.Dims}]"))), info.Note,
        ];
        return HtmlFormatter.Table(header, [row], 1);
    }
}
