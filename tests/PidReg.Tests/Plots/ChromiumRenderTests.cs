using System.Diagnostics;
using System.Text.RegularExpressions;
using PidReg.Plots;

namespace PidReg.Tests.Plots;

public class ChromiumRenderTests
{
    const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void HeadlessChromiumDrawsEveryChartOfAnOfflineDocument()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing: install it (apt-get install -y chromium) to check that offline documents render.");
        var charts = ChartHtmlTests.TwoCharts();
        var dir = Directory.CreateTempSubdirectory("pidreg-chromium-");
        try
        {
            var page = Path.Combine(dir.FullName, "charts.html");
            ChartHtml.Write(page, "Render check", charts);
            var dom = DumpDom(page, Path.Combine(dir.FullName, "profile"));

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

    static string DumpDom(string page, string profile)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={profile}", "--dump-dom", new Uri(page).AbsoluteUri,
        }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var dom = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish dumping the DOM within 120 s");
        }
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
        return dom;
    }
}
