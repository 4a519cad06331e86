using System.Buffers.Binary;

namespace PidReg.Data;

/// <summary>
/// An IDX file of unsigned bytes (the MNIST format: big-endian magic 0x00000800 + number of dimensions,
/// then one big-endian int32 per dimension, then the data), optionally gzip-compressed.
/// </summary>
public sealed class IdxFile
{
    IdxFile(int[] dims, byte[] data)
    {
        Dimensions = dims;
        Data = data;
    }

    /// <summary>Dimension sizes, e.g. [10000, 28, 28] for images, [10000] for labels.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>The values in row-major order.</summary>
    public byte[] Data { get; }

    /// <summary>
    /// Reads and validates an IDX file: magic number (unsigned-byte type, expected rank), positive
    /// dimensions, and exactly the announced number of bytes (truncated or padded files are errors).
    /// The data are read straight into one array of the announced size (the 47 MB MNIST training images
    /// are not buffered twice), and a .gz file is read to its trailer so its CRC-32 and length are checked.
    /// </summary>
    public static IdxFile Read(string path, int expectedRank)
    {
        try
        {
            using var s = DelimitedFile.Open(path);
            return Read(s, path, expectedRank);
        }
        catch (InvalidDataException e) when (e.Data["idx"] is null)
        {
            throw new InvalidDataException($"{path}: the gzip stream is corrupt or truncated ({e.Message}).", e);
        }
    }

    static IdxFile Read(Stream s, string path, int expectedRank)
    {
        var head = new byte[4];
        int got = s.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        if (got < 4)
            throw Format($"{path}: {got} bytes is too short for an IDX header.");
        int magic = BinaryPrimitives.ReadInt32BigEndian(head);
        int type = (magic >> 8) & 0xFF, rank = magic & 0xFF;
        if ((magic >> 16) != 0 || type != 0x08)
            throw Format($"{path}: magic number 0x{magic:X8} is not an unsigned-byte IDX file (expected 0x0000080{expectedRank}).");
        if (rank != expectedRank)
            throw Format($"{path}: magic number 0x{magic:X8} announces {rank} dimensions, expected {expectedRank} (0x0000080{expectedRank}).");
        int header = 4 + 4 * rank;
        var dimBytes = new byte[4 * rank];
        got = s.ReadAtLeast(dimBytes, dimBytes.Length, throwOnEndOfStream: false);
        if (got < dimBytes.Length)
            throw Format($"{path}: truncated header ({4 + got} bytes, need {header}).");
        var dims = new int[rank];
        long expected = 1;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(dimBytes.AsSpan(4 * i));
            if (dims[i] <= 0)
                throw Format($"{path}: dimension {i} is {dims[i]}; dimensions must be positive.");
            expected *= dims[i];
        }
        if (expected > Array.MaxLength)
            throw Format($"{path}: dimensions {string.Join(" x ", dims)} announce {expected} data bytes, more than one array can hold.");
        var data = new byte[expected];
        long actual = s.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        // One more read: a trailing byte means padding; end of stream also makes a .gz stream check its trailer.
        if (actual == expected)
        {
            var probe = new byte[4096];
            for (int n; (n = s.Read(probe)) > 0;) actual += n;
        }
        if (actual != expected)
            throw Format(
                $"{path}: dimensions {string.Join(" x ", dims)} need {expected} data bytes but the file has {actual} ({(actual < expected ? "truncated" : "trailing bytes")}).");
        return new IdxFile(dims, data);
    }

    // Marks the format errors found here, so Read does not relabel them as gzip corruption.
    static InvalidDataException Format(string message)
    {
        var e = new InvalidDataException(message);
        e.Data["idx"] = true;
        return e;
    }
}
