using PidReg.Data;

namespace PidReg.Tests.Data;

public class CsvTableTests
{
    const string Simple = "a,b,c,d,Left-Lateral\n1,2,3,4,5\n6,7,8,9,10\n";

    [Fact]
    public void SelectorsMixNamesIndicesAndInclusiveRanges()
    {
        using var dir = new TempDir();
        var t = CsvTable.Read(dir.File("t.csv", Simple));
        Assert.Equal(2, t.RowCount);
        Assert.Equal(["a", "b", "c", "d", "Left-Lateral"], t.ColumnNames);
        Assert.Equal(["b", "c", "d"], t.ResolveNames("1-3"));
        Assert.Equal(["d", "a", "c"], t.ResolveNames("d, 0,2"));
        Assert.Equal(["Left-Lateral", "a"], t.ResolveNames("Left-Lateral,a"));
        var x = t.Select("c,0");
        Assert.Equal(3.0, x[0, 0]);
        Assert.Equal(6.0, x[1, 1]);
    }

    [Fact]
    public void NumbersAreParsedAsDoublesWithoutFloatRounding()
    {
        using var dir = new TempDir();
        var t = CsvTable.Read(dir.File("t.csv", "v\n0.1234567890123\n"));
        Assert.Equal(0.1234567890123, t.Column("v")[0]);
    }

    [Fact]
    public void GzipFilesAreReadTransparently()
    {
        using var dir = new TempDir();
        var t = CsvTable.Read(dir.Bytes("t.csv.gz", TempDir.Gzip(Simple)));
        Assert.Equal(10.0, t.Column("Left-Lateral")[1]);
    }

    [Fact]
    public void MissingFileIsReportedWithItsPath()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CsvTable.Read("/nonexistent/x.csv"));
        Assert.Contains("/nonexistent/x.csv", e.Message);
    }

    [Fact]
    public void RaggedRowNamesFileAndLine()
    {
        using var dir = new TempDir();
        var p = dir.File("r.csv", "a,b\n1,2\n3\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvTable.Read(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("line 3", e.Message);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("NaN")]
    [InlineData("")]
    [InlineData("inf")]
    public void BadCellNamesFileLineAndColumn(string cell)
    {
        using var dir = new TempDir();
        var p = dir.File("n.csv", $"a,b\n1,2\n3,{cell}\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvTable.Read(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("column 'b'", e.Message);
    }

    [Fact]
    public void EmptyFileIsRejected()
    {
        using var dir = new TempDir();
        var p = dir.File("e.csv", "");
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => CsvTable.Read(p)).Message);
    }

    [Fact]
    public void TruncatedGzipIsReported()
    {
        using var dir = new TempDir();
        var big = "a,b\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},{i * 7 % 13}\n"));
        var gz = TempDir.Gzip(big);
        var p = dir.Bytes("t.csv.gz", gz[..(gz.Length / 2)]);
        var e = Assert.ThrowsAny<Exception>(() => CsvTable.Read(p));
        Assert.Contains(p, e.Message);
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("9")]
    [InlineData("2-9")]
    public void UnknownColumnOrIndexListsTheAvailableColumns(string selector)
    {
        using var dir = new TempDir();
        var t = CsvTable.Read(dir.File("t.csv", Simple));
        var e = Assert.Throws<ArgumentException>(() => t.Select(selector));
        Assert.Contains("0:a", e.Message);
        Assert.Contains("4:Left-Lateral", e.Message);
    }

    [Fact]
    public void ReversedRangeAndDuplicateColumnsAreErrors()
    {
        using var dir = new TempDir();
        var t = CsvTable.Read(dir.File("t.csv", Simple));
        Assert.Contains("reversed", Assert.Throws<ArgumentException>(() => t.Select("3-1")).Message);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => t.Select("a,0")).Message);
    }

    [Fact]
    public void TextColumnsStayTextAndCannotBeSelectedAsNumbers()
    {
        using var dir = new TempDir();
        var t = CsvTable.Read(dir.File("t.tsv", "id\tv\ns1\t1.5\ns2\t2.5\n"), new CsvReadOptions { Delimiter = '\t', TextColumns = ["id"] });
        Assert.Equal(["s1", "s2"], t.TextColumn("id"));
        Assert.Contains("text", Assert.Throws<ArgumentException>(() => t.Select("id")).Message);
    }

    [Fact]
    public void DataFrameRoundTripKeepsDoubleColumns()
    {
        using var dir = new TempDir();
        var frame = CsvTable.ReadDataFrame(dir.File("t.csv", "a,b\n0.1234567890123,2\n3,4\n"));
        Assert.All(frame.Columns, c => Assert.Equal(typeof(double), c.DataType));
        var back = CsvTable.FromDataFrame(frame);
        Assert.Equal(0.1234567890123, back.Column("a")[0]);
        var ds = MultimodalDataset.FromDataFrame(frame, "b", "a");
        Assert.Equal(4.0, ds.Target[1, 0]);
    }
}
