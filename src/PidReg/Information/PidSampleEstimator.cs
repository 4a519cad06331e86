using System.Globalization;

namespace PidReg.Information;

/// <summary>The sample path of <see cref="GaussianPid.FromSamples"/>: checks, transform, covariance, bootstrap.</summary>
internal static class PidSampleEstimator
{
    /// <summary>The row count of three sample blocks (target, X1, X2), after checking they are present and align.</summary>
    public static int CheckAligned(double[,] target, double[,] x1, double[,] x2)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(x1);
        ArgumentNullException.ThrowIfNull(x2);
        int n = target.GetLength(0);
        if (x1.GetLength(0) != n || x2.GetLength(0) != n)
            throw new ArgumentException($"row counts differ: target {n}, X1 {x1.GetLength(0)}, X2 {x2.GetLength(0)}; rows are samples and must align");
        return n;
    }

    public static PidResult Estimate(double[,] target, double[,] x1, double[,] x2, PidSampleOptions options)
    {
        int n = CheckAligned(target, x1, x2);
        var dims = new PidDims(target.GetLength(1), x1.GetLength(1), x2.GetLength(1));
        if (dims.Target < 1) throw new ArgumentException("target has no columns", nameof(target));
        if (dims.X1 < 1) throw new ArgumentException("X1 has no columns", nameof(x1));
        if (dims.X2 < 1) throw new ArgumentException("X2 has no columns", nameof(x2));
        if (n <= dims.Total)
            throw new ArgumentException($"{n} rows but m + a + b = {dims.Total} dimensions: need more samples than dimensions (reduce dimensions or add rows)");
        // The shared input checks (finite, not too large to standardise, no constant column), then overlap: a target
        // column repeated inside X1 or X2, or X1 equal to X2, gives a confident but meaningless decomposition.
        PidReg.Data.InputValidation.CheckMatrix(target, "target", eachColumnNonConstant: true);
        PidReg.Data.InputValidation.CheckMatrix(x1, "X1", eachColumnNonConstant: true);
        PidReg.Data.InputValidation.CheckMatrix(x2, "X2", eachColumnNonConstant: true);
        CheckNoOverlap(target, [(x1, "X1"), (x2, "X2")]);

        var rows = Enumerable.Range(0, n).ToArray();
        var result = EstimateRows(target, x1, x2, dims, rows, options, throwOnConstant: true)!;
        if (options.BootstrapReplicates == 0) return result;
        return result with { Intervals = Bootstrap(target, x1, x2, dims, options) };
    }

    /// <summary>The PID of the given rows (with repeats, for the bootstrap); null for a resample with a constant column.</summary>
    static PidResult? EstimateRows(double[,] target, double[,] x1, double[,] x2, PidDims dims, int[] rows, PidSampleOptions options, bool throwOnConstant)
    {
        var z = Standardise(target, x1, x2, dims, rows, options.TargetTransform, throwOnConstant);
        if (z is null) return null;
        return GaussianPid.Compute(Covariance(z, rows.Length, dims.Total), dims, rows.Length, options.Estimate,
            new GaussianPid.MeasureSettings(options.Measure, options.MonteCarloDraws, options.Seed));
    }

    /// <summary>
    /// The rows as a row-major n × p matrix [target, X1, X2], each target column transformed, every column standardised
    /// (sample sd, n − 1); null for a constant column unless <paramref name="throwOnConstant"/>.
    /// </summary>
    internal static double[]? Standardise(double[,] target, double[,] x1, double[,] x2, PidDims dims, int[] rows, TargetTransform transform, bool throwOnConstant) =>
        Standardise(target, [(x1, "X1"), (x2, "X2")], dims.Total, rows, transform, throwOnConstant);

    /// <summary>
    /// <see cref="Standardise(double[,], double[,], double[,], PidDims, int[], TargetTransform, bool)"/> for any number of
    /// named source blocks: the columns of [target, sources…], <paramref name="p"/> in all.
    /// </summary>
    internal static double[]? Standardise(double[,] target, IReadOnlyList<(double[,] Block, string Name)> sources, int p, int[] rows,
        TargetTransform transform, bool throwOnConstant)
    {
        int n = rows.Length;
        var z = new double[n * p];
        int col = 0;
        foreach (var (block, name, isTarget) in sources.Select(s => (s.Block, s.Name, false)).Prepend((target, "target", true)))
        {
            for (int j = 0; j < block.GetLength(1); j++, col++)
            {
                var column = new double[n];
                for (int i = 0; i < n; i++) column[i] = block[rows[i], j];
                if (isTarget && transform == TargetTransform.InverseNormal) column = InverseNormalTransform.Apply(column);
                else if (isTarget && transform == TargetTransform.ReferenceBlend) column = InverseNormalTransform.ApplyBlended(column);
                double mean = column.Average(), ss = 0;
                foreach (var v in column) ss += (v - mean) * (v - mean);
                double sd = Math.Sqrt(ss / (n - 1));
                if (!(sd > 1e-12 * Math.Max(1, Math.Abs(mean))))
                {
                    if (throwOnConstant)
                        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} column {j} is constant (value {column[0]}); it carries no information: drop it"), name == "target" ? "target" : name.ToLowerInvariant());
                    return null;
                }
                for (int i = 0; i < n; i++) z[i * p + col] = (column[i] - mean) / sd;
            }
        }
        return z;
    }

    /// <summary>The sample covariance (n − 1) of the row-major n × p matrix of centred columns <paramref name="z"/>.</summary>
    internal static double[,] Covariance(double[] z, int n, int p)
    {
        var cov = new double[p, p];
        var colBuf = new double[p][];
        for (int c = 0; c < p; c++)
        {
            colBuf[c] = new double[n];
            for (int i = 0; i < n; i++) colBuf[c][i] = z[i * p + c];
        }
        for (int a = 0; a < p; a++)
            for (int b = 0; b <= a; b++)
                cov[a, b] = cov[b, a] = DenseKernels.Dot(colBuf[a], colBuf[b]) / (n - 1);
        return cov;
    }

    static PidIntervals Bootstrap(double[,] target, double[,] x1, double[,] x2, PidDims dims, PidSampleOptions options)
    {
        int n = target.GetLength(0), reps = options.BootstrapReplicates;
        var results = new PidResult?[reps];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        // Replicate r owns its generator, seeded from (Seed, r) alone: the draws do not depend on which thread runs it.
        Parallel.For(0, reps, parallel, r =>
        {
            var rng = new Random(ReplicateSeed(options.Seed, r));
            var rows = new int[n];
            for (int i = 0; i < n; i++) rows[i] = rng.Next(n);
            results[r] = EstimateRows(target, x1, x2, dims, rows, options, throwOnConstant: false);
        });
        var ok = results.Where(x => x is not null).Select(x => x!).ToArray();
        if (ok.Length < 2)
            throw new ArgumentException("bootstrap failed: almost every resample had a constant column (too few distinct values)");
        double level = options.ConfidenceLevel;
        PidInterval Of(Func<PidResult, double> atom)
        {
            var v = ok.Select(atom).ToArray();
            Array.Sort(v);
            return new PidInterval(Quantiles.Linear(v, (1 - level) / 2), Quantiles.Linear(v, (1 + level) / 2));
        }
        return new PidIntervals(Of(x => x.UniqueX1), Of(x => x.UniqueX2), Of(x => x.Redundancy), Of(x => x.Synergy),
            Of(x => x.MiX1), Of(x => x.MiX2), Of(x => x.MiJoint), level, ok.Length);
    }

    /// <summary>SplitMix64 of (seed, replicate): well-separated seeds for neighbouring replicates.</summary>
    internal static int ReplicateSeed(int seed, int replicate)
    {
        ulong x = unchecked((ulong)(uint)seed << 32 | (uint)replicate);
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (int)(x & 0x7FFFFFFF);
    }

    /// <summary>
    /// Refuses two sources with the same columns (pure redundancy by construction) and a target column repeated inside a
    /// source (unbounded information), naming the blocks.
    /// </summary>
    internal static void CheckNoOverlap(double[,] target, IReadOnlyList<(double[,] Block, string Name)> sources)
    {
        for (int a = 0; a < sources.Count; a++)
            for (int b = a + 1; b < sources.Count; b++)
                if (SameColumns(sources[a].Block, sources[b].Block))
                    throw new ArgumentException($"{sources[a].Name} and {sources[b].Name} are the same columns: the PID would report pure redundancy; give the modalities different columns");
        foreach (var (block, name) in sources)
            for (int t = 0; t < target.GetLength(1); t++)
                for (int j = 0; j < block.GetLength(1); j++)
                    if (SameColumn(target, t, block, j))
                        throw new ArgumentException($"target column {t} equals {name} column {j}: the target is inside {name}, so I(T; {name}) would be unbounded; remove it from {name}");
    }

    static bool SameColumns(double[,] a, double[,] b)
    {
        if (a.GetLength(1) != b.GetLength(1)) return false;
        for (int j = 0; j < a.GetLength(1); j++)
            if (!SameColumn(a, j, b, j)) return false;
        return true;
    }

    static bool SameColumn(double[,] a, int ja, double[,] b, int jb)
    {
        for (int i = 0; i < a.GetLength(0); i++)
            if (a[i, ja] != b[i, jb]) return false;
        return true;
    }
}
