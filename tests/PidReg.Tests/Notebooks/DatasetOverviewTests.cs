using PidReg.Data;
using PidReg.Notebooks;

namespace PidReg.Tests.Notebooks;

public sealed class DatasetOverviewTests
{
    static MultimodalDataset Data(params double[] target) => Data(named: true, target);

    static MultimodalDataset Data(bool named, params double[] target)
    {
        var y = new double[target.Length, 1];
        for (int i = 0; i < target.Length; i++) y[i, 0] = target[i];
        var x1 = new double[target.Length, 5];
        var x2 = new double[target.Length, 2];
        return new MultimodalDataset("toy <set>", DatasetKinds.StandIn,
            [new Modality("a", x1) { FeatureNames = named ? ["f1", "f2", "f3", "f4", "f5"] : null }, new Modality("b", x2)], y,
            targetNames: ["tc"], description: "STAND-IN: simulated & labelled");
    }

    [Fact]
    public void OverviewGivesKindDescriptionModalitiesAndTheTargetsPopulationSd()
    {
        var overview = DatasetOverview.Of(Data(1, 2, 3, 6));

        Assert.Equal(DatasetKinds.StandIn, overview.Kind);
        Assert.Equal("STAND-IN: simulated & labelled", overview.Description);
        Assert.Equal([("a", 5, "f1, f2, f3, f4"), ("b", 2, "")], overview.Modalities);
        Assert.Equal(3, overview.TargetMean, 12);
        Assert.Equal(Math.Sqrt((4 + 1 + 0 + 9) / 4.0), overview.TargetSd, 12);
        Assert.Equal((1.0, 6.0), (overview.TargetMin, overview.TargetMax));
        Assert.Equal("target 'tc': n = 4, mean 3.00, sd 1.87, range [1.00, 6.00]", overview.TargetSummary);
        Assert.Equal("toy <set> (stand-in): 4 rows, a[5], b[2] -> tc\nKind: stand-in\nSTAND-IN: simulated & labelled\n  a [5]: f1, f2, f3, f4\n  b [2]\n"
                     + overview.TargetSummary, overview.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void HtmlEncodesTheTextAndShowsOneRowPerModality()
    {
        var html = HtmlFormatter.TryFormat(DatasetOverview.Of(Data(1, 2)))!;
        Assert.Contains("toy &lt;set&gt; (stand-in)", html);
        Assert.Contains("Kind: <b>stand-in</b>", html);
        Assert.Contains("simulated &amp; labelled", html);
        Assert.Contains("<tr><td>a</td><td>5</td><td>f1, f2, f3, f4</td></tr><tr><td>b</td><td>2</td><td></td></tr>", html);
    }

    [Fact]
    public void WithoutFeatureNamesTheTableLeavesTheirColumnOut()
    {
        var html = HtmlFormatter.TryFormat(DatasetOverview.Of(Data(named: false, 1, 2)))!;
        Assert.Contains("<tr><th>modality</th><th>columns</th></tr>", html);
        Assert.Contains("<tr><td>a</td><td>5</td></tr><tr><td>b</td><td>2</td></tr>", html);
    }
}
