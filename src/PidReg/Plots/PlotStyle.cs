using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using CSharpChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace PidReg.Plots;

/// <summary>
/// The one look of every PidReg chart: fonts, size, and fixed colours per PID atom, modality, fusion weight and
/// estimator, so a reader learns once that blue is X1 / U1 and purple is synergy. Colours are the Okabe–Ito
/// palette (safe for the common colour-vision deficiencies).
/// </summary>
public static class PlotStyle
{
    /// <summary>Font stack of all text.</summary>
    public const string FontFamily = "Inter, 'Segoe UI', Helvetica, Arial, sans-serif";
    /// <summary>Base font size in px; titles are 1.3 times larger.</summary>
    public const int FontSize = 13;
    /// <summary>
    /// Width in px a chart is laid out for before it knows its container. Charts fill their container's width
    /// (responsive: a notebook's output area or a report's column) and redraw when it changes; only the height is fixed.
    /// </summary>
    public const int Width = 760;
    /// <summary>Default chart height in px.</summary>
    public const int Height = 440;

    /// <summary>U1 and everything about modality X1 (its weight w1, its λ1): blue.</summary>
    public const string UniqueX1Color = "#0072B2";
    /// <summary>U2 and everything about modality X2 (w2, λ2): orange.</summary>
    public const string UniqueX2Color = "#E69F00";
    /// <summary>Redundancy R: green.</summary>
    public const string RedundancyColor = "#009E73";
    /// <summary>Synergy S and the interaction weight w3: reddish purple.</summary>
    public const string SynergyColor = "#CC79A7";
    /// <summary>Plug-in (uncorrected) estimates: vermillion.</summary>
    public const string PlugInColor = "#D55E00";
    /// <summary>Bias-corrected estimates: sky blue.</summary>
    public const string CorrectedColor = "#56B4E9";
    /// <summary>Ground truth, identity lines and markers: near-black.</summary>
    public const string TruthColor = "#333333";
    /// <summary>Neutral series (models, loss terms) cycle through these, after the colours above.</summary>
    public static IReadOnlyList<string> SeriesColors { get; } =
        ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#666666"];

    /// <summary>The fixed colour of a PID atom.</summary>
    public static string AtomColor(PidAtom atom) => atom switch
    {
        PidAtom.UniqueX1 => UniqueX1Color,
        PidAtom.UniqueX2 => UniqueX2Color,
        PidAtom.Redundancy => RedundancyColor,
        PidAtom.Synergy => SynergyColor,
        _ => throw new ArgumentOutOfRangeException(nameof(atom), atom, "not a PID atom"),
    };

    /// <summary>
    /// The colour of modality <paramref name="index"/>: X1 and X2 as their unique atoms; later ones from
    /// <see cref="SeriesColors"/> past the redundancy and synergy colours, so that in a chart of lattice atoms or fusion
    /// paths a modality never looks like a redundancy or a product.
    /// </summary>
    public static string ModalityColor(int index) => index switch
    {
        0 => UniqueX1Color,
        1 => UniqueX2Color,
        _ => SeriesColors[(index + 2) % SeriesColors.Count],
    };

    /// <summary>The colour of the i-th neutral series (models, loss terms).</summary>
    public static string SeriesColor(int index) => SeriesColors[index % SeriesColors.Count];

    /// <summary>A legend label for an atom, e.g. "U1 (unique to image)", "R (redundant)".</summary>
    public static string AtomLabel(PidAtom atom, string x1Name = "X1", string x2Name = "X2") => atom switch
    {
        PidAtom.UniqueX1 => $"U1 (unique to {x1Name})",
        PidAtom.UniqueX2 => $"U2 (unique to {x2Name})",
        PidAtom.Redundancy => "R (redundant)",
        PidAtom.Synergy => "S (synergistic)",
        _ => throw new ArgumentOutOfRangeException(nameof(atom), atom, "not a PID atom"),
    };

    internal static readonly PidAtom[] Atoms = [PidAtom.UniqueX1, PidAtom.UniqueX2, PidAtom.Redundancy, PidAtom.Synergy];

    internal static Color ToColor(string hex) => Color.fromHex(hex);

    /// <summary>
    /// Title, axis titles (with units), axis types, template and size: the finishing step of every chart. An axis
    /// type is set only when given: plotly.js infers linear for numbers and category for labels, and a forced
    /// "linear" on an axis of labels puts every bar at NaN (an empty chart with ticks -1..6). Charts of labels pass
    /// <see cref="StyleParam.AxisType.Category"/> anyway, so labels that look like numbers ("2019", seed "1") stay labels.
    /// </summary>
    internal static GenericChart Finish(GenericChart chart, string title, string xTitle, string yTitle,
        StyleParam.AxisType? xType = null, StyleParam.AxisType? yType = null)
    {
        chart = Plotly.NET.Chart.withTitle(Obj<Title>(("text", title))).Invoke(chart);
        chart = xType is null
            ? chart.WithXAxisStyle<double, double, string>(TitleText: xTitle)
            : chart.WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: xType);
        chart = yType is null
            ? chart.WithYAxisStyle<double, double, string>(TitleText: yTitle)
            : chart.WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: yType);
        return Themed(chart);
    }

    /// <summary>Makes the x axis of one panel a category axis (for panels of labelled bars that skip <see cref="Finish"/>).</summary>
    internal static GenericChart CategoryX(GenericChart chart) =>
        chart.WithXAxisStyle<double, double, string>(AxisType: StyleParam.AxisType.Category);

    /// <summary>
    /// Template, height and the full width of the container (for grids whose panels carry their own axis titles). The
    /// layout gets no width, so plotly.js sizes the chart to its div, and the responsive config redraws it when the
    /// window or output area is resized.
    /// </summary>
    internal static GenericChart Themed(GenericChart chart)
    {
        chart = Plotly.NET.Chart.withTemplate(Template).Invoke(chart);
        chart = Plotly.NET.Chart.withLayout(Obj<Layout>(("height", Height), ("autosize", true))).Invoke(chart);
        return Plotly.NET.Chart.withConfig(Obj<Config>(("responsive", true))).Invoke(chart);
    }

    /// <summary>
    /// Tick labels of a log axis that are numbers a reader can read: spanning a decade or more, a label at each power of
    /// ten and unlabelled minor ticks between (plotly's default labels the minor ticks "2" and "5", which read as values);
    /// within one decade, labels at 1, 2, 3 and 5 times a power of ten, written out in full.
    /// </summary>
    /// <param name="chart">The chart whose axis is log.</param>
    /// <param name="axis">'x' or 'y'.</param>
    /// <param name="values">The positive values the axis shows (non-positive ones are ignored).</param>
    internal static GenericChart LogTicks(GenericChart chart, char axis, IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToArray();
        if (positive.Length == 0) return chart;
        double lo = Math.Log10(positive.Min()), hi = Math.Log10(positive.Max());
        LinearAxis look;
        if (Math.Floor(hi) - Math.Ceiling(lo) >= 1)
            look = Obj<LinearAxis>(("dtick", 1), ("tick0", 0),
                ("minor", Obj<DynamicObj.DynamicObj>(("ticks", "outside"), ("ticklen", 3), ("showgrid", true), ("gridcolor", "#F2F2F2"))));
        else
        {
            var ticks = new List<double>();
            for (int e = (int)Math.Floor(lo) - 1; e <= (int)Math.Ceiling(hi) + 1; e++)
                foreach (var m in new[] { 1.0, 2.0, 3.0, 5.0 })
                {
                    // Parsed from "3e-1": m * 10^e in binary would be 0.30000000000000004.
                    double t = double.Parse(FormattableString.Invariant($"{m}e{e}"), System.Globalization.CultureInfo.InvariantCulture);
                    if (Math.Log10(t) >= lo - 0.15 && Math.Log10(t) <= hi + 0.15) ticks.Add(t);
                }
            look = Obj<LinearAxis>(("tickmode", "array"), ("tickvals", ticks.ToArray()),
                ("ticktext", ticks.Select(t => t.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)).ToArray()));
        }
        return axis == 'x'
            ? Plotly.NET.Chart.withXAxis(look, null).Invoke(chart)
            : Plotly.NET.Chart.withYAxis(look, null).Invoke(chart);
    }

    /// <summary>A dashed vertical line across the plot at <paramref name="x"/> with a label at the top.</summary>
    internal static GenericChart WithVerticalMarker(GenericChart chart, double x, string label)
    {
        var line = Obj<Line>(("color", TruthColor), ("width", 1.5), ("dash", "dash"));
        var shape = Obj<Shape>(("type", "line"), ("xref", "x"), ("yref", "paper"),
            ("x0", x), ("x1", x), ("y0", 0.0), ("y1", 1.0), ("line", line));
        var note = Obj<Annotation>(("xref", "x"), ("yref", "paper"), ("x", x), ("y", 1.0),
            ("yanchor", "bottom"), ("text", label), ("showarrow", false));
        chart = Plotly.NET.Chart.withShape(shape, true).Invoke(chart);
        return Plotly.NET.Chart.withAnnotation(note, true).Invoke(chart);
    }

    /// <summary>Asymmetric error bars from interval bounds around <paramref name="values"/>.</summary>
    internal static Error ErrorBars(IReadOnlyList<double> values, IReadOnlyList<double> lower, IReadOnlyList<double> upper) =>
        Obj<Error>(("type", "data"), ("symmetric", false), ("visible", true),
            ("array", upper.Select((u, i) => u - values[i]).ToArray()),
            ("arrayminus", lower.Select((l, i) => values[i] - l).ToArray()),
            ("color", TruthColor), ("thickness", 1.5), ("width", 6));

    /// <summary>Symmetric error bars of half-width <paramref name="halfWidths"/>.</summary>
    internal static Error ErrorBars(IReadOnlyList<double> halfWidths) =>
        Obj<Error>(("type", "data"), ("symmetric", true), ("visible", true), ("array", halfWidths.ToArray()),
            ("color", TruthColor), ("thickness", 1.5), ("width", 6));

    internal static GenericChart WithYError(GenericChart chart, Error error) =>
        Plotly.NET.Chart.withYError(error).Invoke(chart);

    /// <summary>The "y = x" reference line over [min, max].</summary>
    internal static GenericChart IdentityLine(double min, double max) =>
        CSharpChart.Line<double, double, string>([min, max], [min, max], Name: "y = x",
            LineColor: ToColor(TruthColor), LineDash: StyleParam.DrawingStyle.Dash, LineWidth: 1.5, UseDefaults: false);

    /// <summary>
    /// Plotly.NET's F# initialisers take every optional field as a required FSharpOption from C#; setting the few
    /// fields we need on the dynamic object is shorter and produces the same JSON.
    /// </summary>
    internal static T Obj<T>(params (string Name, object Value)[] properties) where T : DynamicObj.DynamicObj, new()
    {
        var obj = new T();
        foreach (var (name, value) in properties) obj.SetProperty(name, value);
        return obj;
    }

    static readonly Template Template = BuildTemplate();

    static Template BuildTemplate()
    {
        LinearAxis AxisLook() => Obj<LinearAxis>(("gridcolor", "#E6E6E6"), ("zerolinecolor", "#BBBBBB"), ("linecolor", "#444444"),
            ("showline", true), ("ticks", "outside"), ("automargin", true));
        var layout = Obj<Layout>(
            ("font", Obj<Font>(("family", FontFamily), ("size", FontSize), ("color", "#222222"))),
            ("title", Obj<Title>(("x", 0.02), ("xanchor", "left"),
                ("font", Obj<Font>(("family", FontFamily), ("size", (int)(FontSize * 1.3)))))),
            ("paper_bgcolor", "#FFFFFF"), ("plot_bgcolor", "#FFFFFF"),
            ("colorway", SeriesColors.ToArray()),
            ("xaxis", AxisLook()), ("yaxis", AxisLook()),
            ("margin", Obj<Margin>(("l", 70), ("r", 30), ("t", 70), ("b", 60))),
            ("hovermode", "closest"));
        return Plotly.NET.Template.init<Trace>(layout, null);
    }
}
