using PidReg.Data;

namespace PidReg.Tests.Data;

public class MultimodalDatasetTests
{
    static double[,] Matrix(int rows, int cols, Func<int, int, double> f)
    {
        var x = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) x[i, j] = f(i, j);
        return x;
    }

    static MultimodalDataset Make(int rows, IReadOnlyList<string>? groups = null) => new(
        "toy", DatasetKinds.Synthetic,
        [new Modality("a", Matrix(rows, 2, (i, j) => i * 10 + j)), new Modality("b", Matrix(rows, 3, (i, j) => -i - j))],
        Matrix(rows, 1, (i, _) => i),
        rowIds: Enumerable.Range(0, rows).Select(i => $"r{i}").ToArray(),
        groups: groups,
        metadata: new Dictionary<string, IReadOnlyList<string>> { ["sex"] = Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? "M" : "F").ToArray() });

    [Fact]
    public void RowCountMismatchNamesTheModality()
    {
        var e = Assert.Throws<ArgumentException>(() => new MultimodalDataset("d", DatasetKinds.Real,
            [new Modality("good", new double[4, 2]), new Modality("short", new double[3, 2])], new double[4, 1]));
        Assert.Contains("'short'", e.Message);
        Assert.Contains("3 rows", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteValueNamesModalityRowAndColumn(double bad)
    {
        var x = new double[5, 3];
        x[2, 1] = bad;
        var e = Assert.Throws<ArgumentException>(() => new MultimodalDataset("d", DatasetKinds.Real, [new Modality("m1", x)], new double[5, 1]));
        Assert.Contains("'m1'", e.Message);
        Assert.Contains("row 2", e.Message);
        Assert.Contains("column 1", e.Message);
    }

    [Fact]
    public void ZeroRowsEmptyModalityAndUnknownKindAreRejected()
    {
        Assert.Contains("zero rows", Assert.Throws<ArgumentException>(() =>
            new MultimodalDataset("d", DatasetKinds.Real, [new Modality("m", new double[0, 2])], new double[0, 1])).Message);
        Assert.Contains("'m' is empty", Assert.Throws<ArgumentException>(() =>
            new MultimodalDataset("d", DatasetKinds.Real, [new Modality("m", new double[3, 0])], new double[3, 1])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MultimodalDataset("d", "made-up", [new Modality("m", new double[3, 1])], new double[3, 1]));
    }

    [Fact]
    public void SplitIsDisjointCompleteAndSeeded()
    {
        var d = Make(100);
        var s1 = d.Split();
        var s2 = d.Split();
        var s3 = d.Split(new SplitOptions { Seed = 7 });
        var ids = new[] { s1.Train, s1.Validation, s1.Test }.Select(p => p.RowIds!.ToHashSet()).ToArray();
        Assert.Equal((70, 10, 20), (ids[0].Count, ids[1].Count, ids[2].Count));
        Assert.Equal(100, ids.SelectMany(x => x).Distinct().Count());
        Assert.Equal(s1.Test.RowIds, s2.Test.RowIds);
        Assert.NotEqual(s1.Test.RowIds, s3.Test.RowIds);
        // Rows travel with their features, target and metadata.
        int row = int.Parse(s1.Test.RowIds![0][1..]);
        Assert.Equal(row * 10 + 1, s1.Test.Modalities[0].Values[0, 1]);
        Assert.Equal(row, s1.Test.Target[0, 0]);
        Assert.Equal(row % 2 == 0 ? "M" : "F", s1.Test.Metadata["sex"][0]);
    }

    [Fact]
    public void GroupAwareSplitNeverLetsAGroupStraddleParts()
    {
        var groups = Enumerable.Range(0, 300).Select(i => $"site{i * 7 % 23}").ToArray();
        var d = Make(300, groups);
        foreach (int seed in new[] { 1, 2, 42 })
        {
            var s = d.Split(new SplitOptions { ByGroup = true, Seed = seed });
            var parts = new[] { s.Train, s.Validation, s.Test }.Select(p => p.Groups!.ToHashSet()).ToArray();
            Assert.Empty(parts[0].Intersect(parts[1]));
            Assert.Empty(parts[0].Intersect(parts[2]));
            Assert.Empty(parts[1].Intersect(parts[2]));
            Assert.Equal(300, s.Train.RowCount + s.Validation.RowCount + s.Test.RowCount);
            Assert.InRange(s.Train.RowCount, 150, 250);
        }
    }

    [Fact]
    public void GroupSplitWithTooFewGroupsOrNoGroupsIsAClearError()
    {
        Assert.Contains("no groups", Assert.Throws<InvalidOperationException>(() => Make(10).Split(new SplitOptions { ByGroup = true })).Message);
        var two = Make(10, Enumerable.Range(0, 10).Select(i => i < 5 ? "p0" : "p1").ToArray());
        Assert.Contains("2 group", Assert.Throws<InvalidOperationException>(() => two.Split(new SplitOptions { ByGroup = true })).Message);
    }

    [Theory]
    [InlineData(0.0, 0.1)]
    [InlineData(0.9, 0.1)]
    [InlineData(0.7, -0.1)]
    [InlineData(double.NaN, 0.1)]
    public void SplitOptionsOutOfRangeNameTheField(double train, double val)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Make(10).Split(new SplitOptions { TrainFraction = train, ValidationFraction = val }));
        Assert.True(e.ParamName is "TrainFraction" or "ValidationFraction");
    }

    [Fact]
    public void FromCsvNamesModalitiesAndRejectsColumnsUsedTwice()
    {
        using var dir = new TempDir();
        var p = dir.File("d.csv", "f0,f1,f2,f3,y\n1,2,3,4,5\n6,7,8,9,10\n11,12,13,14,15\n");
        var d = MultimodalDataset.FromCsv(p, "y", "0-1", "f2,f3");
        Assert.Equal(["x1", "x2"], d.Modalities.Select(m => m.Name));
        Assert.Equal(["f2", "f3"], d["x2"].FeatureNames);
        Assert.Equal(15.0, d.Target[2, 0]);
        Assert.Contains("'f1'", Assert.Throws<ArgumentException>(() => MultimodalDataset.FromCsv(p, "y", "0-1", "1-2")).Message);
        Assert.Contains("'y'", Assert.Throws<ArgumentException>(() => MultimodalDataset.FromCsv(p, "y", "0-1", "2-4")).Message);
    }

    [Fact]
    public void NamedModalitiesFromCsvRoundTripWithTheFileAsTheDataSetName()
    {
        using var dir = new TempDir();
        // 0.1 + 1e-12 has digits a float32 cannot hold: the value comes back only if every step reads doubles.
        var p = dir.File("houses.csv", "area,rooms,lat,lon,price\n0.100000000001,2,3,4,5\n6,7,8,9,10.5\n11,12,13,14,15\n");
        var d = MultimodalDataset.FromCsv(p, "price", ("size", "area,rooms"), ("place", "#2-3"));
        Assert.Equal("houses", d.Name);
        Assert.Equal(["size", "place"], d.Modalities.Select(m => m.Name));
        Assert.Equal(["lat", "lon"], d["place"].FeatureNames);
        Assert.Equal(0.100000000001, d["size"].Values[0, 0]);
        Assert.Equal(10.5, d.Target[1, 0]);
        Assert.Equal("houses", MultimodalDataset.FromCsv(dir.Bytes("houses.csv.gz", TempDir.Gzip(System.IO.File.ReadAllBytes(p))), "price", ("size", "0-1"), ("place", "2-3")).Name);
        Assert.Contains("no modality 'geometry'", Assert.Throws<KeyNotFoundException>(() => d["geometry"]).Message);
        Assert.Contains("'size'", Assert.Throws<ArgumentException>(() => MultimodalDataset.FromCsv(p, "price", ("size", "0-1"), ("size", "2-3"))).Message);
    }

    [Fact]
    public void NamedModalitiesFromADataFrameKeepDoublesAndTheGivenName()
    {
        using var dir = new TempDir();
        var frame = CsvTable.ReadDataFrame(dir.File("t.csv", "area,rooms,lat,price\n0.100000000001,2,3,5\n6,7,8,10\n11,12,13,15\n"));
        var d = MultimodalDataset.FromDataFrame(frame, "price", ("size", "area,rooms"), ("place", "lat"));
        Assert.Equal("DataFrame", d.Name);
        Assert.Equal(["size", "place"], d.Modalities.Select(m => m.Name));
        Assert.Equal(0.100000000001, d["size"].Values[0, 0]);
        Assert.Equal(13.0, d["place"].Values[2, 0]);
        var named = MultimodalDataset.FromDataFrame(frame, "price", [("size", "area,rooms"), ("place", "lat")], name: "houses");
        Assert.Equal("houses", named.Name);
        Assert.Equal(d["size"].Values, named["size"].Values);
        Assert.Equal(["x1", "x2"], MultimodalDataset.FromDataFrame(frame, "price", "area", "lat").Modalities.Select(m => m.Name));
    }

    [Fact]
    public void WriteCsvReadsBackExactlyWithUniqueColumnNames()
    {
        using var dir = new TempDir();
        var d = new MultimodalDataset("toy", DatasetKinds.Synthetic,
            [
                new Modality("a", Matrix(3, 2, (i, j) => Math.PI * (i + 1) / (j + 3))) { FeatureNames = ["v", "w,1"] },
                new Modality("b", Matrix(3, 1, (i, _) => -1e-150 * i)) { FeatureNames = ["v"] },
            ],
            Matrix(3, 1, (i, _) => 0.1 * i), ["t"]);
        Assert.Equal(["a.v", "a.w,1", "b.v", "t"], d.CsvColumnNames());
        var unnamed = new MultimodalDataset("toy", DatasetKinds.Synthetic, [new Modality("m", new double[1, 2])], new double[1, 1]);
        Assert.Equal(["m_0", "m_1", "y"], unnamed.CsvColumnNames());

        var path = System.IO.Path.Combine(dir.Path, "toy.csv");
        using (var writer = new StreamWriter(path)) d.WriteCsv(writer);
        Assert.StartsWith("a.v,\"a.w,1\",b.v,t\n", System.IO.File.ReadAllText(path));
        var back = MultimodalDataset.FromCsv(path, "3", "0-1", "2");
        Assert.Equal(d["a"].Values, back["x1"].Values);
        Assert.Equal(d["b"].Values, back["x2"].Values);
        Assert.Equal(d.Target, back.Target);
        Assert.Equal(["a.v", "a.w,1"], back["x1"].FeatureNames);
    }
}

public class MultimodalDatasetSelectionTests
{
    [Fact]
    public void WithModalitiesKeepsRowsAndNamesTheMissingModality()
    {
        var d = Datasets.Load(DatasetNames.Mosi, new DatasetLoadOptions { MaxRows = 20 });
        var two = d.WithModalities("vision", "text");
        Assert.Equal(["vision", "text"], two.Modalities.Select(m => m.Name));
        Assert.Equal(d.Target.Cast<double>(), two.Target.Cast<double>());
        Assert.Contains("text, audio, vision", Assert.Throws<KeyNotFoundException>(() => d.WithModalities("touch")).Message);
    }

    [Fact]
    public void ConcatenatedPutsModalitiesSideBySide()
    {
        var d = Datasets.Load(DatasetNames.Diabetes);
        var x = d.Concatenated();
        Assert.Equal(10, x.GetLength(1));
        Assert.Equal(d["serum"].Values[5, 0], x[5, 4]);
    }

}
