using System.Globalization;

namespace PidReg.Information;

/// <summary>
/// Block sizes of a covariance ordered [target, X1, X2, …, XM]: the target first, then one block per source. The
/// M-source counterpart of <see cref="PidDims"/>; two dims are equal when their sizes are.
/// </summary>
public sealed record LatticeDims
{
    readonly int[] _sources;

    /// <param name="target">Target dimensions m (range: m ≥ 1).</param>
    /// <param name="sources">Dimensions of each source, in covariance order (range: each ≥ 1; 2 ≤ M ≤ <see cref="RedundancyLattice.MaxSources"/>,
    /// checked by <see cref="Validate"/>).</param>
    public LatticeDims(int target, params IReadOnlyList<int> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        Target = target;
        _sources = [.. sources];
    }

    /// <summary>Target dimensions m.</summary>
    public int Target { get; }

    /// <summary>Dimensions of each source block, in covariance order.</summary>
    public IReadOnlyList<int> Sources => _sources;

    /// <summary>M, the number of sources.</summary>
    public int SourceCount => _sources.Length;

    /// <summary>m plus every source's dimensions: the side of the covariance these dims describe.</summary>
    public int Total => Target + _sources.Sum();

    /// <summary>The two-source dims, or an exception naming the source count.</summary>
    /// <exception cref="InvalidOperationException">Not exactly two sources.</exception>
    public PidDims ToPidDims() => SourceCount == 2
        ? new PidDims(Target, _sources[0], _sources[1])
        : throw new InvalidOperationException($"dims {this} have {SourceCount} sources; a two-source PidDims needs exactly 2");

    /// <summary>The same blocks as <paramref name="dims"/>.</summary>
    public static LatticeDims From(PidDims dims) => new(dims.Target, dims.X1, dims.X2);

    /// <summary>Parses "m,a,b[,c…]" (as on the command line), e.g. "1,64,64,16": target first, then one size per source.</summary>
    /// <exception cref="FormatException">Not at least three comma-separated integers.</exception>
    public static LatticeDims Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        bool ok = parts.Length >= 3;
        for (int i = 0; ok && i < parts.Length; i++)
            ok = int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]);
        if (!ok)
            throw new FormatException($"dims '{text}' must be comma-separated integers m,a,b[,c,…]: the target's dimensions, then one size per source (at least two), e.g. 1,64,64 or 1,8,8,8");
        return new LatticeDims(values[0], values[1..]);
    }

    /// <summary>
    /// Checks the target and every source are at least one dimension wide, 2 to <see cref="RedundancyLattice.MaxSources"/>
    /// sources, and the total at most <see cref="PidDims.MaxTotal"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The first problem found, naming the block.</exception>
    public void Validate()
    {
        if (Target < 1) throw new ArgumentOutOfRangeException(nameof(Target), Target, "target block must have at least 1 dimension");
        RedundancyLattice.CheckSourceCount(SourceCount, nameof(Sources));
        for (int i = 0; i < SourceCount; i++)
            if (_sources[i] < 1)
                throw new ArgumentOutOfRangeException(nameof(Sources), _sources[i], $"X{i + 1} block must have at least 1 dimension");
        long total = Target + _sources.Sum(s => (long)s);
        if (total > PidDims.MaxTotal)
            throw new ArgumentOutOfRangeException(nameof(Total), total,
                string.Create(CultureInfo.InvariantCulture, $"dims {this}: {SumText} = {total}, more than the {PidDims.MaxTotal} dimensions a covariance may have here (its {PidDims.MaxTotal}×{PidDims.MaxTotal} doubles are 3.2 GB)"));
    }

    /// <summary>The blocks as the sum messages name them: "m + a + b" for two sources, "m + a + b + c" for three, and so on.</summary>
    internal string SumText => string.Join(" + ", new[] { "m" }.Concat(Enumerable.Range(0, SourceCount).Select(i => ((char)('a' + i)).ToString())));

    /// <summary>Indices of source <paramref name="source"/> (0-based) in the covariance.</summary>
    internal int[] SourceIndices(int source) => DenseKernels.Range(Target + _sources.Take(source).Sum(), _sources[source]);

    /// <summary>Column <paramref name="i"/> of [target, X1, …, XM] as error messages name it ("X2 column 3").</summary>
    internal string ColumnLabel(int i)
    {
        if (i < Target) return $"target column {i}";
        int offset = Target;
        for (int k = 0; k < SourceCount; k++)
        {
            if (i < offset + _sources[k]) return $"X{k + 1} column {i - offset}";
            offset += _sources[k];
        }
        return $"column {i}";
    }

    /// <inheritdoc/>
    public bool Equals(LatticeDims? other) => other is not null && Target == other.Target && _sources.AsSpan().SequenceEqual(other._sources);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Target);
        foreach (var s in _sources) hash.Add(s);
        return hash.ToHashCode();
    }

    /// <summary>"m,a,b[,c…]", the same text <see cref="Parse"/> reads.</summary>
    public override string ToString() => string.Join(",", new[] { Target }.Concat(_sources).Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
