using PidReg.Evaluation;
using PidReg.Model;
using PidReg.Notebooks;
using PidReg.Training;

namespace PidReg.Tests.Notebooks;

public sealed class WalkthroughChecksTests
{
    static readonly PidAtoms Atoms = new(0.3, 0, 0.4, 0.1, 0.7, 0.4);
    static readonly PidRegExplanation Valid = Explanation(Atoms, [0.6, 0.4, 0], [0.9, 0.8]);

    static PidRegExplanation Explanation(PidAtoms? atoms, double[] weights, double[] lambdas) =>
        new(atoms, FusionPathWeights.FromValues(["x1", "x2"], weights), lambdas, 13)
        {
            LatticeAtoms = atoms is null ? null : LatticeAtoms.From(atoms).AtomsByKey.ToDictionary(StringComparer.Ordinal),
        };

    [Fact]
    public void AValidExplanationPassesAndGivesItsAtoms() => Assert.Same(Atoms, WalkthroughChecks.Explanation(Valid));

    [Fact]
    public void ThreeModalitiesAreCheckedOnTheirLatticeAtomsAndGiveNoPairAtoms()
    {
        var lattice = new Dictionary<string, double> { ["{1}{2}{3}"] = 0.2, ["{1}{2}"] = 0.05, ["{123}"] = 0.4 };
        var three = new PidRegExplanation(null, FusionPathWeights.Equal(["a", "b", "c"]), [0.9, 0.8, 0.7], null) { LatticeAtoms = lattice };
        Assert.Null(WalkthroughChecks.Explanation(three));
        Assert.Contains("λ = (0.9, 0.8, 1)", Assert.Throws<InvalidOperationException>(() => WalkthroughChecks.Explanation(three with { Lambdas = [0.9, 0.8, 1] })).Message);
        var negative = new Dictionary<string, double>(lattice) { ["{1}{2}"] = -0.05 };
        Assert.Contains("atom {1}{2} = -0.05 bits", Assert.Throws<InvalidOperationException>(() => WalkthroughChecks.Explanation(three with { LatticeAtoms = negative })).Message);
    }

    public static TheoryData<PidRegExplanation, string> Broken() => new()
    {
        { Explanation(null, [0.6, 0.4, 0], [0.9, 0.8]), "no PID atoms" },
        { Explanation(Atoms with { Synergy = -0.01 }, [0.6, 0.4, 0], [0.9, 0.8]), "atom {12} = -0.01 bits" },
        { Explanation(Atoms with { UniqueX1 = double.NaN }, [0.6, 0.4, 0], [0.9, 0.8]), "atom {1} = NaN bits" },
        { Explanation(Atoms, [0.6, 0.6, 0], [0.9, 0.8]), "w=(x1: 0.6000, x2: 0.6000, x1*x2: 0.0000) are not a probability vector" },
        { Explanation(Atoms, [0.6, 0.4, 0], [0.9, 1]), "λ = (0.9, 1) are outside (0, 1)" },
        { Explanation(Atoms, [0.6, 0.4, 0], [0, 0.8]), "λ = (0, 0.8) are outside (0, 1)" },
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
