using System.Text.RegularExpressions;
using PidReg.Plots;

namespace PidReg.Tests.Plots;

public class ChartHtmlTests
{
    internal static Plotly.NET.GenericChart[] TwoCharts() =>
    [
        PredictionCharts.PredictedVsTrue([1, 2, 3], [1.5, 2, 2.5], "age", "years"),
        TrainingCharts.Lambdas([0.99, 0.9, 0.8], [0.98, 0.7, 0.5], freezeEpoch: 2),
    ];

    static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Fact]
    public void TheDocumentStartsItsHeadWithMetaCharsetAndEmbedsPlotlyJsExactlyOnce()
    {
        var html = ChartHtml.Document("Two charts", TwoCharts());

        var head = html[(html.IndexOf("<head>", StringComparison.Ordinal) + "<head>".Length)..].TrimStart();
        Assert.StartsWith("<meta charset=\"utf-8\">", head);
        var plotlyStart = ChartHtml.PlotlyJsSource()[..400];
        Assert.Equal(1, Count(html, plotlyStart));
        Assert.True(html.IndexOf(plotlyStart, StringComparison.Ordinal) < html.IndexOf("<div id=", StringComparison.Ordinal),
            "plotly.js must come before the first chart");
        Assert.Equal(2, Count(html.Replace(ChartHtml.PlotlyJsSource(), ""), "Plotly.newPlot("));
    }

    [Fact]
    public void TheDocumentReferencesNothingOnTheNetwork()
    {
        var html = ChartHtml.Document("Offline", TwoCharts());

        Assert.DoesNotMatch(new Regex("<script[^>]*\\ssrc\\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("<link[^>]*href\\s*=\\s*[\"']?(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("requirejs|cdn\\.plot\\.ly", RegexOptions.IgnoreCase),
            html.Replace(ChartHtml.PlotlyJsSource(), ""));
    }

    [Fact]
    public void AFragmentDrawsItsChartWithoutCarryingPlotlyJs()
    {
        var fragment = ChartHtml.Fragment(TwoCharts()[1]);

        Assert.Contains("<div id=", fragment);
        Assert.Contains("Plotly.newPlot(", fragment);
        Assert.Contains("weights frozen after epoch 2", fragment);
        Assert.DoesNotContain(ChartHtml.PlotlyJsSource()[..400], fragment);
        Assert.True(fragment.Length < 100_000, $"a fragment should be small, was {fragment.Length} characters");
    }

    [Fact]
    public void ThePlotlyScriptIsOneInlineScriptElementOfPlotly2280()
    {
        var script = ChartHtml.PlotlyScript();

        Assert.StartsWith("<script", script);
        Assert.EndsWith("</script>", script);
        Assert.Equal(1, Count(script, "</script>"));
        Assert.Contains("2.28.0", ChartHtml.PlotlyJsSource());
        Assert.True(ChartHtml.PlotlyJsSource().Length > 1_000_000, "the full plotly.js bundle is several MB");
    }

    [Fact]
    public void WriteProducesUtf8WithoutAByteOrderMark()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pidreg-plots-{Guid.NewGuid():N}.html");
        try
        {
            ChartHtml.Write(path, "λ and bits", TwoCharts());
            var bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'<', bytes[0]);
            Assert.Contains("<title>λ and bits</title>", File.ReadAllText(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ADocumentWithoutChartsOrTitleIsRejected()
    {
        Assert.Throws<ArgumentException>(() => ChartHtml.Document("empty"));
        Assert.Throws<ArgumentException>(() => ChartHtml.Document(" ", TwoCharts()));
        Assert.Contains("charts[1]", Assert.Throws<ArgumentException>(() => ChartHtml.Document("t", TwoCharts()[0], null!)).Message);
    }
}
