using System.Security.Cryptography;

namespace PidReg.Tests.Faults;

/// <summary>
/// The fault battery: every case of <see cref="FaultCases"/> against the real `pidreg` process. Each asserts the exit
/// code, the words of the message, that no stack trace is printed (unless asked for with --verbose), that every file
/// the user had is byte-for-byte the same afterwards (SHA-256), except the kit's own outputs a successful rerun
/// replaces, and that no temporary file of the kit (staging, lock, .running, partial) is left behind.
/// </summary>
/// <remarks>The full-disk and read-only cases mount a small tmpfs and so need root, as CI has; without it they fail saying so.</remarks>
[Trait(TestCategories.Category, TestCategories.Slow)]
public class FaultBatteryTests(Xunit.Abstractions.ITestOutputHelper log)
{
    static readonly string[] Temporary = [".pidreg-staging-", ".pidreg-old-", ".pidreg-lock", ".pidreg-partial-", ".running", ".tmp"];

    public static TheoryData<string> Cases() => new(FaultCases.All.Select(c => c.Name));

    [Fact]
    public void TheTableHoldsAtLeastFortyFaults() => Assert.True(FaultCases.All.Length >= 40, $"{FaultCases.All.Length} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void FaultsLeaveUserFilesAndProcessesAsTheyWere(string name)
    {
        var c = FaultCases.All.Single(x => x.Name == name);
        var dir = Directory.CreateTempSubdirectory("pidreg-faults-").FullName;
        try
        {
            c.Setup(dir);
            var before = Snapshot(dir, c.Replaced);
            var run = c.Act(dir);
            log.WriteLine($"exit {run.Exit}: {(c.Exit == 0 ? run.Out : run.Error).Trim()}");  // the message, for the record
            string context = $"exit {run.Exit}{Environment.NewLine}stdout: {run.Out}{Environment.NewLine}stderr: {run.Error}";
            Assert.True(run.Exit == c.Exit, context);
            var message = run.Out + run.Error;
            foreach (var word in c.Words) Assert.True(message.Contains(word, StringComparison.OrdinalIgnoreCase), $"missing '{word}'; {context}");
            foreach (var word in c.Absent) Assert.False(message.Contains(word, StringComparison.OrdinalIgnoreCase), $"unexpected '{word}'; {context}");
            if (!c.Trace) Assert.False(run.Error.Contains("   at ", StringComparison.Ordinal), $"a stack trace; {context}");
            if (!c.NamesException) Assert.False(run.Error.Contains("Exception", StringComparison.Ordinal), $"an exception name; {context}");
            if (c.Exit != 0) Assert.True(run.Error.Contains("pidreg", StringComparison.Ordinal), context);
            // Every file the user had, unchanged (the kit's own replaced outputs aside).
            var after = Snapshot(dir, c.Replaced);
            foreach (var (path, hash) in before)
                Assert.True(after.TryGetValue(path, out var now) && now == hash, $"{path} changed or vanished; {context}");
            var left = after.Keys.Where(p => !before.ContainsKey(p) && Temporary.Any(t => p.Contains(t, StringComparison.Ordinal))).ToList();
            Assert.True(left.Count == 0, $"left behind: {string.Join(", ", left)}; {context}");
            c.Then?.Invoke(dir, run);
        }
        finally
        {
            TmpfsMount.UnmountAll(dir);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Every entry under <paramref name="dir"/> with the SHA-256 of its bytes (folders as "/"), except <paramref name="replaced"/>.</summary>
    static Dictionary<string, string> Snapshot(string dir, string[] replaced)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFileSystemEntries(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var rel = Path.GetRelativePath(dir, path);
            if (replaced.Any(r => rel == r || rel.StartsWith(r + "/", StringComparison.Ordinal))) continue;
            entries[rel] = Directory.Exists(path) ? "/" : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        }
        return entries;
    }
}
