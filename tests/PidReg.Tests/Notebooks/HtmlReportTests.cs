using PidReg.Plots;
using System.Text.RegularExpressions;
using PidReg.Cli.Notebooks;
using PidReg.Notebooks;

namespace PidReg.Tests.Notebooks;

[Collection(NotebookRunsCollection.Name)]
[Trait(TestCategories.Category, TestCategories.Slow)]
public sealed partial class HtmlReportTests(NotebookRuns runs)
{
    [GeneratedRegex("""Plotly\.newPlot\('([^']+)'""")]
    private static partial Regex ChartCall();

    [GeneratedRegex("""<(?:script|link|img|iframe|source|video|audio|embed)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkReference();

    [Fact]
    public void EveryPlotlyChartRendersInHeadlessChromiumWithoutTouchingTheNetwork()
    {
        var run = runs["chart"];
        var charts = ChartCall().Matches(run.Html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, charts.Count);
        var (dom, requests) = HeadlessChromium.Open(run.Result.HtmlPath);
        foreach (var id in charts)
        {
            var start = dom.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
            Assert.True(start >= 0, $"chart {id} is missing from the DOM");
            var end = charts.Select(other => dom.IndexOf($"id=\"{other}\"", start + 1, StringComparison.Ordinal)).Where(i => i > start).DefaultIfEmpty(dom.Length).Min();
            Assert.Matches("<svg[^>]*class=\"main-svg\"", dom[start..end]);
        }
        Assert.Empty(requests);
    }

    [Fact]
    public void TheNetworkCheckCatchesAPageThatLoadsFromTheWeb()
    {
        // The probe proves the check above can fail: these two requests must be seen.
        var probe = Path.Combine(runs.Root, "probe.html");
        File.WriteAllText(probe, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><img src=\"http://example.invalid/a.png\">"
                                 + "<script src=\"https://cdn.example.invalid/b.js\"></script></body></html>");
        var (_, requests) = HeadlessChromium.Open(probe);
        Assert.Contains("http://example.invalid/a.png", requests);
        Assert.Contains("https://cdn.example.invalid/b.js", requests);
        Assert.Matches(NetworkReference(), File.ReadAllText(probe));
    }

    [Fact]
    public void EveryReportIsSelfContainedWithCharsetFirstInTheHead()
    {
        foreach (var (key, run) in runs.All)
        {
            Assert.DoesNotMatch(NetworkReference(), run.Html);
            var head = run.Html[(run.Html.IndexOf("<head>", StringComparison.Ordinal) + "<head>".Length)..];
            Assert.True(head.TrimStart().StartsWith("<meta charset=\"utf-8\">", StringComparison.Ordinal), $"{key}: meta charset is not first in head");
        }
    }

    [Fact]
    public void PlotlyJsIsLoadedOnceInTheHeadFromTheSharedFileAndOnlyWhenAChartIsPresent()
    {
        // The kernel sent plotly.js inside the first chart's output; the report loads the folder's shared copy instead.
        var marker = ChartHtml.PlotlyJsSource()[..200];
        var outputs = runs["chart"].Notebook["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Select(o => NotebookDocument.FromLines(o!["data"]?["text/html"]));
        Assert.Single(outputs, o => o.Contains(marker, StringComparison.Ordinal));
        var html = runs["chart"].Html;
        Assert.DoesNotContain(marker, html);
        var reference = Assert.Single(Regex.Matches(html, Regex.Escape($"src=\"{ChartHtml.PlotlyJsFileName}\"")));
        Assert.True(reference.Index < html.IndexOf("</head>", StringComparison.Ordinal), "plotly.js must load before the charts call it");
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(runs["chart"].Result.HtmlPath)!, ChartHtml.PlotlyJsFileName)));
        Assert.DoesNotContain(ChartHtml.PlotlyJsFileName, runs["state"].Html);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(runs["state"].Result.HtmlPath)!, ChartHtml.PlotlyJsFileName)));
        Assert.Contains("2.28.0", ChartHtml.PlotlyJsResource);
    }

    [Fact]
    public void WithoutSharingPlotlyJsIsEmbeddedOnceInTheHead()
    {
        var run = runs["chart"];
        var notebook = NotebookDocument.Load(run.Result.NotebookPath);
        var html = HtmlReport.Render(notebook, "chart");
        var embedded = Assert.Single(Regex.Matches(html, Regex.Escape(ChartHtml.PlotlyJsSource()[..200])));
        Assert.True(embedded.Index < html.IndexOf("</head>", StringComparison.Ordinal), "plotly.js must load before the charts call it");
        Assert.DoesNotContain(ChartHtml.PlotlyJsFileName, html);
    }

    [Fact]
    public void CodeOutputsErrorsAndSkippedCellsAreShown()
    {
        var html = runs["compile"].Html;
        Assert.Contains("<pre class=\"source\"><code>var b = a + 1;", html);
        Assert.Contains("<pre class=\"error\">Error: (3,9): error CS0029: Cannot implicitly convert type &#39;string&#39; to &#39;int&#39;", html);
        Assert.Contains("skipped: an earlier cell failed", html);
        Assert.Contains("<pre class=\"stream stdout\">y = 42\n</pre>", runs["state"].Html);
        Assert.Contains("not executed: fsharp cell", runs["kernels"].Html);
        Assert.Contains("<span class=\"status-timed-out\">timed out</span>", runs["timeout"].Html);
        Assert.Contains("<pre class=\"error\">TimeoutException: cell 2 was still running after", runs["timeout"].Html);
    }

    [Fact]
    public void MarkdownIsRenderedAndCodeIsEscaped()
    {
        var html = runs["state"].Html;
        Assert.Contains("<p>Variables, methods and types defined in one cell are used in the next.</p>", html);
        Assert.Contains("Markdig.Markdown.ToHtml(&quot;*loaded*&quot;)", html);
        // A string is text/plain (as in dotnet-interactive's Jupyter kernel), so HTML it holds is shown, not rendered.
        Assert.Contains("<div class=\"outputs\">\n<pre>&lt;p&gt;&lt;em&gt;loaded&lt;/em&gt;&lt;/p&gt;</pre>", html);
    }
}
