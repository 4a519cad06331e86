using PidReg.Data;

namespace PidReg.Tests.Data;

public class RealLoaderTests
{
    static string Folder(string name) => DataRoot.For(name);

    [Fact]
    public void DiabetesSplitsClinicalFromSerumOver442Patients()
    {
        var d = Diabetes.Load(Folder("diabetes"));
        Assert.Equal(442, d.RowCount);
        Assert.Equal(["clinical", "serum"], d.Modalities.Select(m => m.Name));
        Assert.Equal((4, 6), (d["clinical"].Dims, d["serum"].Dims));
        // First row of sklearn's raw file: 59 2 32.1 101 157 93.2 38 4 4.8598 87, target 151.
        Assert.Equal(59.0, d["clinical"].Values[0, 0]);
        Assert.Equal(87.0, d["serum"].Values[0, 5]);
        Assert.Equal(151.0, d.Target[0, 0]);
    }

    [Fact]
    public void CtExcerptHasBoneAndAirHistogramsAndPatientGroups()
    {
        var d = CtSlices.Load(Path.Combine(Folder("ct-slices"), CtSlices.ExcerptFile), excerpt: true);
        Assert.Equal(681, d.RowCount);
        Assert.Equal((240, 144), (d["bone"].Dims, d["air"].Dims));
        Assert.Equal("value240", d["air"].FeatureNames![0]);
        Assert.Equal(["0", "1"], d.Groups!.Distinct().Order());
        Assert.Contains("EXCERPT", d.Description);
        double min = Enumerable.Range(0, d.RowCount).Min(i => d.Target[i, 0]), max = Enumerable.Range(0, d.RowCount).Max(i => d.Target[i, 0]);
        Assert.InRange(min, 5.8, 6.0);
        Assert.InRange(max, 39.7, 39.9);
    }

    [Fact]
    public void CtFileWithWrongColumnsIsRejected()
    {
        using var dir = new TempDir();
        var p = dir.File("ct.csv", "patientId,value0,reference\n0,0.1,20\n");
        Assert.Contains("386 columns", Assert.Throws<InvalidDataException>(() => CtSlices.Load(p)).Message);
    }

    [Fact]
    public void BrainAgeJoinsThicknessSubcorticalAndPhenotypes()
    {
        var d = BrainAge.Load(Folder("brain-age"), [BrainAge.Thickness, BrainAge.Area, BrainAge.Subcortical]);
        Assert.Equal(1035, d.RowCount);
        Assert.Equal(68, d["thickness"].Dims);
        Assert.Equal(68, d["area"].Dims);
        Assert.DoesNotContain(d["thickness"].FeatureNames!, f => f.Contains("MeanThickness"));
        Assert.DoesNotContain(d["subcortical"].FeatureNames!, f => BrainAge.GlobalAsegColumns.Contains(f));
        Assert.Contains("Left-Hippocampus", d["subcortical"].FeatureNames!);
        // The data's provenance notes: age 6.47-64, 505 ASD / 530 controls, 878 male / 157 female, 24 sites.
        var ages = Enumerable.Range(0, d.RowCount).Select(i => d.Target[i, 0]).ToArray();
        Assert.Equal(6.47, ages.Min(), 2);
        Assert.Equal(64.0, ages.Max(), 2);
        Assert.Equal(505, d.Metadata["diagnosis"].Count(x => x == "ASD"));
        Assert.Equal(157, d.Metadata["sex"].Count(x => x == "F"));
        // The 24 "sites" of the provenance notes are FILE_ID prefixes (sub-cohorts like CMU_a, CMU_b); SITE_ID merges them into 20.
        Assert.Equal(24, d.RowIds!.Select(id => id[..id.LastIndexOf('_')]).Distinct().Count());
        Assert.Equal(20, d.Groups!.Distinct().Count());
        Assert.Equal("Caltech_0051456", d.RowIds![0]);
    }

    [Fact]
    public void BrainAgeSiteSplitKeepsEachSiteInOnePart()
    {
        var s = BrainAge.Load(Folder("brain-age")).Split(new SplitOptions { ByGroup = true });
        var sites = new[] { s.Train, s.Validation, s.Test }.Select(p => p.Groups!.ToHashSet()).ToArray();
        Assert.Empty(sites[0].Intersect(sites[1]).Concat(sites[0].Intersect(sites[2])).Concat(sites[1].Intersect(sites[2])));
        Assert.Equal(2, s.Train.Modalities.Count);
    }
}
