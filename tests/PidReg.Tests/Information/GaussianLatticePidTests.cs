using PidReg.Information;
using static PidReg.Tests.Information.GaussianPidClosedFormTests;

namespace PidReg.Tests.Information;

/// <summary>
/// The MMI PID on the whole redundancy lattice: against an independent brute force (to 1e-9 bits), the lattice
/// identities, the two-source PID of <see cref="GaussianPid"/>, source permutations and designed systems.
/// </summary>
public class GaussianLatticePidTests
{
    const double Tol = 1e-9;

    /// <summary>Sample covariances (50 draws of a random mixture): every block informative, no two blocks alike.</summary>
    static double[,] Covariance(LatticeDims dims, int seed) => RandomCovariance(new Random(seed), dims.Total, 50);

    public static TheoryData<int, int[], int> Systems => new()
    {
        { 1, [1, 1], 1 },
        { 1, [2, 3], 2 },
        { 1, [1, 1, 1], 3 },
        { 1, [2, 1, 3], 4 },
        { 3, [1, 2, 1], 5 },
        { 2, [2, 2, 2], 6 },
        { 1, [1, 1, 1, 1], 7 },
        { 2, [1, 2, 1, 1], 8 },
    };

    [Theory]
    [MemberData(nameof(Systems))]
    public void AtomsAndRedundanciesAgreeWithABruteForceLatticeForScalarAndVectorTargets(int target, int[] sources, int seed)
    {
        var dims = new LatticeDims(target, sources);
        var cov = Covariance(dims, seed);
        var pid = GaussianLatticePid.FromCovariance(cov, dims);
        var brute = BruteForceLattice.Compute(cov, target, sources);
        Assert.Equal(brute.Atoms.Count, pid.Atoms.Count);
        foreach (var (key, atom) in pid.AtomsByKey)
        {
            Assert.True(Math.Abs(brute.Atoms[key] - atom) < Tol, $"atom {key}: {atom} against brute force {brute.Atoms[key]}");
            Assert.Equal(brute.Redundancy[key], pid.Redundancies[pid.Lattice.IndexOf(key)], Tol);
        }
        foreach (var (set, information) in brute.SetInformation)
            Assert.Equal(information, pid.Information(set.Select(c => c - '0')), Tol);
        Assert.Equal(GaussianInformation.MutualInformation(cov, DenseRange(0, target), DenseRange(target, dims.Total - target)), pid.MiJoint, Tol);
        Assert.Equal(GaussianLatticePid.MethodName, pid.Method);
        Assert.Equal(PidMeasure.Mmi, pid.Measure);
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void AtomsSumToTheJointInformationAndBelowEachSetToItsInformation(int target, int[] sources, int seed)
    {
        var dims = new LatticeDims(target, sources);
        var pid = GaussianLatticePid.FromCovariance(Covariance(dims, seed), dims);
        Assert.Equal(pid.MiJoint, pid.Total, Tol);
        foreach (var single in pid.Lattice.Antichains.Where(a => a.Sets.Count == 1))
        {
            double below = pid.Lattice.Antichains.Select((a, i) => a.IsAtOrBelow(single) ? pid.Atoms[i] : 0).Sum();
            Assert.Equal(pid.Information(single.Sets[0]), below, Tol);
        }
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void AtomsAreNonNegativeUpToRounding(int target, int[] sources, int seed)
    {
        // Williams and Beer's non-negativity proof for I_min needs only a minimum of a growing set function.
        var dims = new LatticeDims(target, sources);
        var pid = GaussianLatticePid.FromCovariance(Covariance(dims, seed + 100), dims);
        Assert.All(pid.Atoms, a => Assert.True(a > -1e-12, $"atom {a}"));
    }

    [Fact]
    public void FiveSourcesGive7579AtomsWithTheLatticeIdentities()
    {
        var dims = new LatticeDims(1, 1, 1, 1, 1, 1);
        var pid = GaussianLatticePid.FromCovariance(Covariance(dims, 9), dims);
        Assert.Equal(7579, pid.Atoms.Count);
        Assert.Equal(pid.MiJoint, pid.Total, 1e-8);
        foreach (var single in pid.Lattice.Antichains.Where(a => a.Sets.Count == 1))
            Assert.Equal(pid.Information(single.Sets[0]), pid.Lattice.Antichains.Select((a, i) => a.IsAtOrBelow(single) ? pid.Atoms[i] : 0).Sum(), 1e-8);
        Assert.All(pid.Atoms, a => Assert.True(a > -1e-10, $"atom {a}"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TwoSourcesWithAScalarTargetGiveTheAtomsOfGaussianPidMmi(int seed)
    {
        var cov = RandomCovariance(new Random(seed), 5, 40);
        var pid = GaussianLatticePid.FromCovariance(cov, new LatticeDims(1, 2, 2));
        var two = GaussianPid.FromCovariance(cov, new PidDims(1, 2, 2), PidMeasure.Mmi);
        Assert.Equal(two.Redundancy, pid["{1}{2}"], Tol);
        Assert.Equal(two.UniqueX1, pid["{1}"], Tol);
        Assert.Equal(two.UniqueX2, pid["{2}"], Tol);
        Assert.Equal(two.Synergy, pid["{12}"], Tol);
        Assert.Equal(two.MiX1, pid.MiSources[0], Tol);
        Assert.Equal(two.MiX2, pid.MiSources[1], Tol);

        // The bias-corrected sample estimate too: both clip each term at 0 and restore data processing the same way.
        var corrected = GaussianLatticePid.FromSampleCovariance(cov, new LatticeDims(1, 2, 2), 40, PidEstimate.BiasCorrected);
        var twoCorrected = GaussianPid.FromSampleCovariance(cov, new PidDims(1, 2, 2), 40, PidEstimate.BiasCorrected, PidMeasure.Mmi);
        Assert.Equal(twoCorrected.Redundancy, corrected["{1}{2}"], Tol);
        Assert.Equal(twoCorrected.Synergy, corrected["{12}"], Tol);
        Assert.Equal(twoCorrected.MiJoint, corrected.MiJoint, Tol);
        Assert.EndsWith(", bias-corrected", corrected.Method);
    }

    [Fact]
    public void TwoSourcesWithAVectorTargetKeepTheMinimumInformationRedundancyWhichTheUnionSolverUndercuts()
    {
        // T = (T1, T2) independent; X1 = T1 + noise, X2 = T2 + noise (variance 1/2): each source informs its own
        // component, so I(T; X1, X2) = I1 + I2 and no coupling of the sources lowers it: ~I_union finds no redundancy,
        // while MMI books min(I1, I2) = ½ log2 3 as redundant.
        var cov = new[,]
        {
            { 1.0, 0, 1, 0 },
            { 0, 1, 0, 1 },
            { 1, 0, 1.5, 0 },
            { 0, 1, 0, 1.5 },
        };
        var pid = GaussianLatticePid.FromCovariance(cov, new LatticeDims(2, 1, 1));
        var union = GaussianPid.FromCovariance(cov, new PidDims(2, 1, 1), PidMeasure.Mmi);
        double half = 0.5 * Math.Log2(3);
        Assert.Equal(half, pid["{1}{2}"], Tol);
        Assert.Equal(0, pid["{1}"], Tol);
        Assert.Equal(0, pid["{2}"], Tol);
        // Synergy I12 − max(I1, I2) = log2 3 − ½ log2 3.
        Assert.Equal(half, pid["{12}"], Tol);
        Assert.Equal("union solver", union.Method);
        Assert.Equal(0, union.Redundancy, 1e-6);
        Assert.Equal(half, union.UniqueX1, 1e-6);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void TwoSourcesWithAVectorTargetNeverHaveLessRedundancyThanTheUnionSolver(int seed)
    {
        var cov = RandomCovariance(new Random(seed), 6, 40);
        var pid = GaussianLatticePid.FromCovariance(cov, new LatticeDims(2, 2, 2));
        var union = GaussianPid.FromCovariance(cov, new PidDims(2, 2, 2), PidMeasure.Mmi);
        Assert.Equal(Math.Min(union.MiX1, union.MiX2), pid["{1}{2}"], Tol);
        Assert.True(union.Redundancy <= pid["{1}{2}"] + 1e-6, $"~I_union redundancy {union.Redundancy} above the MMI {pid["{1}{2}"]}");
    }

    public static TheoryData<int, int[], int[], int> Permutations => new()
    {
        { 1, [1, 1, 1], [2, 0, 1], 21 },
        { 2, [1, 2, 3], [1, 2, 0], 22 },
        { 1, [1, 1, 2, 1], [3, 1, 0, 2], 23 },
    };

    [Theory]
    [MemberData(nameof(Permutations))]
    public void PermutingTheSourcesPermutesTheAtomKeys(int target, int[] sources, int[] order, int seed)
    {
        // New source k + 1 is old source order[k] + 1.
        var dims = new LatticeDims(target, sources);
        var cov = Covariance(dims, seed);
        var oldIndex = Enumerable.Range(0, target).Concat(order.SelectMany(s => Enumerable.Range(target + sources.Take(s).Sum(), sources[s]))).ToArray();
        var permuted = new double[dims.Total, dims.Total];
        for (int i = 0; i < dims.Total; i++)
            for (int j = 0; j < dims.Total; j++) permuted[i, j] = cov[oldIndex[i], oldIndex[j]];
        var pid = GaussianLatticePid.FromCovariance(cov, dims);
        var pidPermuted = GaussianLatticePid.FromCovariance(permuted, new LatticeDims(target, [.. order.Select(s => sources[s])]));
        var newOf = new int[order.Length];
        for (int k = 0; k < order.Length; k++) newOf[order[k]] = k + 1;
        foreach (var antichain in pid.Lattice.Antichains)
        {
            var key = BruteForceLattice.Key(antichain.Sets.Select(s => s.Select(old => newOf[old - 1]).ToArray()));
            Assert.Equal(pid[antichain.Key], pidPermuted[key], Tol);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ANoisyCopyOfTheTargetBesideIndependentSourcesPutsEverythingInItsOwnAtom(int m)
    {
        // X1 = T + noise (variance 0.09 per component), X2 and X3 independent of everything: I(T; X_A) = I1 whenever
        // A holds source 1 and 0 otherwise, so the only atom is {1}.
        var dims = new LatticeDims(m, m, 1, 2);
        var cov = new double[dims.Total, dims.Total];
        for (int i = 0; i < dims.Total; i++) cov[i, i] = 1;
        for (int i = 0; i < m; i++)
        {
            cov[i, m + i] = cov[m + i, i] = 1;
            cov[m + i, m + i] = 1.09;
        }
        var pid = GaussianLatticePid.FromCovariance(cov, dims);
        double copy = m * 0.5 * Math.Log2(1.09 / 0.09);
        Assert.Equal(copy, pid["{1}"], Tol);
        Assert.Equal(copy, pid.MiJoint, Tol);
        foreach (var (key, atom) in pid.AtomsByKey.Where(p => p.Key != "{1}")) Assert.True(Math.Abs(atom) < Tol, $"atom {key} = {atom}");
    }

    [Fact]
    public void ATargetThatIsTheSumOfTheSourcesIsUnboundedInformation()
    {
        // T = X1 + X2 + X3 with independent unit sources.
        var cov = new[,] { { 3.0, 1, 1, 1 }, { 1, 1, 0, 0 }, { 1, 0, 1, 0 }, { 1, 0, 0, 1 } };
        var e = Assert.Throws<ArgumentException>(() => GaussianLatticePid.FromCovariance(cov, new LatticeDims(1, 1, 1, 1)));
        Assert.Contains("T is a deterministic function of (X1, X2, X3): the information is unbounded", e.Message);
    }

    [Fact]
    public void BadShapesAndSourceCountsAreNamed()
    {
        var cov = Covariance(new LatticeDims(1, 1, 1, 1), 3);
        Assert.Contains("need 5×5", Assert.Throws<ArgumentException>(() => GaussianLatticePid.FromCovariance(cov, new LatticeDims(1, 1, 1, 2))).Message);
        Assert.Contains("7,828,352", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianLatticePid.FromCovariance(cov, new LatticeDims(1, 1, 1, 1, 1, 1, 1))).Message);
        Assert.Contains("at least two sources", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianLatticePid.FromCovariance(cov, new LatticeDims(1, 3))).Message);
        Assert.Contains("X2 block", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianLatticePid.FromCovariance(cov, new LatticeDims(1, 1, 0, 2))).Message);
        Assert.Contains("more samples than dimensions",
            Assert.Throws<ArgumentOutOfRangeException>(() => GaussianLatticePid.FromSampleCovariance(cov, new LatticeDims(1, 1, 1, 1), 4, PidEstimate.BiasCorrected)).Message);
    }

    [Fact]
    public void InformationOfASetNamesBadIndices()
    {
        var pid = GaussianLatticePid.FromCovariance(Covariance(new LatticeDims(1, 1, 1, 1), 3), new LatticeDims(1, 1, 1, 1));
        Assert.Equal(pid.MiJoint, pid.Information(3, 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => pid.Information(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => pid.Information(4));
        Assert.Throws<ArgumentException>(() => pid.Information());
    }

    static int[] DenseRange(int start, int count) => [.. Enumerable.Range(start, count)];
}
