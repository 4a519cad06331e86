using MathNet.Numerics.Distributions;
using PidReg.Information;

namespace PidReg.Tests.Information;

public class InverseNormalTransformTests
{
    [Fact]
    public void BlomScoresAreSymmetricMonotoneAndIgnoreTheMarginal()
    {
        double[] x = [3.1, -2, 0.5, 10, 7, -8];
        var z = InverseNormalTransform.Apply(x);
        var zExp = InverseNormalTransform.Apply(x.Select(v => Math.Exp(v / 3)).ToArray());
        Assert.Equal(z, zExp);
        var sorted = z.OrderBy(v => v).ToArray();
        for (int i = 0; i < sorted.Length; i++) Assert.Equal(-sorted[i], sorted[^(i + 1)], 12);
        // Smallest of 6: Φ⁻¹((1 - 3/8) / (6 + 1/4)) = Φ⁻¹(0.1).
        Assert.Equal(Normal.InvCDF(0, 1, 0.1), z[5], 12);
    }

    [Fact]
    public void TiedValuesShareTheirAverageRank()
    {
        var z = InverseNormalTransform.Apply([1.0, 1.0, 2.0]);
        Assert.Equal(z[0], z[1]);
        Assert.Equal(Normal.InvCDF(0, 1, (1.5 - 0.375) / 3.25), z[0], 12);
        Assert.Equal(0, InverseNormalTransform.Apply([5.0])[0], 12);
    }

    [Fact]
    public void ReferenceBlendMixesSixTenthsRankScoreWithFourTenthsZScore()
    {
        // [1, 2, 3]: mean 2, sd √(2/3); rank quantiles (r + ½)/4; no outliers (IQR bounds -0.5 .. 4.5).
        var y = InverseNormalTransform.ApplyBlended([1.0, 2, 3]);
        double sd = Math.Sqrt(2.0 / 3);
        Assert.Equal(0.6 * Normal.InvCDF(0, 1, 0.125) + 0.4 * (-1 / sd), y[0], 9);
        Assert.Equal(0.6 * Normal.InvCDF(0, 1, 0.375), y[1], 9);
        Assert.Equal(0.6 * Normal.InvCDF(0, 1, 0.625) + 0.4 * (1 / sd), y[2], 9);
    }

    [Fact]
    public void ReferenceBlendCapsOutliersBeyondTwoInterquartileRanges()
    {
        // [1, 2, 3, 4, 100]: Q1 = 2, Q3 = 4, upper bound 8; 100 is an outlier: g = 2.5 + ½·min((100 − 8)/sd, 3), z capped at 3.
        double[] x = [1, 2, 3, 4, 100];
        var y = InverseNormalTransform.ApplyBlended(x);
        double mean = x.Average(), sd = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(0.6 * (2.5 + 0.5 * Math.Min(92 / sd, 3)) + 0.4 * Math.Min((100 - mean) / sd, 3), y[4], 9);
        // Inliers are ranked among the four of them: the largest inlier gets quantile 3.5 / 5.
        Assert.Equal(0.6 * Normal.InvCDF(0, 1, 0.7) + 0.4 * (4 - mean) / sd, y[3], 9);
    }

    [Fact]
    public void NonFiniteOrEmptyInputIsRejected()
    {
        Assert.Contains("row 1", Assert.Throws<ArgumentException>(() => InverseNormalTransform.Apply([1.0, double.NaN])).Message);
        Assert.Throws<ArgumentException>(() => InverseNormalTransform.ApplyBlended([]));
    }
}
