using MathNet.Numerics.LinearAlgebra;

namespace PidReg.Tests.Information;

/// <summary>
/// An MMI lattice PID written from the definitions alone, sharing no code with the library: every collection of
/// non-empty source sets is tried and kept when no set contains another; the order is "every set of β contains a set
/// of α"; I(T; X_A) comes from MathNet determinants of the covariance; the atoms solve the linear system
/// I∩(α) = Σ_{β ≤ α} Π(β) by LU. Exponential in 2^M, so for up to four sources (2^15 collections).
/// </summary>
internal sealed class BruteForceLattice
{
    public required IReadOnlyList<int[][]> Antichains { get; init; }
    public required Dictionary<string, double> Atoms { get; init; }
    public required Dictionary<string, double> Redundancy { get; init; }
    public required Dictionary<string, double> SetInformation { get; init; }

    public static BruteForceLattice Compute(double[,] covariance, int target, int[] sources)
    {
        var sets = NonEmptySubsets(sources.Length);
        var antichains = AllAntichains(sources.Length);
        var information = sets.ToDictionary(SetKey, s => Information(covariance, target, sources, s));
        var redundancy = antichains.Select(a => a.Min(s => information[SetKey(s)])).ToArray();
        int n = antichains.Count;
        var z = Matrix<double>.Build.Dense(n, n, (i, j) => IsAtOrBelow(antichains[j], antichains[i]) ? 1 : 0);
        var atoms = z.Solve(Vector<double>.Build.DenseOfArray(redundancy));
        return new BruteForceLattice
        {
            Antichains = antichains,
            Atoms = antichains.Select((a, i) => (Key(a), atoms[i])).ToDictionary(p => p.Item1, p => p.Item2),
            Redundancy = antichains.Select((a, i) => (Key(a), redundancy[i])).ToDictionary(p => p.Item1, p => p.Item2),
            SetInformation = information,
        };
    }

    /// <summary>Every collection of non-empty subsets of 1…<paramref name="count"/> in which no set contains another.</summary>
    public static List<int[][]> AllAntichains(int count)
    {
        var sets = NonEmptySubsets(count);
        var antichains = new List<int[][]>();
        for (long pick = 1; pick < 1L << sets.Count; pick++)
        {
            var chosen = sets.Where((_, i) => (pick >> i & 1) == 1).ToArray();
            if (chosen.All(a => chosen.All(b => ReferenceEquals(a, b) || !IsSubset(a, b)))) antichains.Add(chosen);
        }
        return antichains;
    }

    /// <summary>α ≤ β when every set of β contains a set of α.</summary>
    public static bool IsAtOrBelow(int[][] alpha, int[][] beta) => beta.All(b => alpha.Any(a => IsSubset(a, b)));

    /// <summary>"{1}{23}": sets by size, then lexicographically; 1-based sources.</summary>
    public static string Key(IEnumerable<int[]> antichain) =>
        string.Concat(antichain.OrderBy(s => s.Length).ThenBy(SetKey, StringComparer.Ordinal).Select(s => "{" + SetKey(s) + "}"));

    /// <summary>The ascending source indices of a set as one string ("23"), which orders equal-sized sets lexicographically.</summary>
    public static string SetKey(int[] set) => string.Concat(set.Order());

    static List<int[]> NonEmptySubsets(int count)
    {
        var result = new List<int[]> { Array.Empty<int>() };
        for (int source = 1; source <= count; source++)
            result.AddRange(result.Select(s => s.Append(source).ToArray()).ToList());
        return result.Where(s => s.Length > 0).ToList();
    }

    static bool IsSubset(int[] a, int[] b) => a.All(b.Contains);

    /// <summary>I(T; X_A) = ½ log2(det Σ_T det Σ_A / det Σ_TA) in bits.</summary>
    static double Information(double[,] covariance, int target, int[] sources, int[] set)
    {
        var t = Enumerable.Range(0, target).ToArray();
        var x = set.SelectMany(s => Enumerable.Range(target + sources.Take(s - 1).Sum(), sources[s - 1])).ToArray();
        double LogDet(int[] index) => Matrix<double>.Build.Dense(index.Length, index.Length, (i, j) => covariance[index[i], index[j]]).Cholesky().DeterminantLn;
        return 0.5 * (LogDet(t) + LogDet(x) - LogDet([.. t, .. x])) / Math.Log(2);
    }
}
