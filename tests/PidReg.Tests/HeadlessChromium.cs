using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PidReg.Tests;

/// <summary>
/// Opens a local HTML file in headless Chromium and returns the DOM after scripts ran, plus every request
/// the page itself started (from Chromium's NetLog: requests whose network isolation key is the file://
/// page; Chromium's own background traffic has another key). Host names resolve nowhere, so a page that
/// tried the network could not have succeeded anyway.
/// </summary>
public static class HeadlessChromium
{
    const string Install = "apt-get update && apt-get install -y chromium";

    /// <summary>The DOM and the page's http(s) requests; fails the test when Chromium is missing or hangs.</summary>
    public static (string Dom, IReadOnlyList<string> PageRequests) Open(string htmlPath)
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        Assert.True(chromium is not null, $"Chromium is not installed; the HTML report tests need it: {Install}");
        var profile = Directory.CreateTempSubdirectory("pidreg-chromium-");
        var netLog = Path.Combine(profile.FullName, "netlog.json");
        try
        {
            var info = new ProcessStartInfo(chromium!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", "--host-resolver-rules=MAP * ~NOTFOUND",
                $"--log-net-log={netLog}", "--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            }) info.ArgumentList.Add(argument);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"Chromium did not finish rendering {htmlPath} within 90 s");
            }
            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {stderr.Result}");
            return (stdout.Result, PageRequests(netLog));
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    static List<string> PageRequests(string netLog)
    {
        Assert.True(File.Exists(netLog), "Chromium wrote no NetLog, so network use cannot be checked");
        var log = JsonNode.Parse(File.ReadAllText(netLog))!;
        var startJob = (int)log["constants"]!["logEventTypes"]!["URL_REQUEST_START_JOB"]!;
        return log["events"]!.AsArray()
            .Where(e => (int)e!["type"]! == startJob)
            .Select(e => e!["params"]!)
            .Where(p => ((string?)p["network_isolation_key"])?.StartsWith("file://", StringComparison.Ordinal) == true)
            .Select(p => (string)p["url"]!)
            .Where(u => u.StartsWith("http:", StringComparison.Ordinal) || u.StartsWith("https:", StringComparison.Ordinal)
                        || u.StartsWith("ws", StringComparison.Ordinal))
            .ToList();
    }
}
