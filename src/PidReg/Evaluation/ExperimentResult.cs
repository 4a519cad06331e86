using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Analysis;

namespace PidReg.Evaluation;

/// <summary>A finished comparison: one row per model (mean ± sd over seeds) and every single run.</summary>
/// <param name="Dataset">Name of the dataset.</param>
/// <param name="Rows">One row per model, in the requested order.</param>
/// <param name="Runs">Every (model, seed) run.</param>
/// <param name="PaperLabel">Header of the side column of published numbers.</param>
public sealed record ExperimentResult(string Dataset, IReadOnlyList<ExperimentRow> Rows, IReadOnlyList<ExperimentRun> Runs, string PaperLabel)
{
    /// <summary>The runs that did not finish, in the canonical (model, seed) order; their models' rows count only the runs that did. Default none.</summary>
    public IReadOnlyList<ExperimentFailure> Failures { get; init; } = [];

    bool HasSentiment => Rows.Any(r => r.Acc2 is not null);
    bool HasPaper => Rows.Any(r => r.Paper is not null);

    /// <summary>
    /// The table as a DataFrame: model, seeds, &lt;metric&gt;_mean and &lt;metric&gt;_sd for rmse, mae, r2, pearson
    /// (acc2, f1, acc7 with sentiment) and seconds_per_epoch, parameters, and "paper" when published numbers were given.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("model", Rows.Select(r => r.Model)),
            new Int32DataFrameColumn("seeds", Rows.Select(r => r.Seeds)),
        };
        foreach (var (name, pick) in Metrics())
        {
            columns.Add(new DoubleDataFrameColumn(name + "_mean", Rows.Select(r => pick(r)?.Mean)));
            columns.Add(new DoubleDataFrameColumn(name + "_sd", Rows.Select(r => pick(r)?.Sd)));
        }
        columns.Add(new Int64DataFrameColumn("parameters", Rows.Select(r => r.Parameters)));
        if (HasPaper) columns.Add(new DoubleDataFrameColumn("paper", Rows.Select(r => r.Paper)));
        return new DataFrame(columns);
    }

    /// <summary>
    /// A GitHub markdown table, "mean ± sd" per cell (<see cref="MeanSd.ToString()"/>: the sd to two significant digits,
    /// the mean to the same decimal place), only the mean for a model of one seed; invariant culture.
    /// </summary>
    public string ToMarkdown()
    {
        var metrics = Metrics().ToArray();
        var headers = new List<string> { "model" };
        headers.AddRange(metrics.Select(m => Header(m.Name)));
        headers.Add("parameters");
        if (HasPaper) headers.Add(PaperLabel);
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", headers) + " |");
        text.AppendLine("|" + string.Concat(headers.Select((_, i) => i == 0 ? " --- |" : " ---: |")));
        foreach (var row in Rows)
        {
            var cells = new List<string> { row.Model };
            cells.AddRange(metrics.Select(m => m.Pick(row)?.ToString(row.Seeds) ?? ""));
            cells.Add(row.Parameters.ToString("N0", CultureInfo.InvariantCulture));
            if (HasPaper) cells.Add(row.Paper?.ToString("G4", CultureInfo.InvariantCulture) ?? "");
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        return text.ToString();
    }

    /// <summary>
    /// The CLI's JSON: an array of rows {"model", "seeds", "rmse": {"mean", "sd"}, "mae", "r2", "pearson",
    /// ["acc2", "f1", "acc7",] "secondsPerEpoch", "parameters"[, "paper"]}; non-finite numbers are written as null.
    /// </summary>
    public string ToJson()
    {
        static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
        static JsonObject Pair(MeanSd m) => new() { ["mean"] = Number(m.Mean), ["sd"] = Number(m.Sd) };
        var array = new JsonArray();
        foreach (var row in Rows)
        {
            var o = new JsonObject
            {
                ["model"] = row.Model, ["seeds"] = row.Seeds,
                ["rmse"] = Pair(row.Rmse), ["mae"] = Pair(row.Mae), ["r2"] = Pair(row.R2), ["pearson"] = Pair(row.Pearson),
            };
            if (row.Acc2 is not null) o["acc2"] = Pair(row.Acc2);
            if (row.F1 is not null) o["f1"] = Pair(row.F1);
            if (row.Acc7 is not null) o["acc7"] = Pair(row.Acc7);
            o["secondsPerEpoch"] = Pair(row.SecondsPerEpoch);
            o["parameters"] = row.Parameters;
            if (row.Paper is double paper) o["paper"] = paper;
            array.Add(o);
        }
        return array.ToJsonString();
    }

    IEnumerable<(string Name, Func<ExperimentRow, MeanSd?> Pick)> Metrics()
    {
        yield return ("rmse", r => r.Rmse);
        yield return ("mae", r => r.Mae);
        yield return ("r2", r => r.R2);
        yield return ("pearson", r => r.Pearson);
        if (HasSentiment)
        {
            yield return ("acc2", r => r.Acc2);
            yield return ("f1", r => r.F1);
            yield return ("acc7", r => r.Acc7);
        }
        yield return ("seconds_per_epoch", r => r.SecondsPerEpoch);
    }

    static string Header(string name) => name switch
    {
        "rmse" => "RMSE", "mae" => "MAE", "r2" => "R²", "pearson" => "Pearson r",
        "acc2" => "Acc-2", "f1" => "F1", "acc7" => "Acc-7", "seconds_per_epoch" => "s / epoch", _ => name,
    };
}
