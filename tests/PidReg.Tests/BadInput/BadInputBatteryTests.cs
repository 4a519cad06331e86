using System.Security.Cryptography;
using PidReg.Baselines;
using PidReg.Cli;
using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Information;
using PidReg.Training;

namespace PidReg.Tests.BadInput;

/// <summary>
/// The bad-input battery, in the spirit of scikit-learn's check_estimator: every command against the table in
/// <see cref="BadInputCases"/>, and every regressor and the sample PID against bad matrices. A bad input exits 2 with
/// a message naming what is wrong, prints no stack trace, starts no training and changes no file it was given.
/// </summary>
[Collection(TorchSeedCollection.Name)] // the console is process-global
public class BadInputBatteryTests
{
    public static TheoryData<string> Cases() => new(BadInputCases.All.Select(c => c.Name));

    [Fact]
    public void TheTableHoldsAtLeastFortyBadInputs() =>
        Assert.True(BadInputCases.All.Count(c => c.Exit != 0) >= 40, $"{BadInputCases.All.Length} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void CommandsRefuseBadInputClearlyAndTouchNothing(string name)
    {
        var c = BadInputCases.All.Single(x => x.Name == name);
        var dir = Path.Combine(Path.GetTempPath(), "pidreg-badinput-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            c.Setup(dir);
            var before = Snapshot(dir);
            var args = c.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal)).ToArray();
            var (exit, stdout, stderr) = Invoke(args);
            string context = $"exit {exit}{Environment.NewLine}stdout: {stdout}{Environment.NewLine}stderr: {stderr}";
            Assert.True(exit == c.Exit, context);
            var message = c.Exit == 0 ? stdout : stderr;
            foreach (var word in c.Words) Assert.True(message.Contains(word, StringComparison.OrdinalIgnoreCase), $"missing '{word}'; {context}");
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);                 // no stack trace
            Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("(Parameter '", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("epoch ", stderr, StringComparison.Ordinal);                 // refused before training
            if (c.Exit != 0) Assert.StartsWith("pidreg", stderr, StringComparison.Ordinal);
            Assert.Equal(before, Snapshot(dir));                                               // nothing the user had changed
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Bad training data for the regressors' Fit: each must throw ArgumentException naming the problem, before training.</summary>
    public static TheoryData<string, string> RegressorCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in Models.Names)
            foreach (var kind in new[] { "huge", "constant target", "constant modality", "few rows" })
                data.Add(model, kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(RegressorCases))]
    public void RegressorsRefuseBadDataBeforeTraining(string model, string kind)
    {
        var (train, validation) = Split(kind);
        using var regressor = Models.Create(model, new PidRegOptions { Epochs = 1 });
        var e = Assert.ThrowsAny<ArgumentException>(() => regressor.Fit(train, validation));
        string expected = kind switch
        {
            "huge" => "too large to standardise",
            "constant target" => "is constant",
            "constant modality" => "every column is constant",
            _ => "at least",
        };
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        var history = regressor switch
        {
            PidRegRegressor p => p.IsFitted,
            BaselineRegressor b => b.IsFitted,
            _ => false,
        };
        Assert.False(history);
    }

    [Theory]
    [InlineData("nan", "not a finite number")]
    [InlineData("infinity", "not a finite number")]
    [InlineData("huge", "too large to standardise")]
    [InlineData("constant target", "target, column 0 is constant")]
    [InlineData("constant X2", "X2, column 1 is constant")]
    [InlineData("target inside X1", "target is inside X1")]
    [InlineData("X1 equals X2", "X1 and X2 are the same columns")]
    [InlineData("few rows", "need more samples than dimensions")]
    public void TheSamplePidRefusesBadMatrices(string kind, string expected)
    {
        int n = kind == "few rows" ? 5 : 100;
        var rng = new Random(3);
        var (t, x1, x2) = (new double[n, 1], new double[n, 3], new double[n, 3]);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++) (x1[i, j], x2[i, j]) = (rng.NextDouble(), rng.NextDouble());
            t[i, 0] = x1[i, 0] + x2[i, 0] + rng.NextDouble();
        }
        switch (kind)
        {
            case "nan": x1[7, 2] = double.NaN; break;
            case "infinity": x2[7, 2] = double.PositiveInfinity; break;
            case "huge": x1[7, 1] = 1e308; break;
            case "constant target": for (int i = 0; i < n; i++) t[i, 0] = 2; break;
            case "constant X2": for (int i = 0; i < n; i++) x2[i, 1] = 2; break;
            case "target inside X1": for (int i = 0; i < n; i++) x1[i, 2] = t[i, 0]; break;
            case "X1 equals X2": x2 = x1; break;
        }
        var e = Assert.ThrowsAny<ArgumentException>(() => GaussianPid.FromSamples(t, x1, x2));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    static (MultimodalDataset Train, MultimodalDataset Validation) Split(string kind)
    {
        int n = kind == "few rows" ? 3 : 200;
        var rng = new Random(5);
        var (a, b, y) = (new double[n, 3], new double[n, 2], new double[n, 1]);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++) a[i, j] = kind == "constant modality" ? 1 : rng.NextDouble();
            for (int j = 0; j < 2; j++) b[i, j] = rng.NextDouble();
            y[i, 0] = kind == "constant target" ? 4 : a[i, 0] + b[i, 1];
        }
        if (kind == "huge") a[3, 1] = 1e308;
        var data = new MultimodalDataset("battery", DatasetKinds.Synthetic, [new Modality("a", a), new Modality("b", b)], y);
        return (data, data);
    }

    static (int Exit, string Out, string Error) Invoke(string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            int exit = PidRegCli.InvokeAsync(args).GetAwaiter().GetResult();
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    /// <summary>Every file under <paramref name="dir"/> (symlinks not followed) with the SHA-256 of its bytes.</summary>
    static List<string> Snapshot(string dir)
    {
        var entries = new List<string>();
        foreach (var path in Directory.EnumerateFileSystemEntries(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(path);
            string rel = Path.GetRelativePath(dir, path);
            if (info.LinkTarget is not null) entries.Add($"{rel} -> {info.LinkTarget}");
            else if (Directory.Exists(path)) entries.Add(rel + "/");
            else entries.Add($"{rel} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}");
        }
        return entries;
    }
}
