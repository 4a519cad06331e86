using PidReg.Plots;
using Microsoft.Data.Analysis;
using Formatter = Microsoft.DotNet.Interactive.Formatting.Formatter;
using PidReg.Notebooks;

namespace PidReg.Tests.Notebooks;

public sealed class HtmlFormatterTests
{
    sealed record Row(string Name, double Value);

    sealed class Custom : IHtmlDisplay
    {
        public string ToHtml() => "<b>custom</b>";
    }

    [Fact]
    public void RecordsBecomeATableWithOneColumnPerPropertyAndEncodedCells()
    {
        var html = HtmlFormatter.TryFormat(new[] { new Row("<a>", 0.5), new Row("b", 1e-3) })!;
        Assert.Equal("<table class=\"pidreg-table\"><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody>"
                     + "<tr><td>&lt;a&gt;</td><td>0.5</td></tr><tr><td>b</td><td>0.001</td></tr></tbody></table>", html);
    }

    [Fact]
    public void LongSequencesShowTheFirstRowsAndCountTheRest()
    {
        var html = HtmlFormatter.TryFormat(Enumerable.Range(0, HtmlFormatter.MaxRows + 7).ToList())!;
        Assert.Equal(HtmlFormatter.MaxRows, html.Split("<tr><td>").Length - 1);
        Assert.EndsWith("<p class=\"pidreg-more\">7 more rows not shown</p>", html);
    }

    [Fact]
    public void HtmlDisplayObjectsAndDataFramesUseTheirOwnViews()
    {
        Assert.Equal("<b>custom</b>", HtmlFormatter.TryFormat(new Custom()));
        var frame = new DataFrame(new DoubleDataFrameColumn("x", [1.5, 2.5]), new StringDataFrameColumn("s", ["p", "q"]));
        Assert.Contains("<th>x</th><th>s</th>", HtmlFormatter.TryFormat(frame));
        Assert.Contains("<tr><td>2.5</td><td>q</td></tr>", HtmlFormatter.TryFormat(frame));
    }

    [Fact]
    public void TableCellsAreCultureInvariantAndScalarsAreLeftToTheKernel()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Contains("<td>0.5</td>", HtmlFormatter.TryFormat(new[] { 0.5, 1.25 }));
            Assert.Contains("<td>1.25</td>", HtmlFormatter.TryFormat(new[] { 0.5, 1.25 }));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
        Assert.Null(HtmlFormatter.TryFormat(null));
        Assert.Null(HtmlFormatter.TryFormat("text"));
        Assert.Null(HtmlFormatter.TryFormat(42));
    }

    [Fact]
    public void KernelFormattersShowTheSameHtmlThroughDotNetInteractiveFormatting()
    {
        KernelFormatters.Register();
        KernelFormatters.Register();
        Assert.Equal("<b>custom</b>", Formatter.ToDisplayString(new Custom(), "text/html"));
        var rows = new[] { new Row("<a>", 0.5), new Row("b", 1e-3) };
        Assert.Equal(HtmlFormatter.TryFormat(rows), Formatter.ToDisplayString(rows, "text/html"));
        var frame = new DataFrame(new DoubleDataFrameColumn("x", [1.5]));
        Assert.Equal(HtmlFormatter.TryFormat(frame), Formatter.ToDisplayString(frame, "text/html"));
        // A string is a sequence of chars, but stays the kernel's text.
        Assert.DoesNotContain("pidreg-table", Formatter.ToDisplayString("text", "text/html"));
    }

    [Fact]
    public void AfterTheFirstChartAKernelFormatsChartsWithoutPlotlyJs()
    {
        // The first chart formatted in this process carried plotly.js (the chart fixture checks it does); later ones never do.
        KernelFormatters.Register();
        var marker = ChartHtml.PlotlyJsSource()[..200];
        var charts = Enumerable.Range(0, 2)
            .Select(i => Formatter.ToDisplayString(Plotly.NET.CSharp.Chart.Point<double, double, string>(x: [1.0, 2.0], y: [i, 1.0]), "text/html"))
            .ToList();
        Assert.All(charts, c => Assert.Contains("Plotly.newPlot", c));
        Assert.DoesNotContain(marker, charts[1]);
    }

    [Fact]
    public void ScriptTextCannotCloseItsScriptElement() =>
        Assert.Equal("a<\\/script>b", ChartHtml.EscapeScript("a</script>b"));
}
