using PidReg.Information;
using PidReg.Model;
using static PidReg.Tests.Information.GaussianPidClosedFormTests;

namespace PidReg.Tests.Model;

/// <summary>
/// The fusion rule for M modalities: against the two-modality rule (exactly, over many random atoms), hand-computed
/// three-modality weights and the identities every routing keeps.
/// </summary>
public class FusionPathWeightsTests
{
    static readonly string[] Two = ["a", "b"], Three = ["a", "b", "c"];

    [Fact]
    public void PathsAreTheNonEmptyModalitySetsBySizeThenModalityIndex()
    {
        Assert.Equal(["a", "b", "a*b"], FusionPath.All(Two).Select(p => p.Name));
        Assert.Equal(["a", "b", "c", "a*b", "a*c", "b*c", "a*b*c"], FusionPath.All(Three).Select(p => p.Name));
        var four = FusionPath.All(["w", "x", "y", "z"]);
        Assert.Equal(15, four.Count);
        Assert.Equal(["w", "x", "y", "z", "w*x", "w*y", "w*z", "x*y", "x*z", "y*z", "w*x*y", "w*x*z", "w*y*z", "x*y*z", "w*x*y*z"], four.Select(p => p.Name));
        Assert.Equal(26, FusionPath.All(["p", "q", "r", "s", "t"]).Count(p => p.IsProduct));
        Assert.Equal([0, 2], FusionPath.All(Three).Single(p => p.Name == "a*c").Members);
    }

    public static TheoryData<string[], string> BadNames => new()
    {
        { ["a"], "at least two sources" },
        { ["a", "b", "c", "d", "e", "f"], "at most 5 sources" },
        { ["a", "a"], "'a' appears twice" },
        { ["a", "b*c"], "contains '*'" },
        { ["a", " "], "modality 2 has an empty name" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void BadModalityNamesAreRefusedWithTheReason(string[] names, string reason)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => FusionPath.All(names));
        Assert.Contains(reason, ex.Message);
    }

    /// <summary>Random two-modality atoms with the awkward cases mixed in: negatives, zeros, no information at all, no MI.</summary>
    static PidAtoms RandomAtoms(Random rng)
    {
        double Draw() => rng.Next(6) switch { 0 => 0, 1 => -0.05 * rng.NextDouble(), 2 => 1e-8 * rng.NextDouble(), _ => 2 * rng.NextDouble() };
        double u1 = Draw(), u2 = Draw(), r = Draw(), s = Draw();
        return rng.Next(8) == 0
            ? new PidAtoms(u1, u2, r, s, rng.Next(2) == 0 ? 0 : -0.1, 1e-9)
            : new PidAtoms(u1, u2, r, s, u1 + r + 0.1 * rng.NextDouble(), u2 + r);
    }

    [Fact]
    public void TwoModalitiesReproduceTheTwoModalityRuleForEveryAssignmentAndRoutingOverRandomAtoms()
    {
        var rng = new Random(20);
        foreach (var assignment in Enum.GetValues<RedundancyAssignment>())
            foreach (var routing in Enum.GetValues<SynergyRouting>())
            {
                var coinToday = new Random(7);
                var coinLattice = new Random(7);
                for (int trial = 0; trial < 2000; trial++)
                {
                    var atoms = RandomAtoms(rng);
                    bool? used = routing == SynergyRouting.ConditionalProduct ? rng.Next(2) == 0 : null;
                    var today = FusionWeights.FromAtoms(atoms, assignment, coinToday, routing, used);
                    var lattice = FusionPathWeights.FromAtoms(LatticeAtoms.From(atoms), Two, assignment, coinLattice, routing, used is { } u ? [u] : null);
                    var got = lattice.Weights;
                    var want = today.ToArray();
                    for (int k = 0; k < 3; k++)
                        Assert.True(Math.Abs(got[k] - want[k]) <= 1e-15, $"{assignment}/{routing}, {atoms}: path {lattice.Paths[k]} {got[k]:R} vs {want[k]:R}");
                    Assert.Equal(today, lattice.ToFusionWeights());  // bit for bit
                    Assert.Equal(today.WithoutSynergy(), lattice.WithoutSynergy().ToFusionWeights());
                }
                // The coin sequences stayed in step: one draw per call, as the two-modality rule makes.
                Assert.Equal(coinToday.Next(), coinLattice.Next());
            }
    }

    [Fact]
    public void NoInformationGivesEqualWeightOnEveryPathWhateverTheRouting()
    {
        var zeros = new LatticeAtoms(RedundancyLattice.Create(3), new double[18], new double[8]);
        foreach (var routing in Enum.GetValues<SynergyRouting>())
        {
            var w = FusionPathWeights.FromAtoms(zeros, Three, RedundancyAssignment.CoinFlip, new Random(1), routing,
                routing == SynergyRouting.ConditionalProduct ? new bool[4] : null);
            Assert.All(w.Weights, v => Assert.Equal(1.0 / 7, v));
            Assert.Equal(FusionPathWeights.Equal(Three), w);
        }
        Assert.Equal(FusionWeights.Equal, FusionPathWeights.Equal(Two).ToFusionWeights());
    }

    /// <summary>
    /// Three modalities, by hand: U1 = 0.2 ({1}), U2 = 0.1 ({2}), R12 = 0.3 ({1}{2}), S12 = 0.1 ({12}), R1|23 = 0.2
    /// ({1}{23}), S123 = 0.1 ({123}), a negative atom −0.05 ({3}) that is clipped; T = 1.0. Informations: I1 = 0.6,
    /// I2 = 0.4, I23 = 0.5.
    /// </summary>
    static LatticeAtoms HandAtoms()
    {
        var lattice = RedundancyLattice.Create(3);
        var atoms = new double[lattice.Count];
        foreach (var (key, value) in new[] { ("{1}", 0.2), ("{2}", 0.1), ("{1}{2}", 0.3), ("{12}", 0.1), ("{1}{23}", 0.2), ("{123}", 0.1), ("{3}", -0.05) })
            atoms[lattice.IndexOf(key)] = value;
        var information = new double[8];
        information[0b001] = 0.6;
        information[0b010] = 0.4;
        information[0b110] = 0.5;
        return new LatticeAtoms(lattice, atoms, information);
    }

    [Fact]
    public void ProportionalProductRoutingMatchesTheHandComputedThreeModalityWeights()
    {
        // {1}{2} splits 0.6 : 0.4, {1}{23} splits 0.6 : 0.5; {12} and {123} go to their product paths.
        var w = FusionPathWeights.FromAtoms(HandAtoms(), Three, RedundancyAssignment.Proportional);
        double a = 0.2 + 0.3 * 0.6 + 0.2 * 0.6 / 1.1, b = 0.1 + 0.3 * 0.4, bc = 0.2 * 0.5 / 1.1;
        Assert.Equal(a, w["a"], 14);
        Assert.Equal(b, w["b"], 14);
        Assert.Equal(0, w["c"]);
        Assert.Equal(0.1, w["a*b"], 14);
        Assert.Equal(0, w["a*c"]);
        Assert.Equal(bc, w["b*c"], 14);
        Assert.Equal(0.1, w["a*b*c"], 14);
        Assert.Equal(1.0, w.Weights.Sum(), 14);
    }

    [Fact]
    public void SharedSynergyRoutingsSpreadEachProductOverItsMembers()
    {
        var product = FusionPathWeights.FromAtoms(HandAtoms(), Three, RedundancyAssignment.Proportional);
        var shared = FusionPathWeights.FromAtoms(HandAtoms(), Three, RedundancyAssignment.Proportional, synergy: SynergyRouting.Modalities);
        double bc = product["b*c"], ab = product["a*b"], abc = product["a*b*c"];
        Assert.Equal(product["a"] + ab / 2 + abc / 3, shared["a"], 14);
        Assert.Equal(product["b"] + ab / 2 + bc / 2 + abc / 3, shared["b"], 14);
        Assert.Equal(bc / 2 + abc / 3, shared["c"], 14);
        Assert.All(shared.Paths.Where(p => p.IsProduct), p => Assert.Equal(0, shared[p.Name]));

        var both = FusionPathWeights.FromAtoms(HandAtoms(), Three, RedundancyAssignment.Proportional, synergy: SynergyRouting.ModalitiesAndProduct);
        double scale = 1 + ab + bc + abc;
        Assert.All(both.Paths, p => Assert.Equal(p.IsProduct ? product[p.Name] / scale : shared[p.Name] / scale, both[p.Name], 14));
        Assert.Equal(1.0, both.Weights.Sum(), 14);
    }

    [Fact]
    public void CoinFlipGivesEachSharedAtomWhollyToOneOfItsSetsAndIsSeeded()
    {
        var atoms = HandAtoms();
        var seen = new HashSet<string>();
        var coin = new Random(5);
        for (int i = 0; i < 60; i++)
        {
            var w = FusionPathWeights.FromAtoms(atoms, Three, RedundancyAssignment.CoinFlip, coin);
            // {1}{2} (0.3) goes to a or to b, {1}{23} (0.2) to a or to b*c: four outcomes.
            bool r12ToA = Math.Abs(w["b"] - 0.1) < 1e-12, r123ToA = Math.Abs(w["b*c"]) < 1e-12;
            Assert.Equal(0.2 + (r12ToA ? 0.3 : 0) + (r123ToA ? 0.2 : 0), w["a"], 12);
            Assert.Equal(0.1 + (r12ToA ? 0 : 0.3), w["b"], 12);
            Assert.Equal(r123ToA ? 0 : 0.2, w["b*c"], 12);
            seen.Add($"{r12ToA}{r123ToA}");
        }
        Assert.Equal(4, seen.Count);
        Random c1 = new(9), c2 = new(9);
        Assert.Equal(
            Enumerable.Range(0, 20).Select(_ => FusionPathWeights.FromAtoms(atoms, Three, RedundancyAssignment.CoinFlip, c1)),
            Enumerable.Range(0, 20).Select(_ => FusionPathWeights.FromAtoms(atoms, Three, RedundancyAssignment.CoinFlip, c2)));
    }

    public static TheoryData<int, int> Systems => new() { { 1, 3 }, { 2, 3 }, { 1, 4 }, { 2, 4 } };

    [Theory]
    [MemberData(nameof(Systems))]
    public void EveryRuleGivesNonNegativeWeightsSummingToOneThatAccountForEveryAtom(int target, int sources)
    {
        var names = Enumerable.Range(0, sources).Select(i => ((char)('a' + i)).ToString()).ToArray();
        var dims = new LatticeDims(target, Enumerable.Repeat(2, sources).ToArray());
        for (int seed = 0; seed < 5; seed++)
        {
            var atoms = LatticeAtoms.From(GaussianLatticePid.FromCovariance(RandomCovariance(new Random(seed), dims.Total, 40), dims));
            var product = FusionPathWeights.FromAtoms(atoms, names, RedundancyAssignment.Proportional);
            // Under product routing a path's weight is the credit of its set: the atoms whose antichain holds only that
            // set give it all their bits, so its weight is at least their share of the total.
            double total = atoms.Atoms.Sum(a => Math.Max(0, a));
            foreach (var path in product.Paths)
            {
                string key = "{" + string.Concat(path.Members.Select(m => m + 1)) + "}";
                Assert.True(product[path.Name] >= Math.Max(0, atoms[key]) / total - 1e-14, $"{path}: {product[path.Name]} below its own atom");
            }
            foreach (var assignment in Enum.GetValues<RedundancyAssignment>())
                foreach (var routing in Enum.GetValues<SynergyRouting>())
                {
                    // Under the conditional routing every other product path is judged to add information.
                    bool[]? used = routing == SynergyRouting.ConditionalProduct
                        ? [.. FusionPath.All(names).Where(p => p.IsProduct).Select((_, k) => k % 2 == 0)]
                        : null;
                    var w = FusionPathWeights.FromAtoms(atoms, names, assignment, new Random(seed), routing, used);
                    Assert.Equal(1.0, w.Weights.Sum(), 12);
                    Assert.All(w.Weights, v => Assert.InRange(v, 0, 1));
                    if (routing == SynergyRouting.Modalities) Assert.All(w.Paths.Where(p => p.IsProduct), p => Assert.Equal(0, w[p.Name]));
                    if (used is not null)
                    {
                        // A path judged to add information keeps the default's weight up to the common rescaling; the others get 0.
                        var both = FusionPathWeights.FromAtoms(atoms, names, assignment, new Random(seed), SynergyRouting.ModalitiesAndProduct);
                        var products = w.Paths.Where(p => p.IsProduct).ToArray();
                        Assert.All(products.Where((_, k) => !used[k]), p => Assert.Equal(0, w[p.Name]));
                        var kept = products.Where((_, k) => used[k]).Select(p => w[p.Name] / both[p.Name]).Where(double.IsFinite).ToArray();
                        Assert.All(kept, ratio => Assert.Equal(kept[0], ratio, 12));
                    }
                    var without = w.WithoutSynergy();
                    Assert.Equal(1.0, without.Weights.Sum(), 12);
                    Assert.All(without.Paths, p => Assert.Equal(p.IsProduct ? 0 : w[p.Name] / w.Paths.Where(q => !q.IsProduct).Sum(q => w[q.Name]), without[p.Name], 12));
                }
        }
    }

    [Fact]
    public void WithoutSynergyOfOnlyProductWeightGivesEqualModalityWeights()
    {
        var w = FusionPathWeights.FromValues(Three, [0, 0, 0, 0.5, 0, 0.25, 0.25]).WithoutSynergy();
        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0, 0, 0], w.Weights);
    }

    [Fact]
    public void WeightsAreKeyedByPathNameAndConvertBackToTwoModalityWeights()
    {
        var w = FusionPathWeights.From(new FusionWeights(0.5, 0.3, 0.2), ["text", "audio"]);
        Assert.Equal(["text", "audio", "text*audio"], w.ByName.Keys);
        Assert.Equal(0.2, w.ByName["text*audio"]);
        Assert.Equal(new FusionWeights(0.5, 0.3, 0.2), w.ToFusionWeights());
        Assert.Equal("w=(text: 0.5000, audio: 0.3000, text*audio: 0.2000)", w.ToString());
        Assert.Throws<InvalidOperationException>(() => FusionPathWeights.Equal(Three).ToFusionWeights());
        Assert.Contains("a*b*c", Assert.Throws<KeyNotFoundException>(() => w["a*b*c"]).Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.1)]
    public void NonFiniteOrNegativeWeightsAreRefusedNamingThePath(double bad)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => FusionPathWeights.FromValues(Two, [0.5, 0.5, bad]));
        Assert.Contains("'a*b'", ex.Message);
        Assert.Contains("3 fusion paths", Assert.Throws<ArgumentException>(() => FusionPathWeights.FromValues(Two, [0.5, 0.5])).Message);
    }

    [Fact]
    public void AtomsOverAnotherModalityCountOrACoinFlipWithoutACoinAreRefused()
    {
        var atoms = HandAtoms();
        Assert.Contains("3 modalities but 2 names", Assert.Throws<ArgumentException>(() => FusionPathWeights.FromAtoms(atoms, Two, RedundancyAssignment.Proportional)).Message);
        Assert.Throws<ArgumentNullException>(() => FusionPathWeights.FromAtoms(atoms, Three, RedundancyAssignment.CoinFlip));
    }
}
