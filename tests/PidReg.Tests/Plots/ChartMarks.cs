using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PidReg.Tests.Plots;

/// <summary>
/// What a reader sees in the plotly.js charts of a DOM dumped by <see cref="HeadlessChromium.Open"/>: the bars,
/// lines and markers drawn and the tick labels of each axis, read with regexes over the SVG plotly.js 2.28 builds.
/// A chart can be "drawn" (it has an SVG) and still show nothing: a bar at NaN is the path "M0,0Z", so this reads
/// the geometry. Each chart's figure data comes from the <c>Plotly.newPlot('id', data, …)</c> script that
/// <c>ChartHtml.Fragment</c> leaves in the page, so the drawing can be compared with the data.
/// </summary>
public static class ChartMarks
{
    /// <summary>The bounding box of one drawn bar, in px.</summary>
    public sealed record BarBox(double Width, double Height)
    {
        /// <summary>A reader sees the bar: it is wider and taller than nothing.</summary>
        public bool HasArea => Width > 0 && Height > 0;
    }

    /// <summary>One trace as plotly.js drew it.</summary>
    /// <param name="Subplot">The subplot it sits in, e.g. "xy" or "x2y2".</param>
    /// <param name="Kind">plotly.js's trace class, e.g. "bars" or "scatter".</param>
    /// <param name="Bars">Its bars (bar traces only), zero-area ones included.</param>
    /// <param name="LinePoints">Vertices of each line path (<c>path.js-line</c>) it drew.</param>
    /// <param name="Markers">Its marker points (<c>path.point</c>).</param>
    public sealed record DrawnTrace(string Subplot, string Kind, IReadOnlyList<BarBox> Bars, IReadOnlyList<int> LinePoints, int Markers);

    /// <summary>One chart of the page.</summary>
    /// <param name="Id">The id of the div plotly.js drew into.</param>
    /// <param name="Title">The chart title as drawn, empty when it has none.</param>
    /// <param name="Traces">The traces drawn, subplot by subplot, in plotly.js's layer order.</param>
    /// <param name="TickLabels">Tick label text per axis id ("x", "y", "x2", …), HTML-decoded, in drawing order.</param>
    /// <param name="Data">The figure's trace objects as passed to Plotly.newPlot.</param>
    public sealed record Chart(string Id, string Title, IReadOnlyList<DrawnTrace> Traces, IReadOnlyDictionary<string, IReadOnlyList<string>> TickLabels,
        IReadOnlyList<JsonElement> Data)
    {
        /// <summary>Bars a reader can see.</summary>
        public int BarsWithArea => Traces.Sum(t => t.Bars.Count(b => b.HasArea));

        /// <summary>Line paths through at least two points (one point draws no line).</summary>
        public int Lines => Traces.Sum(t => t.LinePoints.Count(n => n >= 2));

        /// <summary>Marker points of all traces.</summary>
        public int Markers => Traces.Sum(t => t.Markers);

        /// <summary>The tick labels of axis <paramref name="axis"/>, empty when it has none.</summary>
        public IReadOnlyList<string> Ticks(string axis) => TickLabels.TryGetValue(axis, out var ticks) ? ticks : [];

        /// <summary>A short account for failure messages.</summary>
        public string Describe() =>
            $"chart {Id} (\"{Title}\"): {BarsWithArea} bars with area, {Lines} lines, {Markers} markers; ticks "
            + string.Join("; ", TickLabels.Select(t => $"{t.Key}: [{string.Join(", ", t.Value)}]"));
    }

    static readonly Regex PlotContainer = new("<div class=\"plot-container plotly\">", RegexOptions.Compiled);
    static readonly Regex DivId = new("<div id=\"([^\"]+)\"", RegexOptions.Compiled);
    static readonly Regex SubplotStart = new("<g class=\"subplot ([a-z0-9]+)\">", RegexOptions.Compiled);
    static readonly Regex TraceStart = new("<g class=\"trace ([a-z]+)[^\"]*\"", RegexOptions.Compiled);
    static readonly Regex BarPath = new("<g class=\"point\"><path[^>]*?\\sd=\"([^\"]*)\"", RegexOptions.Compiled);
    static readonly Regex LinePath = new("<path class=\"js-line\"[^>]*?\\sd=\"([^\"]*)\"", RegexOptions.Compiled);
    static readonly Regex MarkerPath = new("<path class=\"point\"", RegexOptions.Compiled);
    static readonly Regex TickText = new("<g class=\"([xy][0-9]*)tick\"><text[^>]*>(.*?)</text>", RegexOptions.Compiled | RegexOptions.Singleline);
    static readonly Regex ChartTitle = new("<text class=\"gtitle\"[^>]*>(.*?)</text>", RegexOptions.Compiled | RegexOptions.Singleline);
    static readonly Regex NewPlotCall = new("Plotly\\.newPlot\\('([^']+)'", RegexOptions.Compiled);
    static readonly Regex Tag = new("<[^>]+>", RegexOptions.Compiled);
    // Every SVG path command but the exponent letter e of numbers like 1e-7 (there is no E command).
    static readonly Regex PathCommand = new("([A-DF-Za-df-z])([^A-DF-Za-df-z]*)", RegexOptions.Compiled);
    static readonly Regex Number = new("[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?", RegexOptions.Compiled);

    /// <summary>Every <c>div.plot-container.plotly</c> of <paramref name="dom"/>, in page order.</summary>
    public static IReadOnlyList<Chart> Read(string dom)
    {
        ArgumentNullException.ThrowIfNull(dom);
        var starts = PlotContainer.Matches(dom).Select(m => m.Index).ToArray();
        var charts = new List<Chart>();
        for (int i = 0; i < starts.Length; i++)
        {
            // The container is the first element plotly.js puts into the div it was given, so that div's id is the
            // last one opened before it. Everything up to the next chart (its SVG, then its script) belongs to it.
            int open = dom.LastIndexOf("<div id=\"", starts[i], StringComparison.Ordinal);
            var id = open < 0 ? null : DivId.Match(dom, open).Groups[1].Value;
            Assert.True(id is not null, $"plot container {i} sits in no <div id=…>; cannot tell which chart it is");
            var region = dom[starts[i]..(i + 1 < starts.Length ? starts[i + 1] : dom.Length)];
            var title = ChartTitle.Match(region) is { Success: true } t ? Text(t.Groups[1].Value) : "";
            charts.Add(new Chart(id!, title, Traces(region), Ticks(region), Data(dom, id!)));
        }
        return charts;
    }

    /// <summary>
    /// Every div a <c>Plotly.newPlot</c> script targets holds a drawn chart, and for every chart of
    /// <paramref name="dom"/>: it draws at least one mark (a bar with area, a line through two
    /// points or a marker); every bar trace shows a bar with area for each value a reader could see (at least 1% of
    /// the largest bar of its subplot); and an axis whose data are labels (strings that are not dates) shows those
    /// labels as its ticks, not numbers.
    /// </summary>
    public static void AssertEveryChartDrawsMarks(string dom)
    {
        var charts = Read(dom);
        Assert.True(charts.Count > 0, "the DOM has no plotly chart (no <div class=\"plot-container plotly\">)");
        var drawn = charts.Select(c => c.Id).ToHashSet();
        foreach (var id in NewPlotCall.Matches(dom).Select(m => m.Groups[1].Value).Where(id => dom.Contains($"<div id=\"{id}\"")))
            Assert.True(drawn.Contains(id), $"chart {id} has a Plotly.newPlot script but nothing was drawn into its div "
                + "(did plotly.js load before it, or did the script throw?)");
        foreach (var chart in charts)
        {
            Assert.True(chart.BarsWithArea + chart.Lines + chart.Markers > 0,
                $"{chart.Describe()} draws no mark: no bar with area, no line through two points, no marker");
            AssertBarsMatchData(chart);
            AssertLabelAxesShowLabels(chart);
        }
    }

    /// <summary>Each bar trace has a visible bar per value of at least 1% of its subplot's largest bar.</summary>
    public static void AssertBarsMatchData(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var barData = chart.Data.Where(t => Type(t) == "bar" && Visible(t)).ToArray();
        // Histograms draw as "trace bars" too but have no per-bar values to compare with; leave their subplots out.
        var withHistograms = chart.Data.Where(t => Type(t) == "histogram").Select(Subplot).ToHashSet();
        foreach (var subplot in barData.Select(Subplot).Distinct().Where(s => !withHistograms.Contains(s)))
        {
            var data = barData.Where(t => Subplot(t) == subplot).ToArray();
            var drawn = chart.Traces.Where(t => t.Subplot == subplot && t.Kind == "bars").ToArray();
            Assert.True(data.Length == drawn.Length,
                $"{chart.Describe()}: subplot {subplot} has {data.Length} bar traces in its data but {drawn.Length} drawn");
            var values = data.Select(t => Numbers(t, t.TryGetProperty("orientation", out var o) && o.GetString() == "h" ? "x" : "y")).ToArray();
            // Below 1% of the largest bar a bar may round to 0 px; anything larger a reader must see.
            double visible = 0.01 * values.SelectMany(v => v).Select(Math.Abs).DefaultIfEmpty(0).Max();
            for (int k = 0; k < data.Length; k++)
            {
                int expected = values[k].Count(v => Math.Abs(v) >= visible && v != 0);
                int seen = drawn[k].Bars.Count(b => b.HasArea);
                Assert.True(seen >= expected,
                    $"{chart.Describe()}: bar trace '{Name(data[k])}' on {subplot} has {expected} visible values but draws {seen} bars with area "
                    + $"(bars: {string.Join(" ", drawn[k].Bars.Select(b => $"{b.Width:0.#}x{b.Height:0.#}"))})");
            }
        }
    }

    /// <summary>An axis whose traces put labels (strings that are not dates) on it shows only those labels as ticks.</summary>
    public static void AssertLabelAxesShowLabels(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        foreach (var (axis, labels) in LabelAxes(chart))
        {
            var ticks = chart.Ticks(axis);
            Assert.True(ticks.Count > 0, $"{chart.Describe()}: axis {axis} has the labels [{string.Join(", ", labels)}] but no tick labels");
            var foreign = ticks.Where(t => !labels.Contains(t)).ToArray();
            Assert.True(foreign.Length == 0,
                $"{chart.Describe()}: axis {axis} should show the labels [{string.Join(", ", labels)}] but shows [{string.Join(", ", foreign)}] "
                + "(numeric ticks on labelled data: is the axis type forced to linear?)");
        }
    }

    /// <summary>The axes ("x", "y2", …) whose data are labels, with the labels in first-seen order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> LabelAxes(Chart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var axes = new Dictionary<string, List<string>>();
        foreach (var trace in chart.Data.Where(Visible))
            foreach (var letter in new[] { "x", "y" })
            {
                if (!trace.TryGetProperty(letter, out var values) || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0) continue;
                var items = values.EnumerateArray().ToArray();
                if (!items.All(v => v.ValueKind == JsonValueKind.String)) continue;
                var strings = items.Select(v => v.GetString()!).ToArray();
                // plotly.js reads date strings as a date axis, whose ticks are dates, not the strings.
                if (strings.All(s => DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))) continue;
                var axis = trace.TryGetProperty(letter + "axis", out var a) ? a.GetString()! : letter;
                if (!axes.TryGetValue(axis, out var list)) axes[axis] = list = [];
                list.AddRange(strings.Where(s => !list.Contains(s)));
            }
        return axes.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value);
    }

    /// <summary>
    /// The end points of the segments of an SVG path: "M x,y V y2 H x2 V y Z" (a bar) gives its four corners, a line
    /// of n points gives n. Curves and arcs count their end points only, which is enough for a bounding box of bars
    /// and a vertex count of lines.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Vertices(string d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var points = new List<(double X, double Y)>();
        double x = 0, y = 0;
        foreach (Match command in PathCommand.Matches(d))
        {
            var n = Number.Matches(command.Groups[2].Value).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
            char c = command.Groups[1].Value[0];
            bool relative = char.IsLower(c);
            // Numbers per segment and where its end point sits among them.
            (int size, int end) = char.ToUpperInvariant(c) switch
            {
                'M' or 'L' or 'T' => (2, 0), 'H' or 'V' => (1, 0), 'S' or 'Q' => (4, 2), 'C' => (6, 4), 'A' => (7, 5), _ => (0, 0),
            };
            for (int i = 0; size > 0 && i + size <= n.Length; i += size)
            {
                switch (char.ToUpperInvariant(c))
                {
                    case 'H': x = relative ? x + n[i] : n[i]; break;
                    case 'V': y = relative ? y + n[i] : n[i]; break;
                    default:
                        (x, y) = relative ? (x + n[i + end], y + n[i + end + 1]) : (n[i + end], n[i + end + 1]);
                        break;
                }
                points.Add((x, y));
            }
        }
        return points;
    }

    static BarBox Box(string d)
    {
        var v = Vertices(d);
        return v.Count == 0 ? new BarBox(0, 0) : new BarBox(v.Max(p => p.X) - v.Min(p => p.X), v.Max(p => p.Y) - v.Min(p => p.Y));
    }

    static List<DrawnTrace> Traces(string region)
    {
        var traces = new List<DrawnTrace>();
        var subplots = SubplotStart.Matches(region).ToArray();
        for (int s = 0; s < subplots.Length; s++)
        {
            var subplot = region[subplots[s].Index..(s + 1 < subplots.Length ? subplots[s + 1].Index : region.Length)];
            // Traces live in g.plot; the axes drawn after it (from g.overplot on) hold no marks.
            int overplot = subplot.IndexOf("<g class=\"overplot\">", StringComparison.Ordinal);
            if (overplot >= 0) subplot = subplot[..overplot];
            var starts = TraceStart.Matches(subplot).ToArray();
            for (int t = 0; t < starts.Length; t++)
            {
                var trace = subplot[starts[t].Index..(t + 1 < starts.Length ? starts[t + 1].Index : subplot.Length)];
                var kind = starts[t].Groups[1].Value;
                var bars = kind == "bars" ? BarPath.Matches(trace).Select(m => Box(m.Groups[1].Value)).ToList() : [];
                var lines = LinePath.Matches(trace).Select(m => Vertices(m.Groups[1].Value).Count).ToList();
                traces.Add(new DrawnTrace(subplots[s].Groups[1].Value, kind, bars, lines, MarkerPath.Count(trace)));
            }
        }
        return traces;
    }

    static Dictionary<string, IReadOnlyList<string>> Ticks(string region) =>
        TickText.Matches(region).GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(m => Text(m.Groups[2].Value))]);

    static List<JsonElement> Data(string dom, string id)
    {
        int call = dom.IndexOf($"Plotly.newPlot('{id}', data", StringComparison.Ordinal);
        int start = call < 0 ? -1 : dom.LastIndexOf("var data = ", call, StringComparison.Ordinal);
        Assert.True(start >= 0,
            $"chart {id} has no \"var data = …; Plotly.newPlot('{id}', data, …)\" script in the DOM (as ChartHtml.Fragment writes); "
            + "ChartMarks reads the figure data from it");
        // One JSON value, then the rest of the script; ParseValue stops at the end of the value.
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(dom[(start + "var data = ".Length)..call]));
        using var json = JsonDocument.ParseValue(ref reader);
        return [.. json.RootElement.Clone().EnumerateArray()];
    }

    static string Text(string html) => WebUtility.HtmlDecode(Tag.Replace(html, "")).Trim();

    static string Type(JsonElement trace) => trace.TryGetProperty("type", out var t) ? t.GetString() ?? "scatter" : "scatter";

    static string Name(JsonElement trace) => trace.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";

    static bool Visible(JsonElement trace) =>
        !trace.TryGetProperty("visible", out var v) || v.ValueKind == JsonValueKind.True;

    static string Subplot(JsonElement trace) =>
        (trace.TryGetProperty("xaxis", out var x) ? x.GetString() : "x") + (trace.TryGetProperty("yaxis", out var y) ? y.GetString() : "y");

    static double[] Numbers(JsonElement trace, string letter) =>
        trace.TryGetProperty(letter, out var values) && values.ValueKind == JsonValueKind.Array
            ? [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble())]
            : [];
}
