using System.Globalization;
using PidReg.Information;
using PidReg.Model;
using PidReg.Training;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
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
    /// <param name="title">Chart title; null gives one naming the measure (<see cref="MeasureName"/>) and stating
    /// I(T; X1, X2) and the method.</param>
    public static GenericChart Atoms(PidResult pid, string x1Name = "X1", string x2Name = "X2", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(pid);
        var intervalNote = pid.Intervals is { } iv
            ? string.Create(CultureInfo.InvariantCulture, $", {iv.Level * 100:0.#}% intervals") : "";
        title ??= string.Create(CultureInfo.InvariantCulture,
            $"{MeasureName(pid)}: PID of I(T; {x1Name}, {x2Name}) = {pid.MiJoint:0.###} bits ({pid.Method}{intervalNote})");
        PidInterval[]? bounds = pid.Intervals is { } ci ? [ci.UniqueX1, ci.UniqueX2, ci.Redundancy, ci.Synergy] : null;
        return Bars(Values(pid), bounds, nameof(pid), x1Name, x2Name, title);
    }

    /// <summary>The four atoms a trained model learned (e.g. the best epoch's batch-averaged atoms), as bars.</summary>
    /// <param name="atoms">The atoms, e.g. <c>TrainingResult</c>'s atoms of the best epoch.</param>
    /// <param name="x1Name">Display name of modality X1.</param>
    /// <param name="x2Name">Display name of modality X2.</param>
    /// <param name="title">Chart title; null gives one naming the measure and stating U1 + U2 + R + S.</param>
    public static GenericChart Atoms(PidAtoms atoms, string x1Name = "X1", string x2Name = "X2", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        // A model's atoms are its per-batch PID of the latents, which is MMI (the fusion weights' rule, BatchPid).
        title ??= string.Create(CultureInfo.InvariantCulture,
            $"{MmiName}: learned PID of the latents, U1 + U2 + R + S = {atoms.Total:0.###} bits");
        return Bars(Values(atoms), null, nameof(atoms), x1Name, x2Name, title);
    }

    /// <summary>
    /// The atoms of a PID on the redundancy lattice of M modalities (keyed by antichain of 1-based modality indices,
    /// "{1}{2}{3}", "{1}{23}", …, "{123}", as <see cref="PidRegExplanation.LatticeAtoms"/> and <see cref="LatticePid"/> give
    /// them) as bars in lattice order, leaving out the atoms whose size is under <paramref name="minBits"/> (the title
    /// says how many). Colours follow the two-modality bars: an atom of one modality alone ({1}) in that modality's colour,
    /// a redundancy (two or more sets, {1}{23}) in the redundancy colour, a synergy of one set of several modalities ({12},
    /// {123}) in the synergy colour.
    /// </summary>
    /// <param name="atoms">Atom (bits) by antichain key, in lattice order (bottom first).</param>
    /// <param name="modalityNames">The M names, modality 1 first; the x axis says which index is which.</param>
    /// <param name="minBits">Atoms smaller than this in size are left out (range: ≥ 0; 0 shows every atom).</param>
    /// <param name="title">Chart title; null gives one naming the measure (MMI) and stating the sum of the atoms.</param>
    /// <exception cref="ArgumentException">No atoms, a non-finite atom, a key that is not an antichain of the M modalities.</exception>
    public static GenericChart LatticeAtoms(IReadOnlyDictionary<string, double> atoms, IReadOnlyList<string> modalityNames,
        double minBits = TrainingCharts.SmallLatticeAtomBits, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        ChartInput.Labels(modalityNames, nameof(modalityNames));
        if (atoms.Count == 0) throw new ArgumentException("there are no atoms to draw.", nameof(atoms));
        if (!(minBits >= 0)) throw new ArgumentOutOfRangeException(nameof(minBits), minBits, "must be ≥ 0 (0 shows every atom)");
        ChartInput.Finite([.. atoms.Values], nameof(atoms), "atom");
        var sets = atoms.Keys.ToDictionary(k => k, k => AntichainSets(k, modalityNames.Count), StringComparer.Ordinal);
        var shown = atoms.Where(a => Math.Abs(a.Value) >= minBits).ToArray();
        if (shown.Length == 0) shown = [.. atoms];
        string left = LeftOut(atoms.Count - shown.Length, atoms.Count, minBits) is { } note ? "; " + note : "";
        title ??= string.Create(CultureInfo.InvariantCulture,
            $"MMI lattice PID of the latents over {modalityNames.Count} modalities: the atoms sum to {atoms.Values.Sum():0.###} bits{left}");
        var values = shown.Select(a => a.Value).ToArray();
        var colors = shown.Select(a => sets[a.Key] switch
        {
            [var one] when one.Length == 1 => PlotStyle.ModalityColor(one[0] - 1),
            [_] => PlotStyle.SynergyColor,
            _ => PlotStyle.RedundancyColor,
        });
        string legend = string.Join(", ", modalityNames.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1} = {n}")));
        return PlotStyle.Finish(CSharpChart.Column<double, string, string>(values, Keys: shown.Select(a => a.Key).ToArray(), Name: "lattice atoms",
                ShowLegend: false, MultiText: values.Select(Bits).ToArray(), MarkerColor: Color.fromColors(colors.Select(PlotStyle.ToColor)), UseDefaults: false),
            title, $"atom (antichain of modality sets; {legend})", "information (bits)", xType: StyleParam.AxisType.Category);
    }

    /// <inheritdoc cref="LatticeAtoms(IReadOnlyDictionary{string, double}, IReadOnlyList{string}, double, string?)" path="/summary"/>
    /// <param name="pid">A lattice decomposition, e.g. <see cref="PidRegRegressor.LatentLatticePid"/> of some rows.</param>
    /// <param name="modalityNames">The M names, modality 1 first.</param>
    /// <param name="minBits">Atoms smaller than this in size are left out (range: ≥ 0).</param>
    /// <param name="title">Chart title; null gives one naming the measure and stating I(T; all) and the method.</param>
    public static GenericChart LatticeAtoms(LatticePid pid, IReadOnlyList<string> modalityNames,
        double minBits = TrainingCharts.SmallLatticeAtomBits, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(pid);
        ArgumentNullException.ThrowIfNull(modalityNames);
        if (modalityNames.Count != pid.Lattice.SourceCount)
            throw new ArgumentException($"the PID is over {pid.Lattice.SourceCount} sources but {modalityNames.Count} names were given ({string.Join(", ", modalityNames)})", nameof(modalityNames));
        var atoms = pid.AtomsByKey.ToDictionary(StringComparer.Ordinal);
        int left = atoms.Count(a => Math.Abs(a.Value) < minBits);
        title ??= string.Create(CultureInfo.InvariantCulture,
            $"MMI lattice PID of I(T; all {pid.Lattice.SourceCount}) = {pid.MiJoint:0.###} bits ({pid.Method})")
            + (LeftOut(left, atoms.Count, minBits) is { } note ? "; " + note : "");
        return LatticeAtoms(atoms, modalityNames, minBits, title);
    }

    /// <summary>
    /// What a lattice chart's title says of the small atoms it leaves out ("13 of 18 atoms under 0.005 bits left out"), or
    /// null when it draws every atom (none is small, or all are and so all are drawn).
    /// </summary>
    internal static string? LeftOut(int left, int total, double minBits) => left > 0 && left < total
        ? string.Create(CultureInfo.InvariantCulture, $"{left} of {total} atoms under {minBits:0.####} bits left out") : null;

    // "{1}{23}" → [[1], [2, 3]], every index in 1..M.
    static int[][] AntichainSets(string key, int modalities)
    {
        var sets = new List<int[]>();
        int i = 0;
        while (i < key.Length)
        {
            int close = key[i] == '{' ? key.IndexOf('}', i) : -1;
            if (close < 0) throw new ArgumentException($"atom key '{key}' is not an antichain like {{1}}{{23}}: sets of 1-based modality indices in braces.", "atoms");
            var set = key[(i + 1)..close].Select(c => c - '0').ToArray();
            if (set.Length == 0 || set.Any(m => m < 1 || m > modalities))
                throw new ArgumentException($"atom key '{key}' names a modality outside 1 to {modalities}.", "atoms");
            sets.Add(set);
            i = close + 1;
        }
        return [.. sets];
    }

    static GenericChart Bars(double[] values, PidInterval[]? bounds, string argument, string x1Name, string x2Name, string title)
    {
        ChartInput.Finite(values, argument, "atom");
        var labels = PlotStyle.Atoms.Select(a => PlotStyle.AtomLabel(a, x1Name, x2Name)).ToArray();
        var colors = Color.fromColors(PlotStyle.Atoms.Select(a => PlotStyle.ToColor(PlotStyle.AtomColor(a))));
        if (bounds is null)
            return PlotStyle.Finish(CSharpChart.Column<double, string, string>(values, Keys: labels, Name: "PID atoms", ShowLegend: false,
                MultiText: values.Select(Bits).ToArray(), MarkerColor: colors, UseDefaults: false),
                title, "atom", "information (bits)", xType: StyleParam.AxisType.Category);
        var lower = bounds.Select((b, i) => Math.Min(b.Lower, values[i])).ToArray();
        var upper = bounds.Select((b, i) => Math.Max(b.Upper, values[i])).ToArray();
        ChartInput.Intervals(values, lower, $"{argument}.Intervals (lower)", upper, $"{argument}.Intervals (upper)");
        // A label inside or on top of the bar sits under the whisker; above the whisker's cap it stays readable.
        var chart = CSharpChart.Column<double, string, string>(values, Keys: labels, Name: "PID atoms", ShowLegend: false,
            MultiText: values.Select(Bits).ToArray(), TextPosition: StyleParam.TextPosition.None, MarkerColor: colors, UseDefaults: false);
        chart = PlotStyle.WithYError(chart, PlotStyle.ErrorBars(values, lower, upper));
        var above = values.Select((v, i) => PlotStyle.Obj<Annotation>(("xref", "x"), ("yref", "y"), ("x", labels[i]),
            ("y", Math.Max(upper[i], 0)), ("yanchor", "bottom"), ("yshift", 2), ("text", Bits(v)), ("showarrow", false)));
        chart = Plotly.NET.Chart.withAnnotations(above, true).Invoke(chart);
        return PlotStyle.Finish(chart, title, "atom", "information (bits)", xType: StyleParam.AxisType.Category);
    }

    /// <summary>
    /// Stacked shares: for each labelled decomposition, the part of U1 + U2 + R + S (in %) each atom takes.
    /// A decomposition without any information (all atoms 0) gets an empty bar marked "no information".
    /// </summary>
    /// <param name="labels">One label per decomposition (dataset, condition, model), unique.</param>
    /// <param name="pids">The decompositions, in the order of <paramref name="labels"/>.</param>
    /// <param name="x1Name">Display name of modality X1.</param>
    /// <param name="x2Name">Display name of modality X2.</param>
    /// <param name="title">Chart title; null gives "Share of each PID atom" and the measure(s) of <paramref name="pids"/>.</param>
    public static GenericChart AtomShares(IReadOnlyList<string> labels, IReadOnlyList<PidResult> pids,
        string x1Name = "X1", string x2Name = "X2", string? title = null) =>
        Shares(labels, pids, nameof(pids), Values, x1Name, x2Name, title ?? $"Share of each PID atom, {MeasureNames(pids)}");

    /// <summary>Stacked shares of learned atoms (e.g. one trained model per dataset or seed).</summary>
    /// <inheritdoc cref="AtomShares(IReadOnlyList{string}, IReadOnlyList{PidResult}, string, string, string?)" path="/param"/>
    public static GenericChart AtomShares(IReadOnlyList<string> labels, IReadOnlyList<PidAtoms> pids,
        string x1Name = "X1", string x2Name = "X2", string title = "Share of each learned PID atom, " + MmiName) =>
        Shares(labels, pids, nameof(pids), Values, x1Name, x2Name, title);

    static GenericChart Shares<T>(IReadOnlyList<string> labels, IReadOnlyList<T> pids, string argument, Func<T, double[]> atoms,
        string x1Name, string x2Name, string title) where T : class
    {
        ChartInput.Labels(labels, nameof(labels));
        ArgumentNullException.ThrowIfNull(pids, argument);
        ChartInput.SameLength(labels, nameof(labels), pids, argument);
        var values = new double[pids.Count][];
        for (int j = 0; j < pids.Count; j++)
        {
            if (pids[j] is null) throw new ArgumentException($"{argument}[{j}] ('{labels[j]}') is null.", argument);
            values[j] = atoms(pids[j]);
            ChartInput.Finite(values[j], $"{argument}[{j}] ('{labels[j]}')", "atom");
            if (values[j].Any(v => v < 0))
                throw new ArgumentException($"{argument}[{j}] ('{labels[j]}') has a negative atom; shares need atoms >= 0.", argument);
        }
        var traces = PlotStyle.Atoms.Select((atom, a) =>
        {
            var shares = values.Select(v => v.Sum() > 0 ? 100 * v[a] / v.Sum() : 0).ToArray();
            var text = values.Select(v => v.Sum() > 0 ? Bits(v[a]) : "no information").ToArray();
            return CSharpChart.StackedColumn<double, string, string>(shares, Keys: labels.ToArray(), Name: PlotStyle.AtomLabel(atom, x1Name, x2Name),
                MultiText: text, MarkerColor: PlotStyle.ToColor(PlotStyle.AtomColor(atom)), UseDefaults: false);
        });
        return PlotStyle.Finish(CSharpChart.Combine(traces), title, "", "share of U1 + U2 + R + S (%)",
            xType: StyleParam.AxisType.Category);
    }

    const string MmiName = "MMI (the paper's PID for a scalar target)";

    /// <summary>
    /// The measure behind <paramref name="pid"/> as a chart title names it: "MMI (the paper's PID for a scalar
    /// target)", "~I_union (the paper's PID)" for MMI of a vector target (solved numerically), "I_dep", or
    /// "I_ccs ± MC error e bits" with the Monte Carlo standard error e.
    /// </summary>
    /// <param name="pid">The decomposition.</param>
    public static string MeasureName(PidResult pid)
    {
        ArgumentNullException.ThrowIfNull(pid);
        return pid.Measure switch
        {
            PidMeasure.Mmi when pid.Method.Contains("union solver", StringComparison.Ordinal) => "~I_union (the paper's PID)",
            PidMeasure.Mmi => MmiName,
            PidMeasure.Dep => "I_dep",
            PidMeasure.Ccs when pid.MonteCarloError is { } e => string.Create(CultureInfo.InvariantCulture, $"I_ccs ± MC error {e:0.####} bits"),
            PidMeasure.Ccs => "I_ccs",
            _ => pid.Measure.ToString(),
        };
    }

    // The distinct measures of several decompositions, without Monte Carlo errors (they differ per decomposition).
    static string MeasureNames(IReadOnlyList<PidResult>? pids) =>
        pids is null ? "" : string.Join(" / ", pids.Where(p => p is not null)
            .Select(p => p.Measure == PidMeasure.Ccs ? "I_ccs" : MeasureName(p)).Distinct());

    internal static double[] Values(PidResult pid) => [pid.UniqueX1, pid.UniqueX2, pid.Redundancy, pid.Synergy];

    static double[] Values(PidAtoms atoms) => [atoms.UniqueX1, atoms.UniqueX2, atoms.Redundancy, atoms.Synergy];

    internal static string Bits(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.###} bits");
}
