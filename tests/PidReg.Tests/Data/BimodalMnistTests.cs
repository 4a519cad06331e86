using System.Buffers.Binary;
using PidReg.Data;

namespace PidReg.Tests.Data;

public class BimodalMnistTests
{
    static byte[] Idx(int magic, int[] dims, int dataBytes)
    {
        var b = new byte[4 + 4 * dims.Length + dataBytes];
        BinaryPrimitives.WriteInt32BigEndian(b, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4 + 4 * i), dims[i]);
        for (int i = 4 + 4 * dims.Length; i < b.Length; i++) b[i] = (byte)(i % 10);
        return b;
    }

    [Fact]
    public void ShippedTestSetHasTheOfficialLabelCounts()
    {
        var folder = DataRoot.For("mnist");
        var (_, labels, count) = BimodalMnist.ReadIdx(Path.Combine(folder, BimodalMnist.TestFiles.Images), Path.Combine(folder, BimodalMnist.TestFiles.Labels));
        Assert.Equal(10000, count);
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], Enumerable.Range(0, 10).Select(d => labels.Count(l => l == d)));
    }

    [Fact]
    public void TaskHasTwoHalvesAndAnglesWithinRange()
    {
        var d = BimodalMnist.Load(DataRoot.For("mnist"), seed: 1, maxRows: 200);
        Assert.Equal(200, d.RowCount);
        Assert.Equal((392, 392), (d["left"].Dims, d["right"].Dims));
        var angles = Enumerable.Range(0, 200).Select(i => d.Target[i, 0]).ToArray();
        Assert.All(angles, a => Assert.InRange(a, -45, 45));
        Assert.True(angles.Min() < -30 && angles.Max() > 30);
        Assert.Equal(BimodalMnist.Load(DataRoot.For("mnist"), seed: 1, maxRows: 200).Target.Cast<double>(), d.Target.Cast<double>());
        Assert.Equal("7", d.Metadata["digit"][0]); // the first MNIST test digit is a 7
    }

    [Fact]
    public void RotationByZeroIsIdentityAndBy90MovesTheTopRowToTheLeftColumn()
    {
        var img = Enumerable.Range(0, 784).Select(i => (double)(i * 37 % 101)).ToArray();
        var same = BimodalMnist.Rotate(img, 0);
        for (int i = 0; i < 784; i++) Assert.Equal(img[i], same[i], 12);
        var r = BimodalMnist.Rotate(img, 90);
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++)
                Assert.Equal(img[x * 28 + (27 - y)], r[y * 28 + x], 9);
    }

    [Fact]
    public void RotationPreservesTheCentreOfMassAngle()
    {
        // A single bright pixel right of centre, rotated 30 degrees counterclockwise, moves up-right (y down).
        var img = new double[784];
        img[13 * 28 + 24] = img[14 * 28 + 24] = 1;
        var r = BimodalMnist.Rotate(img, 30);
        double sx = 0, sy = 0, m = 0;
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++) { m += r[y * 28 + x]; sx += x * r[y * 28 + x]; sy += y * r[y * 28 + x]; }
        double angle = Math.Atan2(-(sy / m - 13.5), sx / m - 13.5) * 180 / Math.PI;
        Assert.Equal(30, angle, 0);
    }

    [Theory]
    [InlineData(0x00000901, "not an unsigned-byte")]
    [InlineData(0x00000802, "announces 2 dimensions")]
    public void WrongMagicNumbersAreRejected(int magic, string message)
    {
        using var dir = new TempDir();
        var p = dir.Bytes("bad.idx", Idx(magic, [2, 28, 28], 2 * 784));
        Assert.Contains(message, Assert.Throws<InvalidDataException>(() => IdxFile.Read(p, 3)).Message);
    }

    [Fact]
    public void TruncatedOrPaddedDataIsRejectedWithByteCounts()
    {
        using var dir = new TempDir();
        var truncated = dir.Bytes("t.idx.gz", TempDir.Gzip(Idx(0x803, [2, 28, 28], 2 * 784 - 5)));
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(truncated, 3));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("1568", e.Message);
        var padded = dir.Bytes("p.idx", Idx(0x801, [3], 4));
        Assert.Contains("trailing", Assert.Throws<InvalidDataException>(() => IdxFile.Read(padded, 1)).Message);
        var zero = dir.Bytes("z.idx", Idx(0x801, [0], 0));
        Assert.Contains("dimension 0 is 0", Assert.Throws<InvalidDataException>(() => IdxFile.Read(zero, 1)).Message);
    }

    [Fact]
    public void TruncatedGzipStreamIsReported()
    {
        using var dir = new TempDir();
        var gz = TempDir.Gzip(Idx(0x803, [50, 28, 28], 50 * 784));
        var p = dir.Bytes("cut.idx.gz", gz[..(gz.Length * 2 / 3)]);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(p, 3));
        Assert.Contains(p, e.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        using var dir = new TempDir();
        var images = dir.Bytes("i.idx", Idx(0x803, [3, 28, 28], 3 * 784));
        var labels = dir.Bytes("l.idx", Idx(0x801, [2], 2));
        Assert.Contains("2 labels", Assert.Throws<InvalidDataException>(() => BimodalMnist.ReadIdx(images, labels)).Message);
    }
}
