using System.Globalization;

namespace PidReg.Information;

/// <summary>
/// Block sizes of a PID covariance, ordered [target, X1, X2].
/// </summary>
/// <param name="Target">Number of target dimensions m (range: m ≥ 1).</param>
/// <param name="X1">Dimensions of the first modality a (range: a ≥ 1).</param>
/// <param name="X2">Dimensions of the second modality b (range: b ≥ 1).</param>
public readonly record struct PidDims(int Target, int X1, int X2)
{
    /// <summary>m + a + b: the side of the covariance these dims describe.</summary>
    public int Total => Target + X1 + X2;

    /// <summary>Parses "m,a,b" (as on the command line), e.g. "1,64,64".</summary>
    /// <exception cref="FormatException">Not three comma-separated integers.</exception>
    public static PidDims Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)
            || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var b))
            throw new FormatException($"dims '{text}' must be three comma-separated integers m,a,b (target, X1, X2), e.g. 1,64,64");
        return new PidDims(m, a, b);
    }

    /// <summary>
    /// Largest m + a + b: a 20000 × 20000 covariance is 3.2 GB of doubles, beyond any data set of the kit; a larger
    /// sum (or one past int, 1,1,2147483647) would be an allocation failure or an overflow, not a result.
    /// </summary>
    public const int MaxTotal = 20_000;

    /// <summary>Checks every block is at least one dimension wide and the sum at most <see cref="MaxTotal"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A block size below 1, naming the block, or a sum past the limit.</exception>
    public void Validate()
    {
        if (Target < 1) throw new ArgumentOutOfRangeException(nameof(Target), Target, "target block must have at least 1 dimension");
        if (X1 < 1) throw new ArgumentOutOfRangeException(nameof(X1), X1, "X1 block must have at least 1 dimension");
        if (X2 < 1) throw new ArgumentOutOfRangeException(nameof(X2), X2, "X2 block must have at least 1 dimension");
        long total = (long)Target + X1 + X2;
        if (total > MaxTotal)
            throw new ArgumentOutOfRangeException(nameof(Total), total,
                string.Create(CultureInfo.InvariantCulture, $"dims {this}: m + a + b = {total}, more than the {MaxTotal} dimensions a covariance may have here (its {MaxTotal}×{MaxTotal} doubles are 3.2 GB)"));
    }

    /// <summary>"m,a,b", the same text <see cref="Parse"/> reads.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Target},{X1},{X2}");
}
