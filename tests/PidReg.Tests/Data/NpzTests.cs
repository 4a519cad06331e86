using System.IO.Compression;
using System.Text;
using PidReg.Data;

namespace PidReg.Tests.Data;

public class NpzTests
{
    // Writes a .npy (format 1.0) the way numpy does: magic, version, header length, padded dict, data.
    internal static byte[] Npy(string descr, int[] shape, Func<int, double> value)
    {
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        int pad = 64 - (10 + dict.Length + 1) % 64;
        var header = Encoding.ASCII.GetBytes(dict + new string(' ', pad % 64) + "\n");
        int count = shape.Aggregate(1, (a, b) => a * b);
        using var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        ms.Write(BitConverter.GetBytes((ushort)header.Length));
        ms.Write(header);
        for (int i = 0; i < count; i++)
            ms.Write(descr switch
            {
                "<f4" => BitConverter.GetBytes((float)value(i)),
                "<f8" => BitConverter.GetBytes(value(i)),
                "<i8" => BitConverter.GetBytes((long)value(i)),
                _ => throw new ArgumentException(descr),
            });
        return ms.ToArray();
    }

    internal static void Npz(string path, params (string Name, byte[] Npy)[] arrays)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in arrays)
        {
            using var s = zip.CreateEntry(name + ".npy").Open();
            s.Write(bytes);
        }
    }

    [Fact]
    public void SequencesAreAveragedOverTimeAndLabelsFlattened()
    {
        using var dir = new TempDir();
        var p = Path.Combine(dir.Path, "mosi.npz");
        // text (4, 3, 2): value = row*100 + step*10 + feature; mean over steps = row*100 + 10 + feature.
        Npz(p, ("text", Npy("<f4", [4, 3, 2], i => i / 6 * 100 + i / 2 % 3 * 10 + i % 2)),
            ("audio", Npy("<f8", [4, 5], i => i * 0.5)),
            ("vision", Npy("<f4", [4, 3, 2], i => 1)),
            ("labels", Npy("<f8", [4, 1, 1], i => i - 1.5)));
        var d = MultimodalNpz.Load(p, "mosi", ["text", "audio", "vision"], "labels", "test");
        Assert.Equal(4, d.RowCount);
        Assert.Equal((2, 5, 2), (d["text"].Dims, d["audio"].Dims, d["vision"].Dims));
        Assert.Equal(311.0, d["text"].Values[3, 1], 5);
        Assert.Equal(4.5, d["audio"].Values[1, 4]);
        Assert.Equal(1.5, d.Target[3, 0]);
        Assert.Equal(1, d.Target.GetLength(1));
    }

    [Fact]
    public void RegistryReadsAnNpzPlacedInTheDataFolderInsteadOfTheStandIn()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "vision-touch"));
        Npz(Path.Combine(dir.Path, "vision-touch", "vision-touch.npz"),
            ("vision", Npy("<f4", [6, 4], i => i)), ("force", Npy("<f4", [6, 32, 6], i => i % 7)),
            ("proprio", Npy("<f8", [6, 8], i => -i)), ("target", Npy("<f8", [6], i => i)));
        var d = Datasets.Load(DatasetNames.VisionTouch, new DatasetLoadOptions { DataRoot = dir.Path });
        Assert.Equal(DatasetKinds.Real, d.Kind);
        Assert.Equal(6, d.RowCount);
        Assert.Equal(6, d["force"].Dims);
    }

    [Fact]
    public void MissingArrayListsTheArchiveContents()
    {
        using var dir = new TempDir();
        var p = Path.Combine(dir.Path, "a.npz");
        Npz(p, ("text", Npy("<f4", [2, 2], i => i)), ("labels", Npy("<f8", [2], i => i)));
        var e = Assert.Throws<InvalidDataException>(() => MultimodalNpz.Load(p, "mosi", ["text", "audio"], "labels", "t"));
        Assert.Contains("'audio' is missing", e.Message);
        Assert.Contains("labels, text", e.Message);
    }

    [Fact]
    public void RowMismatchNamesTheModality()
    {
        using var dir = new TempDir();
        var p = Path.Combine(dir.Path, "a.npz");
        Npz(p, ("text", Npy("<f4", [3, 2], i => i)), ("labels", Npy("<f8", [2], i => i)));
        Assert.Contains("'text' has 3 rows", Assert.Throws<InvalidDataException>(() => MultimodalNpz.Load(p, "m", ["text"], "labels", "t")).Message);
    }

    [Fact]
    public void BadNpyBytesAreRejected()
    {
        var good = Npy("<f8", [2, 2], i => i);
        Assert.Contains("needs 32 bytes", Assert.Throws<InvalidDataException>(() => NpyArray.Parse(good[..^3], "x.npy")).Message);
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => NpyArray.Parse(Encoding.ASCII.GetBytes("hello world!"), "x.npy")).Message);
        var nan = Npy("<f8", [2], i => i == 1 ? double.NaN : 0);
        Assert.Contains("element 1", Assert.Throws<InvalidDataException>(() => NpyArray.Parse(nan, "x.npy")).Message);
        var bigEndian = (byte[])good.Clone();
        bigEndian[good.AsSpan().IndexOf("<f8"u8)] = (byte)'>';
        Assert.Contains("'>f8'", Assert.Throws<InvalidDataException>(() => NpyArray.Parse(bigEndian, "x.npy")).Message);
    }
}
