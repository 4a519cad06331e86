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
    public void AnExactCopyOfASourceIsRidgedAndSharesAllItsInformation()
    {
        // X2 = X1 = T + noise (variance 1/4), X3 independent: singular but with T not determined, so a ridge, reported,
        // and X1's information sits in {1}{2}.
        var cov = new[,] { { 1.0, 1, 1, 0 }, { 1, 1.25, 1.25, 0 }, { 1, 1.25, 1.25, 0 }, { 0, 0, 0, 1 } };
        var pid = GaussianLatticePid.FromCovariance(cov, new LatticeDims(1, 1, 1, 1));
        double copy = 0.5 * Math.Log2(5);
        Assert.True(pid.Ridge > 0);
        Assert.Equal(copy, pid["{1}{2}"], 1e-6);
        Assert.Equal(copy, pid.Total, 1e-6);
        Assert.All(pid.AtomsByKey.Where(p => p.Key != "{1}{2}"), p => Assert.True(Math.Abs(p.Value) < 1e-6, $"atom {p.Key} = {p.Value}"));
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

    /// <summary>n rows of T = S1 + 0.7 S2 + 0.5 S3 + noise, and one block per source with its S in column 0 plus noise.</summary>
    internal static (double[,] Target, double[][,] Sources) Draw(int n, int[] widths, int seed)
    {
        var rng = new Random(seed);
        var target = new double[n, 1];
        var sources = widths.Select(w => new double[n, w]).ToArray();
        double[] gains = [1, 0.7, 0.5, 0.3, 0.2];
        for (int i = 0; i < n; i++)
        {
            var s = widths.Select(_ => Normal(rng)).ToArray();
            target[i, 0] = s.Select((v, k) => gains[k] * v).Sum() + 0.5 * Normal(rng);
            for (int k = 0; k < widths.Length; k++)
                for (int j = 0; j < widths[k]; j++) sources[k][i, j] = (j == 0 ? s[k] : 0) + Normal(rng);
        }
        return (target, sources);
    }

    [Fact]
    public void SamplesWithoutTransformOrCorrectionGiveThePidOfTheirSampleCovariance()
    {
        int[] widths = [2, 1, 2];
        var (target, sources) = Draw(300, widths, 51);
        int p = 1 + widths.Sum();
        var joined = new double[300, p];
        for (int i = 0; i < 300; i++)
        {
            joined[i, 0] = target[i, 0];
            int col = 1;
            foreach (var block in sources)
                for (int j = 0; j < block.GetLength(1); j++) joined[i, col++] = block[i, j];
        }
        var columns = Enumerable.Range(0, p).Select(j => Enumerable.Range(0, 300).Select(i => joined[i, j]).ToArray()).ToArray();
        var cov = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++) cov[a, b] = MathNet.Numerics.Statistics.Statistics.Covariance(columns[a], columns[b]);
        var fromSamples = GaussianLatticePid.FromSamples(target, sources, PidEstimate.PlugIn, TargetTransform.None);
        var fromCovariance = GaussianLatticePid.FromCovariance(cov, new LatticeDims(1, widths));
        foreach (var (key, atom) in fromCovariance.AtomsByKey) Assert.Equal(atom, fromSamples[key], Tol);
        Assert.Equal(300, fromSamples.SampleCount);
    }

    [Fact]
    public void TwoSourceSamplesGiveTheBiasCorrectedAtomsOfGaussianPidMmi()
    {
        var (target, sources) = Draw(200, [2, 3], 52);
        var lattice = GaussianLatticePid.FromSamples(target, sources);
        var two = GaussianPid.FromSamples(target, sources[0], sources[1], new PidSampleOptions { Measure = PidMeasure.Mmi });
        Assert.Equal(two.Redundancy, lattice["{1}{2}"], Tol);
        Assert.Equal(two.UniqueX1, lattice["{1}"], Tol);
        Assert.Equal(two.UniqueX2, lattice["{2}"], Tol);
        Assert.Equal(two.Synergy, lattice["{12}"], Tol);
        Assert.EndsWith(", bias-corrected", lattice.Method);
    }

    [Fact]
    public void BadSamplesAreNamedByBlock()
    {
        var (target, sources) = Draw(100, [1, 2, 1], 53);
        Assert.Contains("row counts differ: target 100, X3 99",
            Assert.Throws<ArgumentException>(() => GaussianLatticePid.FromSamples(target, [sources[0], sources[1], Rows(sources[2], 99)])).Message);
        Assert.Contains("X1 and X3 are the same columns",
            Assert.Throws<ArgumentException>(() => GaussianLatticePid.FromSamples(target, [sources[0], sources[1], sources[0]])).Message);
        Assert.Contains("the target is inside X2",
            Assert.Throws<ArgumentException>(() => GaussianLatticePid.FromSamples(target, [sources[0], target, sources[2]])).Message);
        Assert.Contains("at least two sources", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianLatticePid.FromSamples(target, [sources[0]])).Message);
        Assert.Contains("need more samples than dimensions",
            Assert.Throws<ArgumentException>(() => GaussianLatticePid.FromSamples(Rows(target, 4), [Rows(sources[0], 4), Rows(sources[1], 4), Rows(sources[2], 4)])).Message);
        var constant = (double[,])sources[1].Clone();
        for (int i = 0; i < 100; i++) constant[i, 1] = 2;
        Assert.Contains("X2", Assert.Throws<ArgumentException>(() => GaussianLatticePid.FromSamples(target, [sources[0], constant, sources[2]])).Message);
    }

    static double[,] Rows(double[,] block, int n)
    {
        var result = new double[n, block.GetLength(1)];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < block.GetLength(1); j++) result[i, j] = block[i, j];
        return result;
    }

    static int[] DenseRange(int start, int count) => [.. Enumerable.Range(start, count)];
}
