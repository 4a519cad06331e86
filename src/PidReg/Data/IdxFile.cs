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
    /// </summary>
    public static IdxFile Read(string path, int expectedRank)
    {
        byte[] bytes;
        try
        {
            using var s = DelimitedFile.Open(path);
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            bytes = ms.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: the gzip stream is corrupt or truncated ({e.Message}).", e);
        }
        if (bytes.Length < 4)
            throw new InvalidDataException($"{path}: {bytes.Length} bytes is too short for an IDX header.");
        int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        int type = (magic >> 8) & 0xFF, rank = magic & 0xFF;
        if ((magic >> 16) != 0 || type != 0x08)
            throw new InvalidDataException($"{path}: magic number 0x{magic:X8} is not an unsigned-byte IDX file (expected 0x0000080{expectedRank}).");
        if (rank != expectedRank)
            throw new InvalidDataException($"{path}: magic number 0x{magic:X8} announces {rank} dimensions, expected {expectedRank} (0x0000080{expectedRank}).");
        int header = 4 + 4 * rank;
        if (bytes.Length < header)
            throw new InvalidDataException($"{path}: truncated header ({bytes.Length} bytes, need {header}).");
        var dims = new int[rank];
        long expected = 1;
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (dims[i] <= 0)
                throw new InvalidDataException($"{path}: dimension {i} is {dims[i]}; dimensions must be positive.");
            expected *= dims[i];
        }
        long actual = bytes.Length - header;
        if (actual != expected)
            throw new InvalidDataException(
                $"{path}: dimensions {string.Join(" x ", dims)} need {expected} data bytes but the file has {actual} ({(actual < expected ? "truncated" : "trailing bytes")}).");
        return new IdxFile(dims, bytes[header..]);
    }
}
