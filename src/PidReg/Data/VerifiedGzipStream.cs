using System.IO.Compression;

namespace PidReg.Data;

/// <summary>
/// A read-only gzip decompressor that reads to the trailer and checks it. GZipStream reports a plain end of file when
/// the compressed input stops early, so a .csv.gz cut at a row boundary would load short without an error; here the
/// last member's CRC-32 and length (RFC 1952, section 2.3.1) must match the bytes that came out, else the read throws
/// <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class VerifiedGzipStream : Stream
{
    readonly string path;
    readonly GZipStream inner;
    readonly uint expectedCrc, expectedLength;
    readonly bool tooShort;
    uint crc = 0xFFFFFFFF;
    long total;
    bool verified;

    public VerifiedGzipStream(string path)
    {
        this.path = path;
        var file = File.OpenRead(path);
        var trailer = new byte[8];
        if (file.Length < 18) tooShort = true; // 10-byte header + 8-byte trailer at the least
        else
        {
            file.Seek(-8, SeekOrigin.End);
            file.ReadExactly(trailer);
            file.Seek(0, SeekOrigin.Begin);
            expectedCrc = BitConverter.ToUInt32(trailer, 0);
            expectedLength = BitConverter.ToUInt32(trailer, 4);
        }
        inner = new GZipStream(file, CompressionMode.Decompress);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (tooShort) throw new InvalidDataException($"{path}: the gzip file is truncated (shorter than a gzip header and trailer).");
        int n = inner.Read(buffer);
        if (n > 0)
        {
            crc = Crc32.Update(crc, buffer[..n]);
            total += n;
        }
        else if (buffer.Length > 0 && !verified) Verify();
        return n;
    }

    void Verify()
    {
        verified = true;
        // Single-member files (the usual case): the trailer covers every byte read.
        if ((uint)total == expectedLength && ~crc == expectedCrc) return;
        // Multi-member files (pigz, bgzip): the trailer covers only the last member, the final expectedLength bytes.
        if (expectedLength <= total && LastBytesCrc(total - expectedLength) == expectedCrc) return;
        throw new InvalidDataException(
            $"{path}: the gzip file is truncated or corrupt: its trailer does not match the {total} bytes it decompressed to " +
            "(the file ends before the gzip trailer, e.g. an interrupted download or copy); fetch or compress the file again.");
    }

    uint LastBytesCrc(long skip)
    {
        using var again = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var buffer = new byte[81920];
        uint c = 0xFFFFFFFF;
        long position = 0;
        for (int n; (n = again.Read(buffer)) > 0; position += n)
        {
            long start = Math.Max(0, skip - position);
            if (start < n) c = Crc32.Update(c, buffer.AsSpan((int)start, n - (int)start));
        }
        return ~c;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => total; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The CRC-32 of gzip (polynomial 0xEDB88320, reflected), table-driven.</summary>
    static class Crc32
    {
        static readonly uint[] Table = Enumerable.Range(0, 256).Select(i =>
        {
            uint c = (uint)i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            return c;
        }).ToArray();

        public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc;
        }
    }
}
