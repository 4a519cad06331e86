using System.Text.RegularExpressions;
using System.Xml.Linq;
using PidReg.Cli.Notebooks;

namespace PidReg.Tests.Notebooks;

public sealed class CellDirectivesTests
{
    static string RepoFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PidReg.slnx"))) return Path.Combine([dir.FullName, .. parts]);
        throw new InvalidOperationException("PidReg.slnx not found above the test assembly");
    }

    [Fact]
    public void TheShippedPackagesAreExactlyThePinnedVersionsOfTheKit()
    {
        var pinned = XDocument.Load(RepoFile("Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        foreach (var (id, version) in ShippedPackages.Versions.Where(p => p.Key != "PidReg"))
            Assert.Equal(pinned[id], version);
        var kitVersion = XDocument.Load(RepoFile("src", "PidReg", "PidReg.csproj")).Descendants("Version").Single().Value;
        Assert.Equal(kitVersion, ShippedPackages.Versions["PidReg"]);
        Assert.Equal(new[] { "TorchSharp-cpu", "Plotly.NET", "Plotly.NET.CSharp", "Microsoft.Data.Analysis", "MathNet.Numerics",
            "Microsoft.DotNet.Interactive.Formatting", "PidReg" }.Order(), ShippedPackages.Versions.Keys.Order());
    }

    [Fact]
    public void KernelLinesAreBlankedSoLineNumbersStayTheCells()
    {
        var source = "#!csharp\n#r \"nuget: torchsharp-cpu, 0.107.0\"\n#r \"nuget:Plotly.NET,6.0.0\"\n#i \"nuget: https://feed.invalid\"\nvar x = 1;";
        var prepared = CellDirectives.Prepare(source, CellDirectives.CSharp);
        Assert.Null(prepared.Error);
        Assert.Equal("\n\n\n\nvar x = 1;", prepared.Code);
    }

    [Fact]
    public void FileReferencesAndLoadAreLeftToRoslyn()
    {
        var source = "#r \"lib/My.dll\"\n#load \"helper.csx\"\nHelper()";
        Assert.Equal(source, CellDirectives.Prepare(source, CellDirectives.CSharp).Code);
    }

    [Theory]
    [InlineData("#r \"nuget: Plotly.NET, 5.0.0\"", "package Plotly.NET 5.0.0 is not available: the headless runner ships Plotly.NET 6.0.0; change the line to #r \"nuget: Plotly.NET, 6.0.0\"")]
    [InlineData("#r \"nuget: Plotly.NET\"", "package Plotly.NET has no version; pin the one the runner ships: #r \"nuget: Plotly.NET, 6.0.0\"")]
    [InlineData("#r \"nuget: Plotly.NET.Interactive, 5.0.0\"", "package Plotly.NET.Interactive 5.0.0 is not available: the headless runner cannot download packages")]
    [InlineData("#!time", "the magic command #!time is not supported by the headless runner")]
    [InlineData("#!fsharp", "switching to the fsharp kernel inside a C# cell is not supported")]
    public void DirectivesTheRunnerCannotHonourAreCellErrorsOnTheirLine(string directive, string message)
    {
        var prepared = CellDirectives.Prepare("var a = 1;\n" + directive, CellDirectives.CSharp);
        Assert.StartsWith(message, prepared.Error);
        Assert.Equal(2, prepared.ErrorLine);
    }

    [Fact]
    public void TheKernelComesFromTheFirstLineThenCellMetadataThenTheNotebook()
    {
        var notebook = NotebookDocument.Load(Path.Combine(NotebookRuns.Fixtures, "kernels.ipynb"));
        Assert.Equal("csharp", CellDirectives.DefaultKernel(notebook));
        var code = notebook.Cells.Where(c => c.CellType == "code").ToList();
        Assert.Equal(["fsharp", "pwsh", "csharp"], code.Select(c => CellDirectives.KernelOf(c, "csharp")));
        var bare = NotebookCell.Create("code", "var x = 1;");
        Assert.Equal("fsharp", CellDirectives.KernelOf(bare, "fsharp"));
        Assert.Matches(new Regex("^[a-f0-9]{12}$"), bare.Id);
    }
}
