using System.Reflection;
using System.Text.RegularExpressions;
using PidReg.Plots;
using Plotly.NET;

namespace PidReg.Tests.Plots;

/// <summary>Every chart of the kit, drawn by headless Chromium from one offline page, shows what its data say.</summary>
[Trait(TestCategories.Category, TestCategories.Slow)]
public class ChromiumRenderTests(KitChartPage page) : IClassFixture<KitChartPage>
{
    public static TheoryData<string> Factories => [.. KitChartPage.Charts.Select(c => c.Factory)];

    // Plotly.js's default tick formats: "0.25", "−1" (a real minus sign), "2,018.5", "1e−5", and SI suffixes as in "10k".
    static readonly Regex NumericTick = new("^[−-]?(\\d[\\d,]*(\\.\\d+)?|\\.\\d+)(e[−+-]?\\d+)?[kMGTμmn]?$", RegexOptions.Compiled);

    [Fact]
    public void EveryPublicChartFactoryOfTheKitIsOnThePage()
    {
        var factories = typeof(PidCharts).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(PidCharts).Namespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(GenericChart))
            .Select(KitChartPage.Signature).Order().ToArray();

        Assert.Equal(factories, KitChartPage.Charts.Select(c => c.Factory).Order().ToArray());
    }

    [Fact]
    public void ThePageLoadsNothingFromTheNetworkAndDrawsEveryChartIntoItsDiv()
    {
        Assert.Empty(page.Requests);
        Assert.Equal(KitChartPage.Charts.Count, page.Rendered.Count);
        Assert.Equal(page.Rendered.Count, page.Rendered.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void EveryChartDrawsMarksAndShowsItsLabelsAsCategories() => ChartMarks.AssertEveryChartDrawsMarks(page.Dom);

    [Theory]
    [MemberData(nameof(Factories))]
    public void EachChartDrawsItsBarsLinesMarkersAndAxisLabels(string factory)
    {
        int index = KitChartPage.Charts.Select(c => c.Factory).ToList().IndexOf(factory);
        var expected = KitChartPage.Charts[index];
        var chart = page.Rendered[index];
        var seen = chart.Describe();

        Assert.True(expected.Bars == chart.BarsWithArea, $"{factory}: expected {expected.Bars} bars with area; {seen}");
        Assert.True(expected.Lines == chart.Lines, $"{factory}: expected {expected.Lines} lines through >= 2 points; {seen}");
        Assert.True(expected.Markers == chart.Markers, $"{factory}: expected {expected.Markers} markers; {seen}");
        Assert.All(chart.Traces.Where(t => t.Kind == "bars").SelectMany(t => t.Bars), b => Assert.True(b.HasArea,
            $"{factory}: a bar of {b.Width} x {b.Height} px is invisible; {seen}"));

        foreach (var (axis, labels) in expected.Categories)
            Assert.True(labels.SequenceEqual(chart.Ticks(axis)),
                $"{factory}: axis {axis} should show [{string.Join(", ", labels)}]; {seen}");
        foreach (var axis in chart.TickLabels.Keys.Where(a => !expected.Categories.ContainsKey(a)))
            Assert.True(chart.Ticks(axis).All(t => NumericTick.IsMatch(t)),
                $"{factory}: axis {axis} is numeric but shows [{string.Join(", ", chart.Ticks(axis))}]; {seen}");
        Assert.True(chart.Ticks("x").Count > 0 || chart.Ticks("x2").Count > 0, $"{factory}: no x tick labels; {seen}");
        Assert.True(chart.Ticks("y").Count > 0, $"{factory}: no y tick labels; {seen}");
    }

    [Fact]
    public void TheSampleSizeAxisIsLogarithmicWithPowersOfTenLabelled()
    {
        int index = KitChartPage.Charts.Select(c => c.Factory).ToList().FindIndex(f => f.StartsWith("PidValidationCharts.BiasVsSampleSize", StringComparison.Ordinal));
        var ticks = page.Rendered[index].Ticks("x");

        Assert.Contains("100", ticks);
        Assert.Contains("1000", ticks);
        Assert.Contains("10k", ticks);
    }

    [Theory]
    [InlineData("M3.8,200V20H91.2V200Z", 4, 87.4, 180)]
    [InlineData("M0,0Z", 1, 0, 0)]
    [InlineData("M0,12.5H140.25V37.5H0Z", 4, 140.25, 25)]
    [InlineData("M32.7,19.25L289.5,69.12L546.3,124.53", 3, 513.6, 105.28)]
    [InlineData("M10,10l5,5h-15v5", 4, 15, 10)]
    [InlineData("M0,0H2e1V1e1", 3, 20, 10)]
    public void APathsVerticesGiveItsBoundingBox(string d, int vertices, double width, double height)
    {
        var v = ChartMarks.Vertices(d);

        Assert.Equal(vertices, v.Count);
        Assert.Equal(width, v.Max(p => p.X) - v.Min(p => p.X), 9);
        Assert.Equal(height, v.Max(p => p.Y) - v.Min(p => p.Y), 9);
    }
}
