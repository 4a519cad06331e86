using PidReg.Information;

namespace PidReg.Tests.Information;

public class GaussianInformationTests
{
    [Fact]
    public void MutualInformationOfTwoCorrelatedScalarsIsMinusHalfLogOneMinusRhoSquared()
    {
        const double rho = 0.6;
        var cov = new[,] { { 4.0, rho * 2 * 3 }, { rho * 2 * 3, 9 } };
        Assert.Equal(-0.5 * Math.Log2(1 - rho * rho), GaussianInformation.MutualInformation(cov, [0], [1]), 12);
    }

    [Fact]
    public void ConditionalMutualInformationFollowsTheChainRule()
    {
        // I(A; B, C) = I(A; C) + I(A; B | C) on a generic covariance.
        var cov = GaussianPidClosedFormTests.RandomCovariance(new Random(5), 6, 40);
        double joint = GaussianInformation.MutualInformation(cov, [0, 1], [2, 3, 4, 5]);
        double viaChain = GaussianInformation.MutualInformation(cov, [0, 1], [4, 5])
                          + GaussianInformation.ConditionalMutualInformation(cov, [0, 1], [2, 3], [4, 5]);
        Assert.Equal(joint, viaChain, 10);
    }

    [Fact]
    public void AMarkovChainHasNoConditionalInformation()
    {
        // A -> C -> B: A = C + e1, B = C + e2, so I(A; B | C) = 0 while I(A; B) > 0.
        var cov = new[,] { { 2.0, 1, 1 }, { 1, 1, 1 }, { 1, 1, 3 } }; // order A, C, B
        Assert.Equal(0, GaussianInformation.ConditionalMutualInformation(cov, [0], [2], [1]), 12);
        Assert.True(GaussianInformation.MutualInformation(cov, [0], [2]) > 0.05);
    }

    [Fact]
    public void OverlappingIndexSetsAreRejected()
    {
        var cov = new[,] { { 1.0, 0.1 }, { 0.1, 1 } };
        var e = Assert.Throws<ArgumentException>(() => GaussianInformation.MutualInformation(cov, [0], [0]));
        Assert.Contains("appears twice", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianInformation.MutualInformation(cov, [0], [2]));
    }
}
