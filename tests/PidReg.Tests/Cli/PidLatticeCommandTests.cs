using System.Text.Json;
using PidReg.Cli.Commands;
using PidReg.Information;
using PidReg.Tests.Data;
using PidReg.Tests.Information;
using static PidReg.Tests.Cli.PidCommandTests;
using static PidReg.Tests.Information.GaussianPidClosedFormTests;

namespace PidReg.Tests.Cli;

/// <summary>`pidreg pid --covariance` with more than two sources: the MMI lattice, its JSON contract and its refusals.</summary>
public class PidLatticeCommandTests
{
    [Theory]
    [InlineData("1,1,1,1", 31)]
    [InlineData("1,2,1,3", 32)]
    [InlineData("2,1,2,1", 33)]
    [InlineData("3,2,2,2", 34)]
    public void ThreeSourceJsonGivesTheEighteenAtomsOfABruteForceLattice(string dimsText, int seed)
    {
        using var dir = new TempDir();
        var dims = LatticeDims.Parse(dimsText);
        var cov = RandomCovariance(new Random(seed), dims.Total, 60);
        var (exit, output, error) = Run("--covariance", dir.File("cov.csv", Csv(cov)), "--dims", dimsText, "--measure", "mmi", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(PidCommand.LatticeJsonKeys, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("mmi", root.GetProperty("measure").GetString());
        Assert.Equal(GaussianLatticePid.MethodName, root.GetProperty("method").GetString());

        var brute = BruteForceLattice.Compute(cov, dims.Target, [.. dims.Sources]);
        var atoms = root.GetProperty("atoms").EnumerateObject().ToArray();
        Assert.Equal(RedundancyLattice.Create(3).Antichains.Select(a => a.Key), atoms.Select(a => a.Name));
        Assert.Equal(18, atoms.Length);
        foreach (var atom in atoms)
            Assert.True(Math.Abs(brute.Atoms[atom.Name] - atom.Value.GetDouble()) < 1e-9, $"atom {atom.Name}: {atom.Value} against {brute.Atoms[atom.Name]}");
        Assert.Equal(new[] { "1", "2", "3" }.Select(s => brute.SetInformation[s]), root.GetProperty("mi").EnumerateArray().Select(v => v.GetDouble()), (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(brute.SetInformation["123"], root.GetProperty("miJoint").GetDouble(), 1e-9);
    }

    [Fact]
    public void FourSourcesGive166Atoms()
    {
        using var dir = new TempDir();
        var cov = RandomCovariance(new Random(41), 5, 60);
        var (exit, output, error) = Run("--covariance", dir.File("cov.csv", Csv(cov)), "--dims", "1,1,1,1,1", "--measure", "mmi", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(166, doc.RootElement.GetProperty("atoms").EnumerateObject().Count());
        Assert.Equal(4, doc.RootElement.GetProperty("mi").GetArrayLength());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TwoSourceMmiJsonKeepsTheTwoSourceKeysAndAddsTheLattice(int m)
    {
        using var dir = new TempDir();
        var cov = RandomCovariance(new Random(42 + m), m + 3, 60);
        var (exit, output, error) = Run("--covariance", dir.File("cov.csv", Csv(cov)), "--dims", $"{m},1,2", "--measure", "mmi", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal([.. PidCommand.JsonKeys, .. PidCommand.TwoSourceLatticeJsonKeys], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["{1}{2}", "{1}", "{2}", "{12}"], root.GetProperty("atoms").EnumerateObject().Select(p => p.Name));
        Assert.Equal(GaussianLatticePid.MethodName, root.GetProperty("latticeMethod").GetString());
        var lattice = GaussianLatticePid.FromCovariance(cov, new LatticeDims(m, 1, 2));
        Assert.Equal(lattice["{1}{2}"], root.GetProperty("atoms").GetProperty("{1}{2}").GetDouble(), 12);
        // A scalar target: one decomposition in two spellings. A vector target: "redundancy" is the ~I_union solver's.
        if (m == 1) Assert.Equal(root.GetProperty("redundancy").GetDouble(), root.GetProperty("atoms").GetProperty("{1}{2}").GetDouble(), 12);
        else Assert.Equal("union solver", root.GetProperty("method").GetString());
    }

    [Theory]
    [InlineData(new string[0], "--measure dep (the default)")]
    [InlineData(new[] { "--measure", "dep" }, "--measure dep decomposes")]
    [InlineData(new[] { "--measure", "ccs" }, "--measure ccs decomposes")]
    public void TwoSourceMeasuresRefuseMoreSourcesAndNameTheFix(string[] measure, string expected)
    {
        using var dir = new TempDir();
        var path = dir.File("cov.csv", Csv(RandomCovariance(new Random(5), 4, 60)));
        var (exit, output, error) = Run(["--covariance", path, "--dims", "1,1,1,1", .. measure]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
        Assert.Contains("two sources only", error);
        Assert.Contains("add --measure mmi", error);
    }

    [Fact]
    public void SixSourcesAreRefusedWithTheAtomCount()
    {
        using var dir = new TempDir();
        var (exit, _, error) = Run("--covariance", dir.File("cov.csv", Csv(RandomCovariance(new Random(6), 7, 60))), "--dims", "1,1,1,1,1,1,1", "--measure", "mmi");
        Assert.Equal(2, exit);
        Assert.Contains("7,828,352", error);
        Assert.Contains("at most 5 sources", error);
    }

    [Fact]
    public void ThreeSourceTextIsATableOfAtomsNamingTheMeasure()
    {
        using var dir = new TempDir();
        var cov = RandomCovariance(new Random(7), 4, 60);
        var (exit, output, error) = Run("--covariance", dir.File("cov.csv", Csv(cov)), "--dims", "1,1,1,1", "--measure", "mmi");
        Assert.True(exit == 0, error);
        Assert.Contains("measure mmi", output);
        Assert.Contains(GaussianLatticePid.MethodName, output);
        foreach (var key in RedundancyLattice.Create(3).Antichains.Select(a => a.Key)) Assert.Contains($"  {key} ", output);
        Assert.Contains("I(T; X1, X2, X3)", output);
    }

    static string DataCsv(int n, int seed)
    {
        var (target, sources) = GaussianLatticePidTests.Draw(n, [2, 1, 2], seed);
        var sb = new System.Text.StringBuilder("y,a0,a1,b0,c0,c1\n");
        for (int i = 0; i < n; i++)
        {
            double[] row = [target[i, 0], sources[0][i, 0], sources[0][i, 1], sources[1][i, 0], sources[2][i, 0], sources[2][i, 1]];
            sb.AppendLine(string.Join(",", row.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        }
        return sb.ToString();
    }

    [Fact]
    public void DataWithThreeNamedModalitiesGivesTheLatticeOfTheSamplesAndTheirNormality()
    {
        using var dir = new TempDir();
        var path = dir.File("d.csv", DataCsv(300, 61));
        var (exit, output, error) = Run("--data", path, "--target", "y", "--modality", "thick=a0,a1", "--modality", "area=b0", "--modality", "vol=c0,c1", "--measure", "mmi", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal([.. PidCommand.LatticeJsonKeys, NormalityJson.Key], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["thick", "area", "vol"], root.GetProperty("sources").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(6, root.GetProperty("normality").GetProperty("dimensions").GetInt32());
        var table = PidReg.Data.CsvTable.Read(path);
        var expected = GaussianLatticePid.FromSamples(table.Select("y"), [table.Select("a0,a1"), table.Select("b0"), table.Select("c0,c1")]);
        Assert.Equal(expected.Method, root.GetProperty("method").GetString());
        foreach (var atom in root.GetProperty("atoms").EnumerateObject()) Assert.Equal(expected[atom.Name], atom.Value.GetDouble(), 12);

        var (_, text, _) = Run("--data", path, "--target", "y", "--modality", "thick=a0,a1", "--modality", "area=b0", "--modality", "vol=c0,c1", "--measure", "mmi");
        Assert.Contains("1 = thick, 2 = area, 3 = vol", text);
        Assert.Contains("I(T; thick, area, vol)", text);
        Assert.Contains("Joint normality of (target, thick, area, vol)", text);
    }

    [Fact]
    public void TwoNamedModalitiesAreTheTwoSourcePidUnderTheirNames()
    {
        using var dir = new TempDir();
        var path = dir.File("d.csv", DataCsv(200, 62));
        var (exit, output, error) = Run("--data", path, "--target", "y", "--modality", "thick=a0,a1", "--modality", "area=b0");
        Assert.True(exit == 0, error);
        Assert.Contains("unique thick", output);
        Assert.Contains("I(T; thick, area)", output);
        var named = JsonDocument.Parse(Run("--data", path, "--target", "y", "--modality", "thick=a0,a1", "--modality", "area=b0", "--json").Out);
        var flagged = JsonDocument.Parse(Run("--data", path, "--target", "y", "--x1", "a0,a1", "--x2", "b0", "--json").Out);
        Assert.Equal(flagged.RootElement.GetProperty("synergy").GetDouble(), named.RootElement.GetProperty("synergy").GetDouble());
    }

    [Theory]
    [InlineData(new[] { "--modality", "a=a0", "--modality", "b=b0", "--modality", "c=c0" }, "--measure dep (the default) decomposes two sources only")]
    [InlineData(new[] { "--modality", "a=a0", "--modality", "b=b0", "--modality", "c=c0", "--measure", "mmi", "--bootstrap", "20" }, "drop --bootstrap")]
    [InlineData(new[] { "--modality", "a=a0", "--x1", "b0" }, "not both")]
    [InlineData(new[] { "--modality", "a=a0" }, "give a second --modality")]
    [InlineData(new[] { "--modality", "a=a0", "--modality", "a=b0" }, "given twice")]
    [InlineData(new[] { "--modality", "a=a0", "--modality", "b=a0,b0", "--modality", "c=c0", "--measure", "mmi" }, "selected by both --modality a")]
    [InlineData(new[] { "--modality", "a" }, "NAME=COLS")]
    public void BadModalitiesAreExplained(string[] flags, string expected)
    {
        using var dir = new TempDir();
        var path = dir.File("d.csv", DataCsv(100, 63));
        var (exit, output, error) = Run(["--data", path, "--target", "y", .. flags]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void ThreeSourcesWithSamplesAreBiasCorrectedUnlessPlugIn()
    {
        using var dir = new TempDir();
        var path = dir.File("cov.csv", Csv(RandomCovariance(new Random(8), 4, 60)));
        var (exit, output, error) = Run("--covariance", path, "--dims", "1,1,1,1", "--measure", "mmi", "--samples", "60", "--json");
        Assert.True(exit == 0, error);
        using var corrected = JsonDocument.Parse(output);
        Assert.Equal(GaussianLatticePid.MethodName + ", bias-corrected", corrected.RootElement.GetProperty("method").GetString());
        var plugIn = JsonDocument.Parse(Run("--covariance", path, "--dims", "1,1,1,1", "--measure", "mmi", "--samples", "60", "--plug-in", "--json").Out);
        Assert.Equal(GaussianLatticePid.MethodName, plugIn.RootElement.GetProperty("method").GetString());
        Assert.True(corrected.RootElement.GetProperty("miJoint").GetDouble() < plugIn.RootElement.GetProperty("miJoint").GetDouble());
        Assert.Contains("more than m + a + b + c = 4", Run("--covariance", path, "--dims", "1,1,1,1", "--measure", "mmi", "--samples", "4").Err);
    }
}
