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

    // Independent truth: the official MNIST label counts for digits 0-9 (LeCun et al.), as recorded in
    // the data's provenance notes and data/mnist/README.md, not computed from the shipped files.
    static readonly int[] OfficialTrainCounts = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
    static readonly int[] OfficialTestCounts = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

    static string Mnist(string file) => Path.Combine(DataRoot.For("mnist"), file);

    static int[] Counts(IEnumerable<byte> labels)
    {
        var c = new int[10];
        foreach (var l in labels) c[l]++;
        return c;
    }

    [Theory]
    [InlineData("train-images-idx3-ubyte.gz", 9719438, "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971")]
    [InlineData("train-labels-idx1-ubyte.gz", 28857, "1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203")]
    [InlineData("t10k-images-idx3-ubyte.gz", 1616508, "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be")]
    [InlineData("t10k-labels-idx1-ubyte.gz", 4517, "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b")]
    public void ShippedFilesMatchTheirRecordedSizeAndSha256(string file, long bytes, string sha256)
    {
        var path = Mnist(file);
        Assert.Equal(bytes, new FileInfo(path).Length);
        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
        Assert.Contains(file, BimodalMnist.Files);
    }

    [Theory]
    [InlineData("train-images-idx3-ubyte.gz", 0x803, new[] { 60000, 28, 28 })]
    [InlineData("train-labels-idx1-ubyte.gz", 0x801, new[] { 60000 })]
    [InlineData("t10k-images-idx3-ubyte.gz", 0x803, new[] { 10000, 28, 28 })]
    [InlineData("t10k-labels-idx1-ubyte.gz", 0x801, new[] { 10000 })]
    public void ShippedIdxHeadersHaveTheOfficialMagicAndSizes(string file, int magic, int[] dims)
    {
        // Read the raw header bytes here, not through IdxFile, so the check does not rest on the code under test.
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(Mnist(file)), System.IO.Compression.CompressionMode.Decompress);
        var header = new byte[4 + 4 * dims.Length];
        gz.ReadExactly(header);
        Assert.Equal(magic, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.Equal(dims, Enumerable.Range(0, dims.Length).Select(i => BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 + 4 * i))));
        Assert.Equal(dims, IdxFile.Read(Mnist(file), dims.Length).Dimensions);
    }

    [Fact]
    public void ShippedTrainingAndTestSetsHaveTheOfficialLabelCounts()
    {
        var (_, train, trainCount) = BimodalMnist.ReadIdx(Mnist(BimodalMnist.TrainFiles.Images), Mnist(BimodalMnist.TrainFiles.Labels));
        var (_, test, testCount) = BimodalMnist.ReadIdx(Mnist(BimodalMnist.TestFiles.Images), Mnist(BimodalMnist.TestFiles.Labels));
        Assert.Equal((60000, 10000), (trainCount, testCount));
        Assert.Equal(OfficialTrainCounts, Counts(train));
        Assert.Equal(OfficialTestCounts, Counts(test));
    }

    [Fact]
    [Trait(TestCategories.Category, TestCategories.Slow)]
    public void FullTaskHasAll70000DigitsTrainingFirstThenTest()
    {
        var d = BimodalMnist.Load(DataRoot.For("mnist"));
        Assert.Equal(70000, d.RowCount);
        Assert.Equal(BimodalMnist.RowCount, d.RowCount);
        Assert.Equal((392, 392), (d["left"].Dims, d["right"].Dims));
        var sets = d.Metadata[BimodalMnist.SetKey];
        Assert.All(sets.Take(60000), s => Assert.Equal(BimodalMnist.TrainSet, s));
        Assert.All(sets.Skip(60000), s => Assert.Equal(BimodalMnist.TestSet, s));
        var digits = d.Metadata["digit"];
        Assert.Equal(OfficialTrainCounts, Counts(digits.Take(60000).Select(byte.Parse)));
        Assert.Equal(OfficialTestCounts, Counts(digits.Skip(60000).Select(byte.Parse)));
        Assert.Equal("5", digits[0]);     // the first MNIST training digit is a 5
        Assert.Equal("7", digits[60000]); // the first MNIST test digit is a 7
        Assert.Contains("60000 training + 10000 test digits", d.Description);
        var angles = Enumerable.Range(0, d.RowCount).Select(i => d.Target[i, 0]).ToArray();
        Assert.All(angles, a => Assert.InRange(a, -45, 45));
        Assert.InRange(angles.Average(), -1, 1); // uniform on [-45, 45]: mean 0, sd 45/sqrt(3)/sqrt(70000) = 0.1
        Assert.All(Enumerable.Range(0, 392), j => Assert.InRange(d["left"].Values[12345, j], 0, 1));
    }

    [Fact]
    public void SubsampleIsThePrefixOfTheFullTask()
    {
        var d = BimodalMnist.Load(DataRoot.For("mnist"), seed: 1, maxRows: 200);
        Assert.Equal(200, d.RowCount);
        Assert.Contains("the first 200 training digits", d.Description);
        Assert.All(d.Metadata[BimodalMnist.SetKey], s => Assert.Equal(BimodalMnist.TrainSet, s));
        var more = BimodalMnist.Load(DataRoot.For("mnist"), seed: 1, maxRows: 300);
        Assert.Equal(d.Target.Cast<double>(), Enumerable.Range(0, 200).Select(i => more.Target[i, 0]));
        Assert.Equal(d["right"].Values[199, 200], more["right"].Values[199, 200]);
    }

    [Fact]
    public void MissingTrainingFileIsNamedNotSkipped()
    {
        using var dir = new TempDir();
        foreach (var f in BimodalMnist.Files.Where(f => f != BimodalMnist.TrainFiles.Images))
            File.Copy(Mnist(f), Path.Combine(dir.Path, f));
        Assert.False(BimodalMnist.IsPresent(dir.Path));
        var e = Assert.Throws<FileNotFoundException>(() => BimodalMnist.Load(dir.Path, maxRows: 10));
        Assert.Contains(BimodalMnist.TrainFiles.Images, e.Message);
        Assert.Contains(dir.Path, e.Message);
        var info = Datasets.List(dir.Path).Single(i => i.Name == DatasetNames.BimodalMnist);
        Assert.False(info.RealFilesPresent);
        Assert.Null(info.Rows);
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
        Assert.NotEqual(BimodalMnist.Load(DataRoot.For("mnist"), seed: 2, maxRows: 200).Target.Cast<double>(), d.Target.Cast<double>());
        Assert.Equal("5", d.Metadata["digit"][0]); // the first MNIST training digit is a 5
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
