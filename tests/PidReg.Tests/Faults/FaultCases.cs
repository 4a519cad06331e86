using System.Diagnostics;
using System.Globalization;
using static PidReg.Tests.Faults.FaultFiles;

namespace PidReg.Tests.Faults;

/// <summary>
/// The table of the fault battery: outputs and processes under faults (signals, kill -9, concurrent runs, a full or
/// read-only disk, a diverging training, a bug) and the messages for confusing input. Each case runs the real CLI.
/// </summary>
internal static class FaultCases
{
    const string Out = "--out out";
    const string NotebookRun = "notebooks run nb.ipynb --out nbout";

    public static readonly FaultCase[] All =
    [
        // Atomic outputs
        new("fit: a rerun with another model replaces the whole set", All(Good(), dir => Cli(dir, Fit + " " + Out)),
            dir => Cli(dir, Fit + " --model early " + Out), 0, "written to", "history.json")
        {
            Replaced = ["out"],
            Then = (dir, _) =>
            {
                Assert.Equal([".pidreg-output", "history.json", "pidreg.json", "predictions.csv", "weights.bin"], Names(Path.Combine(dir, "out")));
                Assert.Contains("--model early", File.ReadAllText(Path.Combine(dir, "out", ".pidreg-output")));
                Assert.Contains("\"Model\": \"early\"", File.ReadAllText(Path.Combine(dir, "out", "pidreg.json")));  // not the earlier PIDReg checkpoint
            },
        },
        new("fit: the marker records the command, version and time", Good(), dir => Cli(dir, Fit + " " + Out), 0, "written to")
        {
            Then = (dir, _) =>
            {
                var marker = File.ReadAllText(Path.Combine(dir, "out", ".pidreg-output"));
                foreach (var key in new[] { "\"command\"", "\"version\"", "\"time\"", "\"files\"", "weights.bin", "fit --data d.csv" }) Assert.Contains(key, marker);
            },
        },
        new("fit: a diverged rerun leaves the earlier output as it was", All(Good(), EarlierFit()),
            dir => Cli(dir, "fit --data d.csv --target y --x1 1-5 --x2 6-10 --epochs 30 --learning-rate 1 " + Out), 1,
            "training diverged at epoch", "smaller learning rate", "--learning-rate 0.1", "nothing was saved"),
        new("fit: a diverged training reports no result", Good(), dir => Cli(dir, "fit --data d.csv --target y --x1 1-5 --x2 6-10 --epochs 30 --learning-rate 1"), 1,
            "PIDReg training", "diverged at epoch 1", "validation MSE", "smaller learning rate") { Absent = ["atoms:", "weights:", "test RMSE"] },
        new("fit: a diverged baseline stops by the same rule", Good(), dir => Cli(dir, "fit --data d.csv --target y --x1 1-5 --x2 6-10 --epochs 30 --learning-rate 1 --model early"), 1,
            "Baseline training", "diverged at epoch", "smaller learning rate") { Absent = ["test RMSE"] },
        new("fit: --out holding a user's file beside the kit's is refused", All(Good(), EarlierFit(), Text("out/notes.txt", "mine\n")),
            dir => Cli(dir, Fit + " " + Out), 2, "did not write", "notes.txt", "--force") { Absent = ["epoch"] },
        new("fit: --force keeps the user's file and replaces the kit's", All(Good(), EarlierFit(), Text("out/notes.txt", "mine\n")),
            dir => Cli(dir, Fit + " --model early --force " + Out), 0, "written to")
        {
            Replaced = ["out/pidreg.json", "out/weights.bin", "out/history.json", "out/predictions.csv", "out/.pidreg-output"],
            Then = (dir, _) => Assert.Equal([".pidreg-output", "history.json", "notes.txt", "pidreg.json", "predictions.csv", "weights.bin"], Names(Path.Combine(dir, "out"))),
        },
        new("fit: a symlinked --out keeps its link and gets the new set", All(Good(), EarlierFit("real"), dir => File.CreateSymbolicLink(Path.Combine(dir, "out"), "real")),
            dir => Cli(dir, Fit + " --model early " + Out), 0, "written to")
        {
            Replaced = ["real", "out"],  // "out" lists the same files through the link
            Then = (dir, _) =>
            {
                Assert.Equal("real", new FileInfo(Path.Combine(dir, "out")).LinkTarget);
                Assert.Equal([".pidreg-output", "history.json", "pidreg.json", "predictions.csv", "weights.bin"], Names(Path.Combine(dir, "real")));
            },
        },
        new("fit: a run killed mid-commit is repaired by the next run", All(Good(), EarlierFit(".out.pidreg-old-999999")),
            dir => Cli(dir, Fit + " --model early " + Out), 0, "written to") { Replaced = [".out.pidreg-old-999999"] },

        // One run per output folder
        new("fit: a second run into a busy --out is refused", Good(), dir =>
        {
            using var first = FaultCli.Start(dir, Args(EndlessFit + " " + Out));
            first.WaitFor("train MSE");
            var second = Cli(dir, Fit + " " + Out);
            first.Signal(FaultCli.SigTerm);
            Assert.Equal(143, first.WaitForExit().Exit);
            return second;
        }, 2, "in use by another pidreg run", "process", "choose another --out") { Absent = ["train MSE"] },
        new("fit: a lock left by a dead process is taken over", All(Good(), StaleLock(".out.pidreg-lock")), dir => Cli(dir, Fit + " " + Out), 0, "written to")
        {
            Replaced = [".out.pidreg-lock"],
        },
        new("fit: a lock held by a live process is respected", All(Good(), LiveLock(".out.pidreg-lock")), dir => Cli(dir, Fit + " " + Out), 2,
            "in use by another pidreg run", $"process {Environment.ProcessId}") { Absent = ["epoch"] },

        // Signals and kill -9 mid-run
        new("fit: SIGINT mid-training exits 130 and keeps the earlier output", All(Good(), EarlierFit()), dir => Signalled(dir, EndlessFit + " " + Out, FaultCli.SigInt),
            130, "interrupted", "unchanged"),
        new("fit: SIGTERM mid-training exits 143 and keeps the earlier output", All(Good(), EarlierFit()), dir => Signalled(dir, EndlessFit + " " + Out, FaultCli.SigTerm),
            143, "interrupted", "unchanged"),
        new("fit: kill -9 mid-training, then a rerun works", All(Good(), EarlierFit()), dir =>
        {
            using (var killed = FaultCli.Start(dir, Args(EndlessFit + " " + Out)))
            {
                killed.WaitFor("train MSE");
                killed.Signal(FaultCli.SigKill);
                killed.WaitForExit();
            }
            Assert.Equal(["history.json", "pidreg.json", "predictions.csv", "weights.bin"], Names(Path.Combine(dir, "out")).Where(n => n[0] != '.'));
            return Cli(dir, Fit + " --model early " + Out);
        }, 0, "written to") { Replaced = ["out"] },
        new("notebooks run: SIGINT stops the kernel, keeps the outputs so far, names the cell", Notebook("timeout.ipynb", "nb.ipynb"),
            dir => NotebookSignalled(dir, FaultCli.SigInt), 130, "interrupted while cell 2 of nb.ipynb", "outputs so far")
        {
            Then = (dir, _) => Assert.Contains("\"interrupted\"", File.ReadAllText(Path.Combine(dir, "nbout", "nb.ipynb"))),
        },
        new("notebooks run: SIGTERM stops the kernel and exits 143", Notebook("timeout.ipynb", "nb.ipynb"),
            dir => NotebookSignalled(dir, FaultCli.SigTerm), 143, "interrupted while cell 2", "kernel process was stopped")
        {
            Then = (dir, _) => Assert.True(File.Exists(Path.Combine(dir, "nbout", "nb.html"))),
        },
        new("notebooks run: Ctrl+C in a terminal (SIGINT to the process group) stops the run cleanly", Notebook("timeout.ipynb", "nb.ipynb"), dir =>
        {
            using var cli = FaultCli.Start(dir, Args(NotebookRun), ownGroup: true);
            cli.WaitFor("cell 1  ok");
            var kernel = Assert.Single(cli.Children());
            cli.SignalGroup(FaultCli.SigInt);
            var run = cli.WaitForExit();
            Assert.True(FaultCli.WaitGone(kernel), $"the kernel process {kernel} outlived the run");
            return run;
        }, 130, "interrupted while cell 2 of nb.ipynb", "outputs so far")
        {
            Then = (dir, _) => Assert.Contains("\"interrupted\"", File.ReadAllText(Path.Combine(dir, "nbout", "nb.ipynb"))),
        },
        new("notebooks run: kill -9 takes the kernel down too, and a rerun works", All(Notebook("timeout.ipynb", "nb.ipynb"), QuickNotebook("quick.ipynb")), dir =>
        {
            int kernel;
            using (var killed = FaultCli.Start(dir, Args(NotebookRun)))
            {
                killed.WaitFor("cell 1  ok");
                kernel = Assert.Single(killed.Children());
                killed.Signal(FaultCli.SigKill);
                killed.WaitForExit();
            }
            Assert.True(FaultCli.WaitGone(kernel), $"the kernel process {kernel} outlived its killed parent");
            return Cli(dir, "notebooks run quick.ipynb --out nbout");
        }, 0, "quick.ipynb: ok")
        {
            Then = (dir, _) => Assert.Equal([".pidreg-output", "quick.html", "quick.ipynb"], Names(Path.Combine(dir, "nbout"))),
        },
        new("notebooks run: a second run into a busy --out is refused", All(Notebook("timeout.ipynb", "nb.ipynb"), QuickNotebook("quick.ipynb")), dir =>
        {
            using var first = FaultCli.Start(dir, Args(NotebookRun));
            first.WaitFor("cell 1  ok");
            var second = Cli(dir, "notebooks run quick.ipynb --out nbout");
            first.Signal(FaultCli.SigInt);
            Assert.Equal(130, first.WaitForExit().Exit);
            return second;
        }, 2, "in use by another pidreg run", "choose another --out") { Absent = ["code cells"] },

        // Full and read-only disks (a tmpfs; root)
        new("fit: a full disk is found before any work", All(Good(), Full("disk", 256, leave: 0)), dir => Cli(dir, Fit + " --out disk/out"), 2,
            "--out disk/out", "no space left on device", "nothing has been read or run yet") { Absent = ["epoch"] },
        new("fit: a disk that fills while writing keeps the earlier output", All(Good(), Full("disk", 1024, leave: 0, before: EarlierFit("disk/out"), leaveKb: 200)),
            dir => Cli(dir, Fit + " --out disk/out"), 2, "writing the outputs failed", "no space left on device", "previous contents are unchanged"),
        new("fit: a read-only file system is found before any work", All(Good(), ReadOnly("ro")), dir => Cli(dir, Fit + " --out ro/out"), 2,
            "--out ro/out", "read-only file system", "nothing has been read or run yet") { Absent = ["epoch"] },
        new("fit: a read-only mount point as --out is found before any work", All(Good(), ReadOnly("ro")), dir => Cli(dir, Fit + " --out ro"), 2,
            "--out ro", "read-only file system") { Absent = ["epoch"] },
        new("notebooks run: a full disk is found before the kernel starts", All(Notebook("timeout.ipynb", "nb.ipynb"), Full("disk", 256, leave: 0)),
            dir => Cli(dir, "notebooks run nb.ipynb --out disk/nbout"), 2, "no space left on device") { Absent = ["code cells"] },
        new("notebooks run: a read-only folder is found before the kernel starts", All(Notebook("timeout.ipynb", "nb.ipynb"), ReadOnly("ro")),
            dir => Cli(dir, "notebooks run nb.ipynb --out ro/nbout"), 2, "read-only file system") { Absent = ["code cells"] },
        new("datasets export: a read-only folder is found before loading", ReadOnly("ro"), dir => Cli(dir, "datasets export diabetes --out ro/d.csv"), 2,
            "--out ro/d.csv", "read-only file system"),
        new("datasets export: a full disk leaves no partial file", Full("disk", 64, leave: 0, leaveKb: 12), dir => Cli(dir, "datasets export diabetes --out disk/d.csv"), 2,
            "no space left on device")
        {
            Then = (dir, _) => Assert.DoesNotContain(Directory.GetFiles(Path.Combine(dir, "disk")), f => f.Contains("d.csv", StringComparison.Ordinal)),
        },
        new("datasets export: --out a folder is refused", dir => Directory.CreateDirectory(Path.Combine(dir, "x")), dir => Cli(dir, "datasets export diabetes --out x"), 2,
            "is a folder", "file name"),

        // Values checked with their limit named
        new("notebooks run: --timeout 1e300 names the limit", Notebook("timeout.ipynb", "nb.ipynb"), dir => Cli(dir, NotebookRun + " --timeout 1e300"), 2,
            "--timeout", "604800", "7 days") { Absent = ["code cells"] },
        new("notebooks run: --timeout 0 names the limit", Notebook("timeout.ipynb", "nb.ipynb"), dir => Cli(dir, NotebookRun + " --timeout 0"), 2, "--timeout", "604800"),
        new("notebooks run: an int --param beyond int names the range", Notebook("parameters.ipynb", "nb.ipynb"), dir => Cli(dir, NotebookRun + " --param epochs=1e300"), 2,
            "parameter epochs is int", "outside its range", "2147483647") { Absent = ["code cells"] },
        new("notebooks run: a fractional int --param is refused", Notebook("parameters.ipynb", "nb.ipynb"), dir => Cli(dir, NotebookRun + " --param epochs=2.5"), 2,
            "parameter epochs is int", "not a whole number"),
        new("notebooks run: a double --param beyond double names the range", Notebook("parameters.ipynb", "nb.ipynb"), dir => Cli(dir, NotebookRun + " --param learningRate=1e999"), 2,
            "parameter learningRate is double", "outside its range"),
        new("pid: --dims past int names the limit", Text("c.csv", "1,0.5,0.5\n0.5,1,0.2\n0.5,0.2,1\n"), dir => Cli(dir, "pid --covariance c.csv --dims 1,1,2147483647"), 2,
            "m + a + b = 2147483649", "20000"),
        new("pid: --samples not above the dimensions names the flag", Text("c.csv", "1,0.5,0.5\n0.5,1,0.2\n0.5,0.2,1\n"),
            dir => Cli(dir, "pid --covariance c.csv --dims 1,1,1 --samples -5 --bias-corrected"), 2, "--samples -5", "more than m + a + b = 3"),
        new("fit: --threads above the core count warns", Good(), dir => Cli(dir, "fit --data missing.csv --target y --x1 1-5 --x2 6-10 --threads 1024"), 2,
            "warning: --threads 1024", "cores", "slower", "missing.csv"),

        // Messages for confusing input
        new("pid: a binary file named .csv is named as binary, not quoted", Bytes("d.csv", Binary()), dir => Cli(dir, "pid --data d.csv --target y --x1 1-5 --x2 6-10"), 2,
            "not a text file", "binary", "export the data as CSV") { Then = (_, run) => Assert.True(run.Error.Length < 400 && !run.Error.Any(c => c < ' ' && c is not ('\n' or '\r')), run.Error) },
        new("pid: a spreadsheet saved as .csv is named", Bytes("d.csv", Zip()), dir => Cli(dir, "pid --data d.csv --target y --x1 1-5 --x2 6-10"), 2,
            "zip archive", "spreadsheet", "export"),
        new("pid: UTF-16 with a BOM names the encoding", Bytes("d.csv", Utf16(GoodText, bom: true)), dir => Cli(dir, "pid --data d.csv --target y --x1 1-5 --x2 6-10"), 2,
            "encoding", "UTF-16", "UTF-8"),
        new("pid: UTF-16 without a BOM names the encoding", Bytes("d.csv", Utf16(GoodText, bom: false)), dir => Cli(dir, "pid --data d.csv --target y --x1 1-5 --x2 6-10"), 2,
            "encoding", "UTF-16"),
        new("pid: Latin-1 names the encoding and the line", Bytes("d.csv", Latin1()), dir => Cli(dir, "pid --data d.csv --target y --x1 1-5 --x2 6-10"), 2,
            "not valid UTF-8", "encoding", "Latin-1", "line 1", "0xE9"),
        new("pid: a gzip without .gz is named", Bytes("d.csv", BadInput.BadInputFiles.Gzip(GoodText)), dir => Cli(dir, "pid --data d.csv --target y --x1 1-5 --x2 6-10"), 2,
            "gzip-compressed", "d.csv.gz"),
        new("fit: a folder as --data is a folder, not missing", dir => Directory.CreateDirectory(Path.Combine(dir, "d.csv")), dir => Cli(dir, Fit), 2,
            "is a folder, not a file") { Absent = ["not found", "epoch"] },
        new("pid: an unterminated quote is named as such", Text("d.csv", GoodText.Insert(GoodText.IndexOf('\n', 2000) + 1, "\"")),
            dir => Cli(dir, "pid --data d.csv --target y --x1 1-5 --x2 6-10"), 2, "unterminated quote", "never closed") { Absent = ["ragged"] },
        new("pid: two stray quotes that swallow lines are named", Text("d.csv", GoodText.Insert(GoodText.IndexOf('\n', 2000) + 1, "\"").Insert(GoodText.IndexOf('\n', 3000) + 2, "\"")),
            dir => Cli(dir, "pid --data d.csv --target y --x1 1-5 --x2 6-10"), 2, "quoted cell", "spans", "lines", "quote") { Absent = ["ragged"],
            Then = (_, run) => Assert.True(run.Error.Length < 600, run.Error) },
        new("pid: a multi-line quoted header works", Text("d.csv", "\"y\nin units\"," + GoodText[2..]),
            dir => Cli(dir, "pid --data d.csv --target #0 --x1 1-5 --x2 6-10"), 0, "redundancy"),
        new("pid: a headerless file as --data says the header is missing", Text("d.csv", string.Join("\n", BadInput.BadInputFiles.Rows()) + "\n"),
            dir => Cli(dir, "pid --data d.csv --target #0 --x1 #1-5 --x2 #6-10"), 2, "no header row", "numbers only"),
        new("pid: a covariance with a header row says so", Text("c.csv", "y,a,b\n1,0.5,0.5\n0.5,1,0.2\n0.5,0.2,1\n"),
            dir => Cli(dir, "pid --covariance c.csv --dims 1,1,1"), 2, "headerless", "header row", "delete that line"),
        new("pid: a nearly constant column is described as such", Text("d.csv", NearlyConstant()),
            dir => Cli(dir, "pid --data d.csv --target y --x1 1-5 --x2 6-10"), 2, "'a3'", "nearly constant", "spread", "subtract") { Absent = ["in all 300 rows"] },

        // Internal errors
        new("an internal error says it is a bug and where its trace is", _ => { }, dir => Cli(dir, "datasets", Bug), 70,
            "internal error (a bug in pidreg)", "InvalidOperationException", "details are in", "--verbose")
        {
            NamesException = true,
            Then = (_, run) =>
            {
                Assert.Contains("   at ", File.ReadAllText(LogPath(run)));
                File.Delete(LogPath(run));
            },
        },
        new("an internal error with --verbose prints its trace", _ => { }, dir => Cli(dir, "datasets --verbose", Bug), 70,
            "internal error (a bug in pidreg)", "   at ") { NamesException = true, Trace = true, Then = (_, run) => File.Delete(LogPath(run)) },
        new("a user error stays one line with exit 2", Good(), dir => Cli(dir, "pid --data d.csv --target nope --x1 1-5 --x2 6-10"), 2, "unknown column 'nope'")
        {
            Then = (_, run) => Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)),
        },
    ];

    static readonly Dictionary<string, string> Bug = new() { ["PIDREG_SIMULATE_BUG"] = "1" };

    static string[] Args(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    static FaultRun Cli(string dir, string line, Dictionary<string, string>? environment = null) => FaultCli.Run(dir, Args(line), environment);

    /// <summary>Runs <paramref name="line"/>, waits until it trains, sends <paramref name="signal"/>, returns the run.</summary>
    static FaultRun Signalled(string dir, string line, int signal)
    {
        using var cli = FaultCli.Start(dir, Args(line));
        cli.WaitFor("train MSE");
        cli.Signal(signal);
        return cli.WaitForExit();
    }

    /// <summary>Runs the endless notebook, signals it in its second cell; its kernel process must be gone afterwards.</summary>
    static FaultRun NotebookSignalled(string dir, int signal)
    {
        using var cli = FaultCli.Start(dir, Args(NotebookRun));
        cli.WaitFor("cell 1  ok");
        var kernel = Assert.Single(cli.Children());
        cli.Signal(signal);
        var run = cli.WaitForExit();
        Assert.True(FaultCli.WaitGone(kernel), $"the kernel process {kernel} outlived the run");
        return run;
    }

    /// <summary>A lock file naming a process that has ended.</summary>
    static Action<string> StaleLock(string name) => dir =>
    {
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        File.WriteAllText(Path.Combine(dir, name), string.Create(CultureInfo.InvariantCulture, $"{gone.Id}\n{DateTime.UtcNow.Ticks}\npidreg fit (killed)\n"));
    };

    /// <summary>A lock file naming this test process (alive, with its true start time).</summary>
    static Action<string> LiveLock(string name) => dir =>
    {
        using var self = Process.GetCurrentProcess();
        File.WriteAllText(Path.Combine(dir, name), string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessId}\n{self.StartTime.ToUniversalTime().Ticks}\npidreg fit (running)\n"));
    };

    /// <summary>A tmpfs of <paramref name="kilobytes"/> at <paramref name="folder"/>, with <paramref name="before"/> laid out on it, then filled by a user file.</summary>
    static Action<string> Full(string folder, int kilobytes, int leave, Action<string>? before = null, int leaveKb = 0) => dir =>
    {
        TmpfsMount.Mount(Path.Combine(dir, folder), kilobytes);
        before?.Invoke(dir);
        TmpfsMount.Fill(Path.Combine(dir, folder, "filler.bin"), Math.Max(leave, leaveKb));
    };

    static Action<string> ReadOnly(string folder) => dir => TmpfsMount.Mount(Path.Combine(dir, folder), 64, readOnly: true);

    static List<string> Names(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList();

    /// <summary>The log file an internal-error message points to.</summary>
    static string LogPath(FaultRun run)
    {
        var start = run.Error.IndexOf("details are in ", StringComparison.Ordinal) + "details are in ".Length;
        var end = run.Error.IndexOf(".log", start, StringComparison.Ordinal) + ".log".Length;
        return run.Error[start..end];
    }
}
