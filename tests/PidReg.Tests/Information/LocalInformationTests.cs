using PidReg.Information;
using static PidReg.Tests.Information.GaussianPidClosedFormTests;

namespace PidReg.Tests.Information;

/// <summary>Per-row information terms: hand formulas, averages that converge to the global terms, bad input.</summary>
public class LocalInformationTests
{
    /// <summary>n rows drawn from N(0, cov) (cov ordered [T, X1, X2]) split into the three blocks.</summary>
    static (double[,] T, double[,] X1, double[,] X2) Draw(double[,] cov, PidDims dims, int n, Random rng)
    {
        var l = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(cov).Cholesky().Factor;
        int p = dims.Total;
        double[,] t = new double[n, dims.Target], x1 = new double[n, dims.X1], x2 = new double[n, dims.X2];
        var z = new double[p];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++) z[j] = Normal(rng);
            for (int j = 0; j < p; j++)
            {
                double v = 0;
                for (int k = 0; k <= j; k++) v += l[j, k] * z[k];
                if (j < dims.Target) t[i, j] = v;
                else if (j < dims.Target + dims.X1) x1[i, j - dims.Target] = v;
                else x2[i, j - dims.Target - dims.X1] = v;
            }
        }
        return (t, x1, x2);
    }

    static (double Mean, double StandardError) MeanAndError(double[] v)
    {
        double mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1) / v.Length));
    }

    [Fact]
    public void ScalarLocalInformationIsTheLogRatioOfTheConditionalAndMarginalDensities()
    {
        // T, X unit variance with correlation ρ: p(t | x) = N(ρ x, 1 − ρ²), p(t) = N(0, 1), by hand.
        const double r1 = 0.6, r2 = -0.3, r12 = 0.2;
        var cov = new[,] { { 1, r1, r2 }, { r1, 1, r12 }, { r2, r12, 1 } };
        double[,] t = { { 0.4 }, { -1.7 }, { 2.5 } }, x1 = { { 1.1 }, { 0.3 }, { -0.8 } }, x2 = { { -0.2 }, { 1.9 }, { 0.0 } };
        var local = LocalInformation.Evaluate(cov, t, x1, x2);
        static double LogNormal(double v, double mean, double variance) => -0.5 * Math.Log(2 * Math.PI * variance) - (v - mean) * (v - mean) / (2 * variance);
        for (int i = 0; i < 3; i++)
        {
            double expected1 = (LogNormal(t[i, 0], r1 * x1[i, 0], 1 - r1 * r1) - LogNormal(t[i, 0], 0, 1)) / Math.Log(2);
            double expected2 = (LogNormal(t[i, 0], r2 * x2[i, 0], 1 - r2 * r2) - LogNormal(t[i, 0], 0, 1)) / Math.Log(2);
            // Regression of T on (X1, X2): β = C_xx⁻¹ c, residual variance 1 − cᵀ β.
            double det = 1 - r12 * r12, b1 = (r1 - r12 * r2) / det, b2 = (r2 - r12 * r1) / det;
            double expected12 = (LogNormal(t[i, 0], b1 * x1[i, 0] + b2 * x2[i, 0], 1 - b1 * r1 - b2 * r2) - LogNormal(t[i, 0], 0, 1)) / Math.Log(2);
            Assert.Equal(expected1, local.MiX1[i], 1e-12);
            Assert.Equal(expected2, local.MiX2[i], 1e-12);
            Assert.Equal(expected12, local.MiJoint[i], 1e-12);
            double c = expected1 + expected2 - expected12;
            bool agree = Math.Sign(c) == Math.Sign(expected1) && Math.Sign(c) == Math.Sign(expected2) && Math.Sign(c) == Math.Sign(expected12);
            Assert.Equal(agree ? c : 0, local.Redundancy[i], 1e-12);
            Assert.Equal(local.MiJoint[i], local.UniqueX1[i] + local.UniqueX2[i] + local.Redundancy[i] + local.Synergy[i], 1e-12);
        }
        // Rescaling a variable (and its rows) changes nothing.
        var scaled = (double[,])cov.Clone();
        for (int j = 0; j < 3; j++) { scaled[0, j] *= 4; scaled[j, 0] *= 4; }
        var scaledLocal = LocalInformation.Evaluate(scaled, new[,] { { 1.6 }, { -6.8 }, { 10.0 } }, x1, x2);
        Assert.Equal(local.MiJoint[1], scaledLocal.MiJoint[1], 1e-12);
    }

    [Fact]
    public void AveragesOverGaussianDrawsConvergeToTheGlobalInformationAndTheCcsRedundancy()
    {
        var dims = new PidDims(2, 2, 3);
        var cov = RandomCovariance(new Random(71), dims.Total, 30);
        var (t, x1, x2) = Draw(cov, dims, 60_000, new Random(72));
        var local = LocalInformation.Evaluate(cov, t, x1, x2);
        var mmi = GaussianPid.FromCovariance(cov, dims);
        var ccs = GaussianPid.FromCovariance(cov, dims, PidMeasure.Ccs, 100_000, seed: 3);
        foreach (var (values, truth) in new[] { (local.MiX1, mmi.MiX1), (local.MiX2, mmi.MiX2), (local.MiJoint, mmi.MiJoint) })
        {
            var (mean, se) = MeanAndError(values);
            Assert.InRange(truth, mean - 5 * se, mean + 5 * se);
        }
        var (r, rse) = MeanAndError(local.Redundancy);
        double combined = Math.Sqrt(rse * rse + ccs.MonteCarloError!.Value * ccs.MonteCarloError.Value);
        Assert.InRange(ccs.Redundancy, r - 5 * combined, r + 5 * combined);
    }

    [Fact]
    public void OnTheSampleItWasFittedToTheAveragesAreExactlyThePlugInInformation()
    {
        // Σ_rows zᵀ S⁻¹ z = (n − 1) p for the sample covariance S, and the dimensions of the quadratic forms cancel.
        var rng = new Random(73);
        int n = 400;
        double[,] t = new double[n, 1], x1 = new double[n, 2], x2 = new double[n, 2];
        for (int i = 0; i < n; i++)
        {
            double s = Normal(rng);
            t[i, 0] = Math.Exp(s + 0.5 * Normal(rng));
            x1[i, 0] = s + Normal(rng); x1[i, 1] = Normal(rng);
            x2[i, 0] = 0.5 * s + Normal(rng); x2[i, 1] = x1[i, 1] + Normal(rng);
        }
        var local = LocalInformation.FromSamples(t, x1, x2);
        var plugIn = GaussianPid.FromSamples(t, x1, x2, new PidSampleOptions { Estimate = PidEstimate.PlugIn, Measure = PidMeasure.Mmi });
        Assert.Equal(plugIn.MiX1, local.MiX1.Average(), 1e-10);
        Assert.Equal(plugIn.MiX2, local.MiX2.Average(), 1e-10);
        Assert.Equal(plugIn.MiJoint, local.MiJoint.Average(), 1e-10);
        Assert.Equal(n, local.Count);
        Assert.Equal(0, local.Ridge);
    }

    [Fact]
    public void BadInputIsNamed()
    {
        var cov = new[,] { { 1, 0.5, 0.2 }, { 0.5, 1, 0.1 }, { 0.2, 0.1, 1 } };
        double[,] one = { { 0.3 } };
        Assert.Contains("must be 4×4", Assert.ThrowsAny<ArgumentException>(() => LocalInformation.Evaluate(cov, one, new double[1, 2], one)).Message);
        Assert.Contains("row counts differ", Assert.ThrowsAny<ArgumentException>(() => LocalInformation.Evaluate(cov, one, new double[2, 1], one)).Message);
        Assert.Contains("no rows", Assert.ThrowsAny<ArgumentException>(() => LocalInformation.Evaluate(cov, new double[0, 1], new double[0, 1], new double[0, 1])).Message);
        Assert.Contains("X1 row 0, column 0 is NaN", Assert.ThrowsAny<ArgumentException>(() => LocalInformation.Evaluate(cov, one, new[,] { { double.NaN } }, one)).Message);
        var determined = new[,] { { 2.0, 1, 1 }, { 1, 1, 0 }, { 1, 0, 1 } };
        Assert.Contains("unbounded", Assert.ThrowsAny<ArgumentException>(() => LocalInformation.Evaluate(determined, one, one, one)).Message);
        Assert.Contains("need more samples", Assert.ThrowsAny<ArgumentException>(() => LocalInformation.FromSamples(one, one, one)).Message);
        Assert.Contains("one value per row", Assert.ThrowsAny<ArgumentException>(() => new LocalPid([1.0], [1.0, 2.0], [1.0], [0.0], 0)).Message);
    }
}
