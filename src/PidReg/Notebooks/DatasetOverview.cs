using System.Globalization;
using System.Text;
using PidReg.Data;

namespace PidReg.Notebooks;

/// <summary>
/// What a notebook shows first about a dataset: its name, kind (real, reconstructed, stand-in, synthetic: never left
/// unsaid), description, every modality with its width and first feature names, and the target's mean, sd and range.
/// In a notebook it shows as HTML; <see cref="ToString"/> gives the same as text.
/// </summary>
/// <example><code>
/// var overview = DatasetOverview.Of(Datasets.Load(DatasetNames.Superconductivity));
/// overview   // the cell's value: shown as a table
/// </code></example>
public sealed class DatasetOverview : IHtmlDisplay
{
    /// <summary>Feature names listed per modality; the rest are counted by the width.</summary>
    public const int FeatureNamesShown = 4;

    DatasetOverview(MultimodalDataset data, double[] target)
    {
        Dataset = data.ToString();
        Kind = data.Kind;
        Description = data.Description;
        RowCount = data.RowCount;
        Modalities = data.Modalities.Select(m => (m.Name, m.Dims, string.Join(", ", (m.FeatureNames ?? []).Take(FeatureNamesShown)))).ToArray();
        TargetName = data.TargetNames[0];
        TargetMean = target.Average();
        // The population sd (divide by n): the error a model that predicts the mean would make, the yardstick of the checks.
        TargetSd = Math.Sqrt(target.Select(v => (v - TargetMean) * (v - TargetMean)).Average());
        TargetMin = target.Min();
        TargetMax = target.Max();
    }

    /// <summary>The overview of <paramref name="data"/>; the target figures are of its first target column.</summary>
    public static DatasetOverview Of(MultimodalDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new DatasetOverview(data, Walkthrough.Column(data.Target));
    }

    /// <summary>One line: name, kind, rows, modalities and their widths, target (the dataset's own ToString).</summary>
    public string Dataset { get; }

    /// <summary>What the data are: "real", "reconstructed", "stand-in" or "synthetic" (<see cref="DatasetKinds"/>).</summary>
    public string Kind { get; }

    /// <summary>Where the data come from, and for a stand-in or an excerpt, that it is one.</summary>
    public string Description { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Each modality's name, width and first <see cref="FeatureNamesShown"/> feature names (comma-separated; empty when unnamed).</summary>
    public IReadOnlyList<(string Name, int Columns, string FirstFeatures)> Modalities { get; }

    /// <summary>Name of the (first) target column.</summary>
    public string TargetName { get; }

    /// <summary>Mean of the target.</summary>
    public double TargetMean { get; }

    /// <summary>Standard deviation of the target (population, divided by n): the RMSE of always predicting the mean.</summary>
    public double TargetSd { get; }

    /// <summary>Smallest target value.</summary>
    public double TargetMin { get; }

    /// <summary>Largest target value.</summary>
    public double TargetMax { get; }

    /// <summary>The target line: name, n, mean, sd and range, invariant culture.</summary>
    public string TargetSummary => string.Create(CultureInfo.InvariantCulture,
        $"target '{TargetName}': n = {RowCount}, mean {TargetMean:F2}, sd {TargetSd:F2}, range [{TargetMin:F2}, {TargetMax:F2}]");

    /// <inheritdoc />
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<p>").Append(HtmlFormatter.Encode(Dataset)).Append("<br>Kind: <b>").Append(HtmlFormatter.Encode(Kind)).Append("</b></p>");
        html.Append("<p>").Append(HtmlFormatter.Encode(Description)).Append("</p>");
        // Stand-ins and arrays have no feature names: then the column would be empty and is left out.
        bool named = Modalities.Any(m => m.FirstFeatures.Length > 0);
        html.Append(HtmlFormatter.Table(named ? ["modality", "columns", "first features"] : ["modality", "columns"],
            Modalities.Select(m => (IReadOnlyList<string>)(named
                ? [m.Name, m.Columns.ToString(CultureInfo.InvariantCulture), m.FirstFeatures]
                : [m.Name, m.Columns.ToString(CultureInfo.InvariantCulture)])).ToArray(),
            Modalities.Count));
        html.Append("<p>").Append(HtmlFormatter.Encode(TargetSummary)).Append("</p>");
        return html.ToString();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(Dataset).AppendLine("Kind: " + Kind).AppendLine(Description);
        foreach (var (name, columns, first) in Modalities)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {name} [{columns}]{(first.Length > 0 ? ": " + first : "")}"));
        return text.Append(TargetSummary).ToString();
    }
}
