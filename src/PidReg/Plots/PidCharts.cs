using System.Globalization;
using PidReg.Information;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace PidReg.Plots;

/// <summary>Charts of one or several partial information decompositions (atoms in bits).</summary>
public static class PidCharts
{
    /// <summary>
    /// The four atoms as bars in their fixed colours, with the bootstrap intervals as error bars when
    /// <see cref="PidResult.Intervals"/> is set. Percentile intervals can exclude a biased point estimate; such a
    /// bound is drawn at the estimate (error bars cannot point inwards).
    /// </summary>
    /// <param name="pid">The decomposition.</param>
    /// <param name="x1Name">Display name of modality X1, e.g. "sMRI".</param>
    /// <param name="x2Name">Display name of modality X2.</param>
    /// <param name="title">Chart title; null gives one stating I(T; X1, X2) and the method.</param>
    public static GenericChart Atoms(PidResult pid, string x1Name = "X1", string x2Name = "X2", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(pid);
        double[] values = Values(pid);
        ChartInput.Finite(values, nameof(pid), "atom");
        var labels = PlotStyle.Atoms.Select(a => PlotStyle.AtomLabel(a, x1Name, x2Name)).ToArray();
        var chart = CSharpChart.Column<double, string, string>(values, Keys: labels, Name: "PID atoms", ShowLegend: false,
            MultiText: values.Select(Bits).ToArray(),
            MarkerColor: Color.fromColors(PlotStyle.Atoms.Select(a => PlotStyle.ToColor(PlotStyle.AtomColor(a)))),
            UseDefaults: false);
        if (pid.Intervals is { } ci)
        {
            PidInterval[] bounds = [ci.UniqueX1, ci.UniqueX2, ci.Redundancy, ci.Synergy];
            var lower = bounds.Select((b, i) => Math.Min(b.Lower, values[i])).ToArray();
            var upper = bounds.Select((b, i) => Math.Max(b.Upper, values[i])).ToArray();
            ChartInput.Intervals(values, lower, "pid.Intervals (lower)", upper, "pid.Intervals (upper)");
            chart = PlotStyle.WithYError(chart, PlotStyle.ErrorBars(values, lower, upper));
        }
        var intervalNote = pid.Intervals is { } iv
            ? string.Create(CultureInfo.InvariantCulture, $", {iv.Level * 100:0.#}% intervals") : "";
        title ??= string.Create(CultureInfo.InvariantCulture,
            $"PID of I(T; {x1Name}, {x2Name}) = {pid.MiJoint:0.###} bits ({pid.Method}{intervalNote})");
        return PlotStyle.Finish(chart, title, "atom", "information (bits)");
    }

    /// <summary>
    /// Stacked shares: for each labelled decomposition, the part of U1 + U2 + R + S (in %) each atom takes.
    /// A decomposition without any information (all atoms 0) gets an empty bar marked "no information".
    /// </summary>
    /// <param name="labels">One label per decomposition (dataset, condition, model), unique.</param>
    /// <param name="pids">The decompositions, in the order of <paramref name="labels"/>.</param>
    /// <param name="x1Name">Display name of modality X1.</param>
    /// <param name="x2Name">Display name of modality X2.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart AtomShares(IReadOnlyList<string> labels, IReadOnlyList<PidResult> pids,
        string x1Name = "X1", string x2Name = "X2", string title = "Share of each PID atom")
    {
        ChartInput.Labels(labels, nameof(labels));
        ArgumentNullException.ThrowIfNull(pids);
        ChartInput.SameLength(labels, nameof(labels), pids, nameof(pids));
        var values = new double[pids.Count][];
        for (int j = 0; j < pids.Count; j++)
        {
            if (pids[j] is null) throw new ArgumentException($"pids[{j}] ('{labels[j]}') is null.", nameof(pids));
            values[j] = Values(pids[j]);
            ChartInput.Finite(values[j], $"pids[{j}] ('{labels[j]}')", "atom");
            if (values[j].Any(v => v < 0))
                throw new ArgumentException($"pids[{j}] ('{labels[j]}') has a negative atom; shares need atoms >= 0.", nameof(pids));
        }
        var traces = PlotStyle.Atoms.Select((atom, a) =>
        {
            var shares = values.Select(v => v.Sum() > 0 ? 100 * v[a] / v.Sum() : 0).ToArray();
            var text = values.Select(v => v.Sum() > 0 ? Bits(v[a]) : "no information").ToArray();
            return CSharpChart.StackedColumn<double, string, string>(shares, Keys: labels.ToArray(), Name: PlotStyle.AtomLabel(atom, x1Name, x2Name),
                MultiText: text, MarkerColor: PlotStyle.ToColor(PlotStyle.AtomColor(atom)), UseDefaults: false);
        });
        return PlotStyle.Finish(CSharpChart.Combine(traces), title, "", "share of U1 + U2 + R + S (%)");
    }

    internal static double[] Values(PidResult pid) => [pid.UniqueX1, pid.UniqueX2, pid.Redundancy, pid.Synergy];

    internal static string Bits(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.###} bits");
}
