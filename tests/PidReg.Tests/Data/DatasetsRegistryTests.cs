using PidReg.Cli.Commands;
using PidReg.Data;

namespace PidReg.Tests.Data;

public class DatasetsRegistryTests
{
    [Theory]
    [InlineData(DatasetNames.Diabetes)]
    [InlineData(DatasetNames.BrainAge)]
    [InlineData(DatasetNames.CtSlices)]
    [InlineData(DatasetNames.Mosi)]
    [InlineData(DatasetNames.Synthetic)]
    [InlineData(DatasetNames.BimodalMnist)]
    public void ListReportsWhatLoadReturns(string name)
    {
        var info = Datasets.List().Single(d => d.Name == name);
        var data = Datasets.Load(name);
        Assert.Equal(info.Kind, data.Kind);
        Assert.Equal(info.Rows, data.RowCount);
        Assert.Equal(info.DefaultModalities ?? info.Modalities.Select(m => m.Name).ToArray(), data.Modalities.Select(m => m.Name));
        var all = Datasets.Load(name, new DatasetLoadOptions { Modalities = info.Modalities.Select(m => m.Name).ToArray() });
        Assert.Equal(info.Modalities, all.Modalities.Select(m => (m.Name, m.Dims)));
        Assert.Equal(info.Target, string.Join(",", data.TargetNames));
    }

    [Fact]
    public void BimodalMnistIsListedWithAll70000ShippedDigits()
    {
        var info = Datasets.List().Single(d => d.Name == DatasetNames.BimodalMnist);
        // 60,000 + 10,000: the official sizes of the MNIST training and test sets.
        Assert.Equal(60000 + 10000, info.Rows);
        Assert.Equal(DatasetKinds.Real, info.Kind);
        Assert.True(info.RealFilesPresent);
        Assert.Equal([("left", 392), ("right", 392)], info.Modalities);
        Assert.All(BimodalMnist.Files, f => Assert.Contains(f, info.Location));
    }

    [Fact]
    public void BimodalMnistSubsampleKeepsTheFirstTrainingDigits()
    {
        var d = Datasets.Load(DatasetNames.BimodalMnist, new DatasetLoadOptions { MaxRows = 2000 });
        Assert.Equal(2000, d.RowCount);
        Assert.All(d.Metadata[BimodalMnist.SetKey], s => Assert.Equal(BimodalMnist.TrainSet, s));
    }

    [Fact]
    public void EveryNameIsListedOnce()
    {
        Assert.Equal(Datasets.Names.Order(), Datasets.List().Select(d => d.Name).Order());
    }

    [Fact]
    public void StandInsAreLabelledAndKeepTheRealShapes()
    {
        var d = Datasets.Load(DatasetNames.Mosei, new DatasetLoadOptions { MaxRows = 300 });
        Assert.Equal(DatasetKinds.StandIn, d.Kind);
        Assert.Contains("STAND-IN", d.Description);
        Assert.Contains("not found", d.Description);
        Assert.Equal([300, 74, 35], d.Modalities.Select(m => m.Dims));
        Assert.All(Enumerable.Range(0, d.RowCount), i => Assert.InRange(d.Target[i, 0], -3, 3));
        Assert.Equal(d.Target.Cast<double>(), Datasets.Load(DatasetNames.Mosei, new DatasetLoadOptions { MaxRows = 300 }).Target.Cast<double>());
    }

    [Fact]
    public void MissingRealFilesFailWhenRequired()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Datasets.Load(DatasetNames.Superconductivity, new DatasetLoadOptions { RequireRealFiles = true }));
        Assert.Contains("unique_m.csv", e.Message);
    }

    [Fact]
    public void SuperconductivityFallsBackToTheLabelledReconstruction()
    {
        var d = Datasets.Load(DatasetNames.Superconductivity, new DatasetLoadOptions { MaxRows = 100 });
        Assert.Equal(DatasetKinds.Reconstructed, d.Kind);
        Assert.Contains("SuperCon-derived", d.Description);
        Assert.Equal(100, d.RowCount);
    }

    [Fact]
    public void UnknownNameListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => Datasets.Load("mnistt"));
        Assert.Contains("bimodal-mnist", e.Message);
    }

    [Fact]
    public void DataRootHonoursTheEnvironmentVariableAndExplainsAFailure()
    {
        Assert.True(Directory.Exists(Path.Combine(DataRoot.Find(), "supercon")));
        Assert.Contains("MaxRows", Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.Load("diabetes", new DatasetLoadOptions { MaxRows = -1 })).ParamName);
    }

    [Fact]
    public void CliJsonCarriesTheContractKeys()
    {
        var json = DatasetsCommand.ToJson(Datasets.List());
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var first = doc.RootElement[0];
        foreach (var key in new[] { "name", "kind", "rows", "modalities", "target", "realFilesPresent", "location" })
            Assert.True(first.TryGetProperty(key, out _), key);
        Assert.Equal(Datasets.Names.Count, doc.RootElement.GetArrayLength());
        Assert.Contains("SuperCon-derived", DatasetsCommand.ToTable(Datasets.List()));
    }

    [Fact]
    public void CliListsAllFourBrainAgeModalitiesAndItsDefaultPair()
    {
        Assert.Contains("thickness[68] + area[68] + volume[68] + subcortical[41]", DatasetsCommand.ToTable(Datasets.List()));
        using var doc = System.Text.Json.JsonDocument.Parse(DatasetsCommand.ToJson(Datasets.List()));
        var brainAge = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == DatasetNames.BrainAge);
        Assert.Equal(["thickness", "area", "volume", "subcortical"], brainAge.GetProperty("modalities").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(["thickness", "subcortical"], brainAge.GetProperty("defaultModalities").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void ChosenModalitiesOfAnySetComeInItsOwnOrder()
    {
        var d = Datasets.Load(DatasetNames.Mosi, new DatasetLoadOptions { MaxRows = 20, Modalities = ["vision", "text"] });
        Assert.Equal(["text", "vision"], d.Modalities.Select(m => m.Name));
        var e = Assert.Throws<ArgumentException>(() => Datasets.Load(DatasetNames.Diabetes, new DatasetLoadOptions { Modalities = ["clinical", "blood"] }));
        Assert.Contains("dataset 'diabetes' has no modality 'blood'; its modalities are clinical, serum", e.Message);
    }
}

public class DataRootTests
{
    [Fact]
    public void SearchWalksUpToTheFolderHoldingDataSupercon()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "data", "supercon"));
        var deep = Path.Combine(dir.Path, "notebooks", "bin", "x");
        Directory.CreateDirectory(deep);
        Assert.Equal(Path.Combine(dir.Path, "data"), DataRoot.Find(null, [deep]));
    }

    [Fact]
    public void EnvironmentOverrideWinsAndABadOneIsNamed()
    {
        using var dir = new TempDir();
        Assert.Equal(Path.GetFullPath(dir.Path), DataRoot.Find(dir.Path, ["/"]));
        Assert.Contains("PIDREG_DATA is set to '/no/such/folder'", Assert.Throws<DirectoryNotFoundException>(() => DataRoot.Find("/no/such/folder", ["/"])).Message);
    }

    [Fact]
    public void NothingFoundExplainsWhereItLookedAndHowToFixIt()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<DirectoryNotFoundException>(() => DataRoot.Find(null, [dir.Path]));
        Assert.Contains(dir.Path, e.Message);
        Assert.Contains("PIDREG_DATA", e.Message);
    }
}
