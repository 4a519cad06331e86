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
