using System.Security.Cryptography;
using PidReg.Torch;

namespace PidReg.Tests.Torch;

/// <summary>The GLIBCXX patch, on the real TorchSharp library from the NuGet cache and on hand-made bad files.</summary>
public class ElfVersionNeedsTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("pidreg-elf-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The unpatched library as NuGet restored it (never modified by the build).</summary>
    static string PristineLibrary()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"restore should have put TorchSharp's native library at {path}");
        return path;
    }

    string CopyOfPristine()
    {
        var copy = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(PristineLibrary(), copy);
        return copy;
    }

    [Fact]
    public void PristineLibraryHasAStrongGlibcxx3432Requirement()
    {
        var requirement = Assert.Single(ElfVersionNeeds.Read(PristineLibrary()), r => r.Version == "GLIBCXX_3.4.32");
        Assert.Equal("libstdc++.so.6", requirement.File);
        Assert.False(requirement.IsWeak);
    }

    [Fact]
    public void MarkWeakChangesOnlyThatRequirementAndIsIdempotent()
    {
        var copy = CopyOfPristine();
        var before = File.ReadAllBytes(copy);
        var requirementsBefore = ElfVersionNeeds.Read(copy);

        Assert.True(ElfVersionNeeds.MarkWeak(copy, "GLIBCXX_3.4.32"));
        var after = File.ReadAllBytes(copy);
        Assert.False(ElfVersionNeeds.MarkWeak(copy, "GLIBCXX_3.4.32"));
        Assert.Equal(after, File.ReadAllBytes(copy));

        // Exactly one byte differs: the low byte of that entry's vna_flags gains VER_FLG_WEAK (2).
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        var index = Assert.Single(changed);
        Assert.Equal(2, after[index] ^ before[index]);

        var requirementsAfter = ElfVersionNeeds.Read(copy);
        Assert.Equal(requirementsBefore.Count, requirementsAfter.Count);
        foreach (var (old, now) in requirementsBefore.Zip(requirementsAfter))
        {
            Assert.Equal(old.Version, now.Version);
            Assert.Equal(old.Version == "GLIBCXX_3.4.32" || old.IsWeak, now.IsWeak);
        }
    }

    [Fact]
    public void BuildPatchedTheLibraryCopiedBesideTheTests()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(Assert.Single(ElfVersionNeeds.Read(copied), r => r.Version == "GLIBCXX_3.4.32").IsWeak);
    }

    [Fact]
    public void DiagnosisNamesTheMissingGlibcxxVersion()
    {
        var oldLibStdCxx = Path.Combine(folder, "libstdc++.so.6");
        File.WriteAllBytes(oldLibStdCxx, "GLIBCXX_3.4.29\0GLIBCXX_3.4.30\0"u8.ToArray());

        var message = TorchRuntime.Diagnose(PristineLibrary(), oldLibStdCxx);

        Assert.NotNull(message);
        Assert.Contains("GLIBCXX_3.4.32", message);
        Assert.Contains(oldLibStdCxx, message);
        Assert.Contains("misleading", message);
    }

    [Fact]
    public void NoDiagnosisWhenLibStdCxxProvidesTheVersionOrTheLibraryIsPatched()
    {
        var newLibStdCxx = Path.Combine(folder, "libstdc++.so.6");
        File.WriteAllBytes(newLibStdCxx, "GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0"u8.ToArray());
        Assert.Null(TorchRuntime.Diagnose(PristineLibrary(), newLibStdCxx));

        var patched = CopyOfPristine();
        ElfVersionNeeds.MarkWeak(patched, "GLIBCXX_3.4.32");
        Assert.False(TorchRuntime.NeedsPatch(patched, libStdCxx: null));
    }

    [Fact]
    public void MissingLibraryIsDiagnosedWithThePackageToReference()
    {
        var message = TorchRuntime.Diagnose(Path.Combine(folder, "absent.so"), libStdCxx: null);
        Assert.Contains("TorchSharp-cpu", message);
    }

    [Fact]
    public void PatchedCopyLeavesTheOriginalAloneAndLinksLibTorch()
    {
        var original = CopyOfPristine();
        var libTorch = Directory.CreateDirectory(Path.Combine(folder, "libtorch")).FullName;
        File.WriteAllText(Path.Combine(libTorch, "libtorch_cpu.so"), "stand-in");
        var hashBefore = SHA256.HashData(File.ReadAllBytes(original));

        var cache = Path.Combine(folder, "cache");
        var copy = TorchRuntime.PreparePatchedCopy(original, libTorch, cache);
        var again = TorchRuntime.PreparePatchedCopy(original, libTorch, cache);

        Assert.Equal(copy, again);
        Assert.Equal(hashBefore, SHA256.HashData(File.ReadAllBytes(original)));
        Assert.False(TorchRuntime.NeedsPatch(copy, libStdCxx: null));
        var link = new FileInfo(Path.Combine(cache, "libtorch_cpu.so"));
        Assert.Equal(Path.Combine(libTorch, "libtorch_cpu.so"), link.LinkTarget);
    }

    [Theory]
    [InlineData(new byte[0], "not an ELF file")]
    [InlineData(new byte[] { 1, 2, 3, 4 }, "not an ELF file")]
    public void NonElfFilesAreRejectedByName(byte[] content, string expected)
    {
        var path = Path.Combine(folder, "bad.so");
        File.WriteAllBytes(path, content);
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(path));
        Assert.Contains(expected, error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void TruncatedElfFileIsRejectedNotMisread()
    {
        var path = Path.Combine(folder, "truncated.so");
        File.WriteAllBytes(path, File.ReadAllBytes(PristineLibrary()).AsSpan(0, 4096).ToArray());
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(path));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void ThirtyTwoBitElfIsRejectedWithItsClass()
    {
        var path = Path.Combine(folder, "elf32.so");
        var header = new byte[64];
        "\u007fELF"u8.CopyTo(header);
        header[4] = 1; header[5] = 1;
        File.WriteAllBytes(path, header);
        Assert.Contains("64-bit", Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(path)).Message);
    }
}
