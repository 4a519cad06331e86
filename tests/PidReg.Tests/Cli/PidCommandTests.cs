using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using PidReg.Cli.Commands;
using PidReg.Information;
using PidReg.Tests.Data;
using static PidReg.Tests.Information.GaussianPidClosedFormTests;

namespace PidReg.Tests.Cli;

/// <summary>`pidreg pid` run in-process on temporary files.</summary>
public class PidCommandTests
{
    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = PidCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    internal static string Csv(double[,] m)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < m.GetLength(0); i++)
            sb.AppendLine(string.Join(",", Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j].ToString("R", CultureInfo.InvariantCulture))));
        return sb.ToString();
    }

    [Fact]
    public void CovarianceJsonIsOneObjectWithTheContractKeysAndTheLibraryValues()
    {
        using var dir = new TempDir();
        var dims = new PidDims(1, 3, 2);
        var cov = RandomCovariance(new Random(4), dims.Total, 50);
        var (exit, output, error) = Run("--covariance", dir.File("cov.csv", Csv(cov)), "--dims", "1,3,2", "--measure", "mmi", "--json");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["uniqueX1", "uniqueX2", "redundancy", "synergy", "miX1", "miX2", "miJoint", "method", "measure", "mi", "atoms", "latticeMethod"], keys);
        Assert.Equal("mmi", doc.RootElement.GetProperty("measure").GetString());
        var expected = GaussianPid.FromCovariance(cov, dims);
        Assert.Equal(expected.Synergy, doc.RootElement.GetProperty("synergy").GetDouble(), 12);
        Assert.Equal(expected.MiX1, doc.RootElement.GetProperty("miX1").GetDouble(), 12);
        Assert.Equal("closed-form MMI", doc.RootElement.GetProperty("method").GetString());
    }

    [Fact]
    public void CovarianceTextNamesEveryAtom()
    {
        using var dir = new TempDir();
        var (exit, output, _) = Run("--covariance", dir.File("cov.csv", "1,0.5,0.5\n0.5,1,0.25\n0.5,0.25,1\n"), "--dims", "1,1,1");
        Assert.Equal(0, exit);
        foreach (var label in new[] { "unique X1", "unique X2", "redundancy", "synergy", "I(T; X1, X2)" }) Assert.Contains(label, output);
    }

    [Fact]
    public void DataWithBootstrapGivesIntervalsAndBiasCorrection()
    {
        using var dir = new TempDir();
        var rng = new Random(12);
        var sb = new StringBuilder("y,a0,a1,b0,b1\n");
        for (int i = 0; i < 200; i++)
        {
            double s1 = Normal(rng), s2 = Normal(rng);
            double[] row = [s1 + s2 + Normal(rng), s1 + Normal(rng), Normal(rng), s2 + Normal(rng), Normal(rng)];
            sb.AppendLine(string.Join(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        var path = dir.File("data.csv", sb.ToString());
        var (exit, output, error) = Run("--data", path, "--target", "y", "--x1", "1-2", "--x2", "b0,b1", "--bias-corrected", "--bootstrap", "20", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        // The default for samples: I_dep, bias-corrected.
        Assert.Equal("closed-form I_dep, bias-corrected", doc.RootElement.GetProperty("method").GetString());
        Assert.Equal("dep", doc.RootElement.GetProperty("measure").GetString());
        var interval = doc.RootElement.GetProperty("intervals").GetProperty("miJoint");
        Assert.True(interval[0].GetDouble() <= interval[1].GetDouble());
        Assert.Equal(20, doc.RootElement.GetProperty("intervals").GetProperty("replicates").GetInt32());
    }

    [Theory]
    [InlineData("missing", "not found")]
    [InlineData("ragged", "cells")]
    [InlineData("wrongsize", "need 3×3")]
    [InlineData("nonpsd", "not positive semidefinite")]
    public void BadCovarianceFilesFailWithAMessageAndExitTwo(string kind, string expected)
    {
        using var dir = new TempDir();
        string path = kind switch
        {
            "missing" => Path.Combine(dir.Path, "nope.csv"),
            "ragged" => dir.File("c.csv", "1,0,0\n0,1\n0,0,1\n"),
            "wrongsize" => dir.File("c.csv", "1,0,0\n0,1,0\n"),
            _ => dir.File("c.csv", "1,0.9,0.9\n0.9,1,-0.9\n0.9,-0.9,1\n"),
        };
        var (exit, output, error) = Run("--covariance", path, "--dims", "1,1,1");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
        Assert.StartsWith("pidreg pid:", error);
    }

    [Fact]
    public void MissingOrConflictingInputsAreExplained()
    {
        Assert.Contains("exactly one of", Run("--dims", "1,1,1").Err);
        Assert.Contains("--dims", Run("--covariance", "x.csv").Err);
        Assert.Contains("--samples", Run("--covariance", "x.csv", "--dims", "1,1,1", "--bias-corrected").Err);
        Assert.Contains("--target", Run("--data", "x.csv").Err);
        Assert.Contains("m,a,b", Run("--covariance", "x.csv", "--dims", "1,2").Err);
    }

    static string SkewedTargetCsv(int n, int seed)
    {
        // y = exp(g): a skewed target whose ranks are Gaussian; modalities Gaussian and linked to g.
        var rng = new Random(seed);
        var sb = new StringBuilder("y,a0,a1,b0\n");
        for (int i = 0; i < n; i++)
        {
            double g = Normal(rng);
            double[] row = [Math.Exp(g), g + Normal(rng), Normal(rng), 0.5 * g + Normal(rng)];
            sb.AppendLine(string.Join(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        return sb.ToString();
    }

    [Fact]
    public void DataJsonCarriesTheJointNormalityOfTheTransformedTarget()
    {
        using var dir = new TempDir();
        var path = dir.File("data.csv", SkewedTargetCsv(300, 5));
        var (exit, output, error) = Run("--data", path, "--target", "y", "--x1", "a0,a1", "--x2", "b0", "--transform", "inverse-normal", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal([.. PidCommand.JsonKeys, "normality"], keys);
        var normality = doc.RootElement.GetProperty("normality");
        Assert.Equal(NormalityJson.Keys, normality.EnumerateObject().Select(p => p.Name).ToArray());
        var table = PidReg.Data.CsvTable.Read(path);
        var expected = PidReg.Diagnostics.MultivariateNormality.FromPidBlocks(table.Select("y"), table.Select("a0,a1"), table.Select("b0"), TargetTransform.InverseNormal);
        Assert.Equal(300, normality.GetProperty("samples").GetInt32());
        Assert.Equal(4, normality.GetProperty("dimensions").GetInt32());
        Assert.Equal(expected.Mardia.SkewnessPValue, normality.GetProperty("mardiaSkewnessP").GetDouble(), 12);
        Assert.Equal(expected.Mardia.KurtosisStatistic, normality.GetProperty("mardiaKurtosisStatistic").GetDouble(), 12);
        Assert.Equal(expected.HenzeZirkler.Statistic, normality.GetProperty("henzeZirkler").GetDouble(), 12);
        Assert.False(normality.GetProperty("rejectedAt05").GetBoolean());
    }

    [Fact]
    public void DataTextWarnsWhenTheUntransformedTargetIsNotJointlyGaussian()
    {
        using var dir = new TempDir();
        var path = dir.File("data.csv", SkewedTargetCsv(300, 5));
        var (exit, raw, _) = Run("--data", path, "--target", "y", "--x1", "a0,a1", "--x2", "b0", "--transform", "none");
        Assert.Equal(0, exit);
        foreach (var label in new[] { "Joint normality", "Mardia skewness", "Mardia kurtosis", "Henze-Zirkler", "warning: joint normality rejected", "--transform inverse-normal" })
            Assert.Contains(label, raw);
        var (_, transformed, _) = Run("--data", path, "--target", "y", "--x1", "a0,a1", "--x2", "b0");
        Assert.Contains("joint normality not rejected at 5%", transformed);
    }

    [Fact]
    public void DataTooSmallForTheNormalityTestsStillGivesTheAtomsAndSaysWhy()
    {
        // Four rows, three columns: enough for the PID (n > p), not for the tests (n ≥ p + 2).
        using var dir = new TempDir();
        var path = dir.File("data.csv", "y,a,b\n1,2,0.5\n2,1,1.5\n0.3,0.7,2.2\n4,3.1,0.1\n");
        var (exit, output, error) = Run("--data", path, "--target", "y", "--x1", "a", "--x2", "b", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Contains("at least p + 2", doc.RootElement.GetProperty("normality").GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("mmi", "closed-form MMI")]
    [InlineData("dep", "closed-form I_dep")]
    [InlineData("ccs", "Monte Carlo I_ccs")]
    public void CovarianceMeasureIsChosenByFlagAndNamedInTheJson(string measure, string method)
    {
        using var dir = new TempDir();
        var path = dir.File("cov.csv", "1,1,1\n1,1.5,1\n1,1,3\n");
        var (exit, output, error) = Run("--covariance", path, "--dims", "1,1,1", "--measure", measure, "--mc-draws", "5000", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(measure, root.GetProperty("measure").GetString());
        Assert.Equal(method, root.GetProperty("method").GetString());
        var keys = root.EnumerateObject().Select(p => p.Name).ToArray();
        string[] extra = measure switch { "ccs" => [PidCommand.MonteCarloErrorKey], "mmi" => PidCommand.TwoSourceLatticeJsonKeys, _ => [] };
        Assert.Equal([.. PidCommand.JsonKeys, .. extra], keys);
        var expected = GaussianPid.FromCovariance(PidReg.Data.CsvTable.Read(path, new PidReg.Data.CsvReadOptions { ColumnNames = ["a", "b", "c"] }).Select("0-2"),
            new PidDims(1, 1, 1), Enum.Parse<PidMeasure>(measure, ignoreCase: true), 5000);
        Assert.Equal(expected.UniqueX2, root.GetProperty("uniqueX2").GetDouble(), 12);
    }

    [Fact]
    public void CovarianceDefaultsToDepAndPlugInWithoutSamples()
    {
        using var dir = new TempDir();
        var (exit, output, error) = Run("--covariance", dir.File("cov.csv", "1,1,1\n1,1.5,1\n1,1,3\n"), "--dims", "1,1,1", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("dep", doc.RootElement.GetProperty("measure").GetString());
        Assert.Equal("closed-form I_dep", doc.RootElement.GetProperty("method").GetString());
    }

    [Fact]
    public void ATargetThatIsTheSumOfTheModalitiesIsReportedAsUnboundedInformation()
    {
        using var dir = new TempDir();
        // T = X1 + X2 with X1, X2 independent unit variances.
        var (exit, output, error) = Run("--covariance", dir.File("cov.csv", "2,1,1\n1,1,0\n1,0,1\n"), "--dims", "1,1,1");
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("T is a deterministic function of (X1, X2): the information is unbounded", error);
    }

    [Fact]
    public void DataTextNamesTheModalitiesByTheirColumnsAndConflictingEstimatesAreRefused()
    {
        using var dir = new TempDir();
        var path = dir.File("data.csv", SkewedTargetCsv(200, 9));
        var (exit, output, error) = Run("--data", path, "--target", "y", "--x1", "a0,a1", "--x2", "b0");
        Assert.True(exit == 0, error);
        Assert.Contains("unique a0+a1", output);
        Assert.Contains("unique b0", output);
        Assert.Contains("I(T; a0+a1, b0)", output);
        Assert.DoesNotContain("unique X1", output);
        Assert.Contains("contradict", Run("--data", path, "--target", "y", "--x1", "a0", "--x2", "b0", "--plug-in", "--bias-corrected").Err);
        Assert.Contains("--mc-draws", Run("--data", path, "--target", "y", "--x1", "a0", "--x2", "b0", "--measure", "ccs", "--mc-draws", "10").Err);
    }
}
