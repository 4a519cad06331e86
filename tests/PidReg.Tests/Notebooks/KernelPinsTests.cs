using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PidReg.Cli.Notebooks;

namespace PidReg.Tests.Notebooks;

/// <summary>
/// The versions that must move together: the packages the notebooks load with <c>#r "nuget:"</c>, the kit's own
/// pins, the dotnet-interactive tool Jupyter runs and the kernel packages `pidreg notebooks run` hosts.
/// </summary>
public sealed partial class KernelPinsTests
{
    internal static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PidReg.slnx"))) return Path.Combine([dir.FullName, .. parts]);
        throw new InvalidOperationException("PidReg.slnx not found above the test assembly");
    }

    static Dictionary<string, string> Pinned() => XDocument.Load(RepoFile("Directory.Packages.props")).Descendants("PackageVersion")
        .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);

    [GeneratedRegex("""^#r "nuget: *(?<id>[^, "]+) *, *(?<version>[^ "]+) *"$""", RegexOptions.Multiline)]
    private static partial Regex NugetLine();

    [GeneratedRegex("""^#r "(?<path>[^:"]+\.dll)"$""", RegexOptions.Multiline)]
    private static partial Regex FileLine();

    public static TheoryData<string> Notebooks() => ShippedNotebookTests.Notebooks();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EveryNotebookLoadsThePinnedPackagesAndTheReleaseBuildOfTheKit(string name)
    {
        var first = NotebookDocument.Load(RepoFile("notebooks", name)).Cells.First(c => c.CellType == "code").Source;
        var pinned = Pinned();
        var packages = NugetLine().Matches(first).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["version"].Value);
        // Every package the kit references, except what the kernel itself carries (its Formatting library).
        var kitReferences = XDocument.Load(RepoFile("src", "PidReg", "PidReg.csproj")).Descendants("PackageReference")
            .Select(e => (string)e.Attribute("Include")!).Where(id => !id.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.Equal(kitReferences.Order(), packages.Keys.Order());
        foreach (var (id, version) in packages) Assert.Equal(pinned[id], version);

        // The kit itself: a path relative to the notebook's folder (where VS Code and Jupyter start the kernel), to the build that setup makes.
        var path = Assert.Single(FileLine().Matches(first)).Groups["path"].Value;
        Assert.Equal(Path.GetFullPath(RepoFile("src", "PidReg", "bin", "Release", "net10.0", "PidReg.dll")),
            Path.GetFullPath(Path.Combine(RepoFile("notebooks"), path)));
        Assert.Contains("KernelSetup.Initialize();", first);
        Assert.DoesNotContain("#i ", first);
    }

    [Fact]
    public void TheStarterNotebookLoadsTheKitsPackageFromTheFeedByAbsolutePathAndNothingElse()
    {
        var starter = StarterNotebook.Create(KitPackage.Feed, KitPackage.Version, "data.csv", "y", "y", [("a", "#0"), ("b", "#1")], 100);
        var first = starter.Cells.First(c => c.CellType == "code").Source;
        // The feed by absolute path (the kernel refuses ~ and relative ones), the kit by id and version; its package brings
        // the pinned packages as dependencies and sets the kernel up through its extension, so neither appears here.
        Assert.True(Path.IsPathRooted(KitPackage.Feed));
        Assert.Contains($"#i \"nuget: {KitPackage.Feed}\"\n#r \"nuget: PidReg, {KitPackage.Version}\"\n", first);
        Assert.Single(NugetLine().Matches(first));
        Assert.Empty(FileLine().Matches(first));
        Assert.DoesNotContain("KernelSetup.Initialize", first);
        Assert.Equal(XDocument.Load(RepoFile("Directory.Build.props")).Descendants("Version").Single().Value, KitPackage.Version);
    }

    [Fact]
    public void TheJupyterToolIsTheReleaseOfTheHostedKernelPackages()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(RepoFile(".config", "dotnet-tools.json")))!;
        Assert.Equal("1.0.712001", (string?)manifest["tools"]!["microsoft.dotnet-interactive"]!["version"]);
        var pinned = Pinned();
        // dotnet-interactive 1.0.712001 is built from the 1.0.0-beta.26120.1 libraries (its Formatting assembly says so).
        foreach (var id in new[] { "Microsoft.DotNet.Interactive", "Microsoft.DotNet.Interactive.CSharp", "Microsoft.DotNet.Interactive.PackageManagement", "Microsoft.DotNet.Interactive.Formatting" })
            Assert.Equal("1.0.0-beta.26120.1", pinned[id]);
    }

    [Fact]
    public void TheKernelComesFromTheFirstLineThenCellMetadataThenTheNotebook()
    {
        var notebook = NotebookDocument.Load(Path.Combine(NotebookRuns.Fixtures, "kernels.ipynb"));
        Assert.Equal("csharp", notebook.DefaultKernel());
        var code = notebook.Cells.Where(c => c.CellType == "code").ToList();
        Assert.Equal(["fsharp", "pwsh", "csharp"], code.Select(c => c.KernelName("csharp")));
        var bare = NotebookCell.Create("code", "var x = 1;");
        Assert.Equal("fsharp", bare.KernelName("fsharp"));
        Assert.Matches(new Regex("^[a-f0-9]{12}$"), bare.Id);
    }
}
