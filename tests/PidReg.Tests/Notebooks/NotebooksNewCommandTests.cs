using System.CommandLine;
using System.Globalization;
using PidReg.Cli.Commands;
using PidReg.Cli.Notebooks;
using PidReg.Tests.Plots;

namespace PidReg.Tests.Notebooks;

/// <summary>
/// `pidreg notebooks new` writes a starter notebook for a CSV that loads the kit as a package from set-up's feed and runs
/// unmodified through `pidreg notebooks run --quick` and Jupyter in a folder outside the repository, drawing its charts
/// offline; bad requests are refused before anything is written.
/// </summary>
[Collection(NotebookRunsCollection.Name)]
[Trait(TestCategories.Category, TestCategories.Slow)]
public sealed class NotebooksNewCommandTests : IDisposable
{
    // Under the system's temp folder, so neither the CSV nor the notebook is inside the repository.
    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("pidreg-nbnew-");

    public void Dispose() => folder.Delete(recursive: true);

    static Task<int> Invoke(params string[] args) =>
        new RootCommand { NotebooksCommand.Create() }.Parse(["notebooks", .. args]).InvokeAsync();

    /// <summary>300 rows: price from size (area, rooms) and place (lat, lon), with a size × place term for synergy.</summary>
    string HousesCsv()
    {
        var random = new Random(11);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var lines = new List<string> { "area,rooms,lat,lon,price" };
        for (var i = 0; i < 300; i++)
        {
            double area = Normal(), rooms = 0.5 * area + Normal(), lat = Normal(), lon = Normal();
            var price = 2 * area + rooms + lat - 0.5 * lon + 0.8 * area * lat + 0.5 * Normal();
            lines.Add(string.Join(",", new[] { area, rooms, lat, lon, price }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        var path = Path.Combine(folder.FullName, "houses.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task AStarterNotebookRunsCleanInQuickModeOutsideTheRepositoryWithTheModalitiesNamed()
    {
        KitPackageTests.CurrentFeedPackage();
        HousesCsv();
        var notebook = Path.Combine(folder.FullName, "houses.ipynb");
        Assert.Equal(0, await Invoke("new", notebook, "--data", Path.Combine(folder.FullName, "houses.csv"), "--target", "price",
            "--modality", "size=area,rooms", "--modality", "place=lat,lon"));

        var written = NotebookDocument.Load(notebook);
        var parameters = Assert.Single(written.Cells, c => c.Tags.Contains(ParametersCell.Tag));
        Assert.Contains("var dataFile = \"houses.csv\";", parameters.Source); // relative: the notebook's folder moves as a whole
        Assert.Contains(ParametersCell.Parse(parameters.Source), p => p.Name == "epochs" && p.QuickValue is not null);

        var output = Path.Combine(folder.FullName, "report");
        Assert.Equal(0, await Invoke("run", notebook, "--quick", "--out", output));
        var executed = File.ReadAllText(Path.Combine(output, "houses.ipynb"));
        Assert.Contains("houses (real): 300 rows, size[2], place[2] -> price", executed);
        Assert.Contains("all checks passed", executed);
        Assert.Contains("Loading extension script from `", executed); // the package's kernel extension set the kernel up
        var (dom, requests) = HeadlessChromium.Open(Path.Combine(output, "houses.html"));
        Assert.Empty(requests);
        Assert.InRange(ChartMarks.Read(dom).Count, 5, int.MaxValue);
        ChartMarks.AssertEveryChartDrawsMarks(dom);
    }

    [Fact]
    public void AStarterNotebookRunsCleanInJupyterStartedInItsFolderWithTheKernelAsSetUpRegistersIt()
    {
        var jupyter = "/usr/bin/jupyter";
        Assert.True(File.Exists(jupyter), "Debian's Jupyter is not installed; run bash environment/test.sh (as root it installs jupyter-nbconvert)");
        KitPackageTests.CurrentFeedPackage();
        var csv = HousesCsv();
        var notebook = Path.Combine(folder.FullName, "houses.ipynb");
        Assert.Equal(0, NotebooksNewCommand.Run(notebook, csv, "price", null, null, ["size=area,rooms", "place=lat,lon"], force: false, TextWriter.Null));
        // The kernelspec exactly as set-up writes it, in a Jupyter path of the test's own.
        var jupyterPath = Path.Combine(folder.FullName, "jupyter");
        Run("bash", [KernelPinsTests.RepoFile("environment", "register-kernel.sh"), Path.Combine(jupyterPath, "kernels")], folder.FullName, null, []);
        // Unmodified but for the quick values; from standard input so that the kernel starts in the notebook's folder.
        var prepared = NotebookDocument.Load(notebook);
        ParameterInjector.Inject(prepared, "houses.ipynb", [], quick: true);
        Run(jupyter, ["nbconvert", "--stdin", "--to", "notebook", "--execute", "--output-dir", folder.FullName, "--output", "jupyter-houses",
            "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=600"], folder.FullName, prepared.ToJson(),
            new() { ["JUPYTER_PATH"] = jupyterPath });
        var executed = File.ReadAllText(Path.Combine(folder.FullName, "jupyter-houses.ipynb"));
        Assert.DoesNotContain("\"output_type\": \"error\"", executed);
        Assert.Contains("houses (real): 300 rows, size[2], place[2] -> price", executed);
        Assert.Contains("all checks passed", executed);
        // plotly.js travels once, inside the notebook, never from a CDN.
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(executed, System.Text.RegularExpressions.Regex.Escape("plotly.js v2.28.0")));
        Assert.DoesNotMatch("""<script[^>]+src=[\\"']*https?:""", executed);
    }

    internal static void Run(string file, string[] arguments, string workingDirectory, string? input, Dictionary<string, string> environment)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish within 10 min");
        }
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
    }

    [Fact]
    public void AnExistingNotebookIsKeptUnlessForced()
    {
        var csv = HousesCsv();
        var notebook = Path.Combine(folder.FullName, "mine.ipynb");
        File.WriteAllText(notebook, "my work");
        var error = Assert.Throws<IOException>(() => NotebooksNewCommand.Run(notebook, csv, "price", "area,rooms", "lat,lon", [], force: false, TextWriter.Null));
        Assert.Equal($"{notebook} exists; pass --force to replace it", error.Message);
        Assert.Equal("my work", File.ReadAllText(notebook));
        Assert.Equal(0, NotebooksNewCommand.Run(notebook, csv, "price", "area,rooms", "lat,lon", [], force: true, TextWriter.Null));
        Assert.Contains("\"parameters\"", File.ReadAllText(notebook));
    }

    [Fact]
    public void MoreThanTwoModalitiesAreRefusedByTheTwoModalityStarter()
    {
        var csv = HousesCsv();
        var notebook = Path.Combine(folder.FullName, "three.ipynb");
        var error = Assert.Throws<ArgumentException>(() => NotebooksNewCommand.Run(notebook, csv, "price", null, null,
            ["size=area", "rooms=rooms", "place=lat,lon"], force: false, TextWriter.Null));
        Assert.Equal("--modality given 3 times (size, rooms, place): the starter notebook is written for two modalities (its charts draw the two-source atoms); give two here, or train more with fit and experiment", error.Message);
        Assert.Contains("either --x1 and --x2 or --modality", Assert.Throws<ArgumentException>(() =>
            NotebooksNewCommand.Run(notebook, csv, "price", "area", null, ["place=lat"], force: false, TextWriter.Null)).Message);
        Assert.Contains("unknown column 'roomz'", Assert.Throws<ArgumentException>(() =>
            NotebooksNewCommand.Run(notebook, csv, "price", "area,roomz", "lat", [], force: false, TextWriter.Null)).Message);
        Assert.False(File.Exists(notebook));
    }

    [Theory]
    [InlineData("thick_1,thick_2,thick_10", "thick")]
    [InlineData("area,rooms", "area+rooms")]
    [InlineData("lat", "lat")]
    [InlineData("a,b,c", null)]
    public void XFlagsNameAModalityAfterItsColumns(string columns, string? name) =>
        Assert.Equal(name, NotebooksNewCommand.GroupName(columns.Split(',')));
}
