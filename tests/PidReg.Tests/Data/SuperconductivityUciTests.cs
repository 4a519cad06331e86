using System.Globalization;
using System.Text;
using PidReg.Data;

namespace PidReg.Tests.Data;

[Collection(SuperconCollection.Name)]
public class SuperconductivityUciTests(SuperconFixture fx)
{
    static readonly (string Formula, double Tc)[] Materials = [("Ba0.2La1.8Cu1O4", 29), ("Re6Zr1", 6.5), ("Nb3Sn1", 18.1)];

    // Writes train.csv / unique_m.csv in the UCI layout, with features computed by the kit itself.
    void WriteUciFiles(TempDir dir, double? tcMismatch = null, int dropUniqueRows = 0)
    {
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var train = new StringBuilder(string.Join(",", HamidiehFeatures.Names) + ",critical_temp\n");
        var unique = new StringBuilder(string.Join(",", SuperconductivityUci.ElementSymbols) + ",critical_temp,material\n");
        for (int i = 0; i < Materials.Length; i++)
        {
            var (formula, tc) = Materials[i];
            var coef = ChemicalFormula.Parse(formula, fx.Elements);
            train.Append(string.Join(",", HamidiehFeatures.Compute(coef, fx.Elements).Select(F))).Append(',').Append(F(tc)).Append('\n');
            if (i < Materials.Length - dropUniqueRows)
                unique.Append(string.Join(",", coef.Select(F))).Append(',').Append(F(i == 1 && tcMismatch is { } m ? m : tc)).Append(',').Append(formula).Append('\n');
        }
        dir.File("train.csv", train.ToString());
        dir.File("unique_m.csv", unique.ToString());
    }

    [Fact]
    public void LoadsBothFilesIntoPhysicalAndElementModalities()
    {
        using var dir = new TempDir();
        WriteUciFiles(dir);
        var d = SuperconductivityUci.Load(dir.Path);
        Assert.Equal(DatasetKinds.Real, d.Kind);
        Assert.Equal(3, d.RowCount);
        Assert.Equal(81, d["physical"].Dims);
        Assert.Equal(86, d["elements"].Dims);
        Assert.Equal(6.0, d["elements"].Values[1, fx.Elements.IndexOf("Re")]);
        Assert.Equal(18.1, d.Target[2, 0]);
        Assert.Equal("Re6Zr1", d.RowIds![1]);
        Assert.True(SuperconductivityUci.IsPresent(dir.Path));
    }

    [Fact]
    public void ElementSymbolsAgreeWithTheShippedElementTable()
    {
        Assert.Equal(fx.Elements.Symbols, SuperconductivityUci.ElementSymbols);
    }

    [Fact]
    public void EitherFileMissingIsNamedWithTheFolder()
    {
        using var dir = new TempDir();
        WriteUciFiles(dir);
        File.Delete(Path.Combine(dir.Path, "unique_m.csv"));
        var e = Assert.Throws<FileNotFoundException>(() => SuperconductivityUci.Load(dir.Path));
        Assert.Contains("'unique_m.csv' is missing", e.Message);
        Assert.Contains(dir.Path, e.Message);
        Assert.False(SuperconductivityUci.IsPresent(dir.Path));
    }

    [Fact]
    public void MisalignedFilesAreRejected()
    {
        using (var dir = new TempDir())
        {
            WriteUciFiles(dir, tcMismatch: 99);
            Assert.Contains("data row 1", Assert.Throws<InvalidDataException>(() => SuperconductivityUci.Load(dir.Path)).Message);
        }
        using (var dir = new TempDir())
        {
            WriteUciFiles(dir, dropUniqueRows: 1);
            Assert.Contains("3 rows", Assert.Throws<InvalidDataException>(() => SuperconductivityUci.Load(dir.Path)).Message);
        }
    }

    [Fact]
    public void AMissingFeatureColumnListsTheAvailableColumns()
    {
        using var dir = new TempDir();
        WriteUciFiles(dir);
        var p = Path.Combine(dir.Path, "train.csv");
        File.WriteAllText(p, File.ReadAllText(p).Replace("wtd_std_Valence", "something_else"));
        Assert.Contains("unknown column 'wtd_std_Valence'", Assert.Throws<ArgumentException>(() => SuperconductivityUci.Load(dir.Path)).Message);
    }
}
