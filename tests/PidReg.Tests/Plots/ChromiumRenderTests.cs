using System.Text.RegularExpressions;
using PidReg.Plots;

namespace PidReg.Tests.Plots;

public class ChromiumRenderTests
{
    [Fact]
    public void HeadlessChromiumDrawsEveryChartOfAnOfflineDocument()
    {
        var charts = ChartHtmlTests.TwoCharts();
        var dir = Directory.CreateTempSubdirectory("pidreg-chromium-");
        try
        {
            var page = Path.Combine(dir.FullName, "charts.html");
            ChartHtml.Write(page, "Render check", charts);
            var (dom, requests) = HeadlessChromium.Open(page);
            Assert.Empty(requests);

            var ids = Regex.Matches(File.ReadAllText(page), "<div id=\"([0-9a-f-]{36})\"").Select(m => m.Groups[1].Value).ToArray();
            Assert.Equal(charts.Length, ids.Length);
            foreach (var id in ids)
            {
                int start = dom.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
                Assert.True(start >= 0, $"chart div {id} is missing from the rendered DOM");
                int end = ids.Select(other => dom.IndexOf($"id=\"{other}\"", start + 1, StringComparison.Ordinal))
                    .Where(i => i > start).DefaultIfEmpty(dom.Length).Min();
                Assert.True(dom[start..end].Contains("class=\"main-svg\"", StringComparison.Ordinal),
                    $"chart div {id} has no main-svg: plotly.js did not draw it (blank offline page?)");
            }
            Assert.Equal(charts.Length, Regex.Count(dom, "class=\"plot-container plotly\""));
        }
        finally { dir.Delete(recursive: true); }
    }
}
