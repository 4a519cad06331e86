using PidReg.Evaluation;
using PidReg.Model;
using PidReg.Notebooks;
using PidReg.Training;

namespace PidReg.Tests.Notebooks;

public sealed class WalkthroughChecksTests
{
    static readonly PidAtoms Atoms = new(0.3, 0, 0.4, 0.1, 0.7, 0.4);
    static readonly PidRegExplanation Valid = new(Atoms, new FusionWeights(0.6, 0.4, 0), 0.9, 0.8, 13);

    [Fact]
    public void AValidExplanationPassesAndGivesItsAtoms() => Assert.Same(Atoms, WalkthroughChecks.Explanation(Valid));

    public static TheoryData<PidRegExplanation, string> Broken() => new()
    {
        { Valid with { Atoms = null }, "no PID atoms" },
        { Valid with { Atoms = Atoms with { Synergy = -0.01 } }, "atom S = -0.01 bits" },
        { Valid with { Atoms = Atoms with { UniqueX1 = double.NaN } }, "atom U1 = NaN bits" },
        { Valid with { Weights = new FusionWeights(0.6, 0.6, 0) }, "w=(0.6000, 0.6000, 0.0000) are not a probability vector" },
        { Valid with { Weights = new FusionWeights(1.2, -0.2, 0) }, "are not a probability vector" },
        { Valid with { Lambda2 = 1 }, "λ = (0.9, 1) are outside (0, 1)" },
        { Valid with { Lambda1 = 0 }, "λ = (0, 0.8) are outside (0, 1)" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void ABrokenExplanationIsNamedWithItsValues(PidRegExplanation explanation, string message) =>
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => WalkthroughChecks.Explanation(explanation)).Message);

    [Fact]
    public void AComparisonWithFiniteMetricsPasses() => WalkthroughChecks.Comparison(WalkthroughTests.MadeUpResult(sentiment: false));

    [Fact]
    public void AComparisonWithANonFiniteMetricOrNoRowsIsNamed()
    {
        var result = WalkthroughTests.MadeUpResult(sentiment: false);
        var broken = result with { Rows = [result.Rows[0], result.Rows[1] with { R2 = new MeanSd(double.NaN, 0) }] };
        Assert.Contains("model early: non-finite test metrics", Assert.Throws<InvalidOperationException>(() => WalkthroughChecks.Comparison(broken)).Message);
        Assert.Contains("'made-up' has no rows", Assert.Throws<InvalidOperationException>(() => WalkthroughChecks.Comparison(result with { Rows = [] })).Message);
    }
}
