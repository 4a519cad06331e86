using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PidReg.Cli.Notebooks;
using PidReg.Tests.Plots;
using PidReg.Torch;

namespace PidReg.Tests.Notebooks;

/// <summary>
/// The kit as a package, as set-up packs it into the feed: the library with its kernel extension script, the pinned
/// packages as dependencies and no natives. A notebook in a folder outside the repository holding only the feed line and
/// the package reference gets a kernel set up for the kit, in Jupyter and in `pidreg notebooks run` alike: TorchSharp
/// called directly loads its natives, a tiny model trains, and the charts draw offline.
/// </summary>
[Collection(NotebookRunsCollection.Name)]
[Trait(TestCategories.Category, TestCategories.Slow)]
public sealed partial class KitPackageTests : IDisposable
{
    const string SetUp = "run bash environment/setup.sh (it builds the kit, packs it into the feed and drops NuGet's cached copy of that version)";

    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("pidreg-package-");

    public void Dispose() => folder.Delete(recursive: true);

    /// <summary>
    /// The kit's package in the feed, after checking that it is this build's: the package must hold the Release build of
    /// src/PidReg byte for byte, and NuGet's cached copy of the version (what a kernel actually loads), if there is one, too.
    /// </summary>
    internal static string CurrentFeedPackage()
    {
        var package = KitPackage.PackageFile(KitPackage.Feed);
        Assert.True(File.Exists(package), $"{package} is missing: {SetUp}");
        var build = File.ReadAllBytes(KernelPinsTests.RepoFile("src", "PidReg", "bin", "Release", "net10.0", "PidReg.dll"));
        using (var zip = ZipFile.OpenRead(package))
            Assert.True(build.AsSpan().SequenceEqual(Entry(zip, "lib/net10.0/PidReg.dll")), $"{package} holds another build of the kit than src/PidReg/bin/Release: {SetUp}");
        var cached = Path.Combine(GlobalPackages(), "pidreg", KitPackage.Version, "lib", "net10.0", "PidReg.dll");
        Assert.True(!File.Exists(cached) || build.AsSpan().SequenceEqual(File.ReadAllBytes(cached)),
            $"NuGet's cache holds another build of the kit under the same version ({cached}), which a kernel would load instead: {SetUp}");
        return package;
    }

    static byte[] Entry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"the package has no {name}");
        using var stream = entry!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    static string GlobalPackages() => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
        ? packages
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    [Fact]
    public void ThePackageCarriesTheKitAndItsKernelExtensionWithThePinnedPackagesAsDependenciesAndNoNatives()
    {
        var package = CurrentFeedPackage();
        // The natives (hundreds of MB) come with the TorchSharp-cpu dependency; the kit itself is small.
        Assert.InRange(new FileInfo(package).Length, 1, 2_000_000);
        using var zip = ZipFile.OpenRead(package);
        var files = zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith('_') && !n.StartsWith('[') && !n.StartsWith("package/", StringComparison.Ordinal));
        Assert.Equal(["PidReg.nuspec", "interactive-extensions/dotnet/extension.dib", "lib/net10.0/PidReg.dll", "lib/net10.0/PidReg.xml"], files.Order(StringComparer.Ordinal));
        Assert.Contains("PidReg.Notebooks.KernelSetup.Initialize();", System.Text.Encoding.UTF8.GetString(Entry(zip, "interactive-extensions/dotnet/extension.dib")));

        var nuspec = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Entry(zip, "PidReg.nuspec")).TrimStart('\uFEFF'));
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal(KitPackage.Id, metadata.Element(ns + "id")!.Value);
        Assert.Equal(KitPackage.Version, metadata.Element(ns + "version")!.Value);
        var dependencies = metadata.Descendants(ns + "dependency").ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!);
        var pinned = XDocument.Load(KernelPinsTests.RepoFile("Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
        var references = XDocument.Load(KernelPinsTests.RepoFile("src", "PidReg", "PidReg.csproj")).Descendants("PackageReference")
            .Select(e => (string)e.Attribute("Include")!);
        Assert.Equal(references.Order(StringComparer.Ordinal), dependencies.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, version) in dependencies) Assert.Equal(pinned[id], version);
    }

    /// <summary>
    /// Only the two lines a notebook anywhere needs, then TorchSharp straight away (before any kit type could load its
    /// natives), a tiny PIDReg fit and two charts, one displayed and one returned.
    /// </summary>
    string PackageOnlyNotebook()
    {
        string[] cells =
        [
            $"#i \"nuget: {KitPackage.Feed}\"\n#r \"nuget: PidReg, {KitPackage.Version}\"",
            "var sum = TorchSharp.torch.ones(3).sum().item<float>();\nConsole.WriteLine($\"torch sum {sum}\");",
            """
            using PidReg.Data;
            using PidReg.Evaluation;
            using PidReg.Plots;
            using PidReg.Training;
            var data = new SyntheticPidGenerator(new SyntheticPidOptions { Dims1 = 4, Dims2 = 4, Nuisance1 = 1, Nuisance2 = 1 }).Sample(400, seed: 1);
            var split = data.Split();
            var model = new PidRegRegressor(new PidRegOptions { Epochs = 3, HiddenDim = 16, LatentDim = 4, BatchSize = 64, Seed = 1 }).Fit(split.Train, split.Validation);
            var rmse = Metrics.Regression(split.Test.Target, model.Predict(split.Test)).Rmse;
            Console.WriteLine($"set up {PidReg.Notebooks.KernelSetup.IsInitialized}; {model.History.Epochs.Count} epochs, test RMSE finite {double.IsFinite(rmse)}");
            Console.WriteLine($"patched copy {PidReg.Torch.TorchRuntime.PatchedCopy ?? "none"}");
            display(TrainingCharts.Losses(model.History));
            PidCharts.Atoms(model.Explain().Atoms!, "x1", "x2")
            """,
        ];
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(source => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(),
                ["source"] = source,
            }).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        var path = Path.Combine(folder.FullName, "package-only.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    /// <summary>Checks the executed <see cref="PackageOnlyNotebook"/>; returns what it printed.</summary>
    static string AssertTheKitWasSetUpTrainedAndDrew(JsonObject executed)
    {
        var outputs = executed["cells"]!.AsArray().SelectMany(c => c!["outputs"]!.AsArray()).Select(o => o!.AsObject()).ToList();
        var errors = outputs.Where(o => (string?)o["output_type"] == "error").Select(o => $"{o["ename"]}: {o["evalue"]}");
        Assert.Empty(errors);
        string Text(JsonObject o, string key) => NotebookDocument.FromLines(o[key]);
        var stdout = string.Concat(outputs.Where(o => (string?)o["output_type"] == "stream").Select(o => Text(o, "text")));
        var notes = string.Concat(outputs.Select(o => o["data"]?["text/plain"] is { } plain ? NotebookDocument.FromLines(plain) : ""));
        var html = string.Concat(outputs.Select(o => o["data"]?["text/html"] is { } h ? NotebookDocument.FromLines(h) : ""));
        Assert.Contains($"Loading extension script from `{Path.Combine(GlobalPackages(), "pidreg", KitPackage.Version, "interactive-extensions", "dotnet", "extension.dib")}`", notes);
        Assert.Contains("torch sum 3", stdout);
        Assert.Contains("set up True; 3 epochs, test RMSE finite True", stdout);
        Assert.Matches(PatchedLine(), stdout);
        // Two charts, plotly.js embedded with the first only, nothing from a CDN.
        Assert.Equal(2, outputs.Count(o => o["data"]?["text/html"] is { } h && NotebookDocument.FromLines(h).Contains("Plotly.newPlot", StringComparison.Ordinal)));
        Assert.Equal(1, Regex.Count(html, Regex.Escape("plotly.js v2.28.0")));
        Assert.DoesNotMatch("""<script[^>]+src=["']?https?:""", html);
        return stdout;
    }

    [GeneratedRegex("patched copy (?<path>[^\n]+)")]
    private static partial Regex PatchedLine();

    [Fact]
    public void ANotebookOutsideTheRepositoryWithOnlyTheFeedAndThePackageRunsInJupyterStartedInItsFolder()
    {
        CurrentFeedPackage();
        var notebook = PackageOnlyNotebook();
        var jupyterPath = Path.Combine(folder.FullName, "jupyter");
        NotebooksNewCommandTests.Run("bash", [KernelPinsTests.RepoFile("environment", "register-kernel.sh"), Path.Combine(jupyterPath, "kernels")], folder.FullName, null, []);
        NotebooksNewCommandTests.Run("/usr/bin/jupyter", ["nbconvert", "--to", "notebook", "--execute", "--output", "jupyter-package-only",
            "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=600", notebook], folder.FullName, null,
            new() { ["JUPYTER_PATH"] = jupyterPath });
        var executed = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(folder.FullName, "jupyter-package-only.ipynb")))!;
        var stdout = AssertTheKitWasSetUpTrainedAndDrew(executed);
        // This kernel loads TorchSharp from the NuGet cache, unpatched: where the system's libstdc++ lacks TorchSharp's GLIBCXX
        // version, the extension's first-use hook must have loaded a patched copy before the cell that called torch directly.
        var libStdCxx = TorchRuntime.SystemLibStdCxx();
        if (libStdCxx is not null && !ElfVersionNeeds.Defines(libStdCxx, ElfVersionNeeds.TorchSharpGlibcxxVersion))
        {
            var patched = PatchedLine().Match(stdout).Groups["path"].Value;
            Assert.True(File.Exists(patched), $"no patched copy of libLibTorchSharp.so was loaded: {patched}");
        }
    }

    [Fact]
    public async Task ANotebookOutsideTheRepositoryWithOnlyTheFeedAndThePackageRunsThroughTheRunnerAndItsReportDrawsOffline()
    {
        CurrentFeedPackage();
        var notebook = PackageOnlyNotebook();
        var output = Path.Combine(folder.FullName, "report");
        var result = await NotebookRunner.RunAsync(notebook, new RunnerOptions { OutputDirectory = output, EchoOutput = false }, TextWriter.Null);
        AssertTheKitWasSetUpTrainedAndDrew((JsonObject)JsonNode.Parse(File.ReadAllText(result.NotebookPath))!);
        // The kernel's note on the extension script stays in the executed notebook, as in Jupyter, and out of the report.
        Assert.DoesNotContain("Loading extension", File.ReadAllText(result.HtmlPath));
        var (dom, requests) = HeadlessChromium.Open(result.HtmlPath);
        Assert.Empty(requests);
        Assert.Equal(2, ChartMarks.Read(dom).Count);
        ChartMarks.AssertEveryChartDrawsMarks(dom);
    }
}
