namespace PidReg.Information;

/// <summary>
/// Mutual information of jointly Gaussian variables from their covariance, in bits:
/// I(A; B) = ½ log2(det Σ_A det Σ_B / det Σ_AB). Log-determinants come from Cholesky factors of the correlation
/// matrix; a ridge is added only when a factor does not exist (see <see cref="PidDiagnostics.Ridge"/> for the PID path).
/// </summary>
public static class GaussianInformation
{
    const double Ln2 = 0.6931471805599453;

    /// <summary>I(A; B) in bits for the variables (rows/columns of <paramref name="covariance"/>) in <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <param name="covariance">Symmetric positive (semi)definite covariance; finite; no zero variances.</param>
    /// <param name="a">Indices of A: non-empty, in range, disjoint from B.</param>
    /// <param name="b">Indices of B.</param>
    /// <exception cref="ArgumentException">A bad covariance or index set; the message names the problem.</exception>
    public static double MutualInformation(double[,] covariance, int[] a, int[] b) =>
        ConditionalMutualInformation(covariance, a, b, []);

    /// <summary>I(A; B | C) in bits = ½ log2(det Σ_AC det Σ_BC / (det Σ_C det Σ_ABC)).</summary>
    /// <param name="covariance">Symmetric positive (semi)definite covariance; finite; no zero variances.</param>
    /// <param name="a">Indices of A: non-empty.</param>
    /// <param name="b">Indices of B: non-empty.</param>
    /// <param name="given">Indices of C (may be empty). A, B and C must be disjoint.</param>
    /// <exception cref="ArgumentException">A bad covariance or index set; the message names the problem.</exception>
    public static double ConditionalMutualInformation(double[,] covariance, int[] a, int[] b, int[] given)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(given);
        var corr = CorrelationMatrix.FromCovariance(covariance, nameof(covariance), i => $"variable {i}");
        int n = corr.Size;
        if (a.Length == 0) throw new ArgumentException("index set A is empty", nameof(a));
        if (b.Length == 0) throw new ArgumentException("index set B is empty", nameof(b));
        var seen = new HashSet<int>();
        foreach (var (set, name) in new[] { (a, nameof(a)), (b, nameof(b)), (given, nameof(given)) })
            foreach (var i in set)
            {
                if (i < 0 || i >= n) throw new ArgumentOutOfRangeException(name, i, $"index out of range for a {n}×{n} covariance");
                if (!seen.Add(i)) throw new ArgumentException($"index {i} appears twice; A, B and the conditioning set must be disjoint", name);
            }
        double result = double.NaN;
        corr.EnsureFactorisable(v => !double.IsNaN(result = ConditionalBits(v, n, a, b, given)), nameof(covariance));
        // Exact information is non-negative; rounding can leave -1e-16.
        return Math.Max(result, 0);
    }

    /// <summary>
    /// I(A; B | C) in bits on an already validated row-major n×n correlation matrix, unclipped; NaN when a Cholesky
    /// factor does not exist (the caller ridges and retries). The one place the Gaussian information rule is written,
    /// so that the public entry points and the redundancy lattice cannot drift apart.
    /// </summary>
    internal static double ConditionalBits(double[] v, int n, int[] a, int[] b, int[] given)
    {
        int[] ac = [.. a, .. given], bc = [.. b, .. given], abc = [.. a, .. b, .. given];
        double ldAc = LogDet(v, n, ac), ldBc = LogDet(v, n, bc), ldC = given.Length == 0 ? 0 : LogDet(v, n, given), ldAbc = LogDet(v, n, abc);
        return 0.5 * (ldAc + ldBc - ldC - ldAbc) / Ln2;
    }

    static double LogDet(double[] v, int n, int[] index) => DenseKernels.LogDetInPlace(DenseKernels.Submatrix(v, n, index), index.Length);
}
