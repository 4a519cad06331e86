using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace PidReg.Data;

/// <summary>
/// A NumPy array read from .npy bytes (format versions 1-3, little-endian float32/float64/int32/int64/uint8,
/// C order), converted to doubles; and the arrays of an .npz archive (np.savez / np.savez_compressed).
/// </summary>
public sealed partial class NpyArray
{
    NpyArray(int[] shape, double[] data)
    {
        Shape = shape;
        Data = data;
    }

    /// <summary>Array shape.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Values in C (row-major) order.</summary>
    public double[] Data { get; }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    /// <summary>Reads all arrays of an .npz file, keyed by name (without ".npy").</summary>
    public static IReadOnlyDictionary<string, NpyArray> ReadNpz(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"NPZ file not found: '{path}'.", path);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var result = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)))
            {
                using var s = entry.Open();
                using var ms = new MemoryStream();
                s.CopyTo(ms);
                result[entry.FullName[..^4]] = Parse(ms.ToArray(), $"{path}:{entry.FullName}");
            }
            return result;
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: not a readable .npz (zip) archive: {e.Message}", e);
        }
    }

    /// <summary>Parses the bytes of one .npy file; source names it in errors.</summary>
    public static NpyArray Parse(byte[] bytes, string source)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new InvalidDataException($"{source}: not a .npy array (missing the \\x93NUMPY magic).");
        int major = bytes[6];
        int headerLen, start;
        if (major == 1) { headerLen = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)); start = 10; }
        else if (major is 2 or 3) { headerLen = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8))); start = 12; }
        else throw new InvalidDataException($"{source}: unsupported .npy format version {major}.");
        if (start + headerLen > bytes.Length) throw new InvalidDataException($"{source}: truncated .npy header.");
        string header = Encoding.UTF8.GetString(bytes, start, headerLen);
        var descr = DescrPattern().Match(header);
        var order = OrderPattern().Match(header);
        var shapeM = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shapeM.Success)
            throw new InvalidDataException($"{source}: malformed .npy header '{header.Trim()}'.");
        if (order.Groups[1].Value == "True")
            throw new InvalidDataException($"{source}: Fortran-order arrays are not supported; save with np.ascontiguousarray.");
        var shape = shapeM.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        string dtype = descr.Groups[1].Value;
        int size = dtype switch { "<f4" or "<i4" => 4, "<f8" or "<i8" => 8, "|u1" => 1, _ => 0 };
        if (size == 0)
            throw new InvalidDataException($"{source}: dtype '{dtype}' is not supported (use little-endian float32/float64/int32/int64 or uint8).");
        int offset = start + headerLen;
        if (bytes.Length - offset != count * size)
            throw new InvalidDataException($"{source}: shape ({string.Join(", ", shape)}) of {dtype} needs {count * size} bytes but {bytes.Length - offset} follow the header.");
        var data = new double[count];
        var span = bytes.AsSpan(offset);
        for (long i = 0; i < count; i++)
        {
            var b = span[(int)(i * size)..];
            data[i] = dtype switch
            {
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(b),
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(b),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(b),
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(b),
                _ => b[0],
            };
            if (!double.IsFinite(data[i]))
                throw new InvalidDataException($"{source}: element {i} (flat index) is {data[i]}; NaN and infinity are not allowed.");
        }
        return new NpyArray(shape, data);
    }

    /// <summary>
    /// The array as rows x features: (n) -> n x 1, (n, d) as is, (n, t, d) averaged over t (time steps),
    /// higher ranks flattened after the first axis.
    /// </summary>
    public double[,] ToMatrix(bool averageTime = true)
    {
        if (Shape.Count == 0) throw new InvalidDataException("a scalar array has no rows.");
        int n = Shape[0];
        if (Shape.Count == 3 && averageTime)
        {
            int t = Shape[1], d = Shape[2];
            var x = new double[n, d];
            for (int i = 0; i < n; i++)
                for (int s = 0; s < t; s++)
                    for (int j = 0; j < d; j++) x[i, j] += Data[((long)i * t + s) * d + j] / t;
            return x;
        }
        int cols = n == 0 ? 0 : Data.Length / n;
        var m = new double[n, cols];
        Buffer.BlockCopy(Data, 0, m, 0, Data.Length * sizeof(double));
        return m;
    }
}
