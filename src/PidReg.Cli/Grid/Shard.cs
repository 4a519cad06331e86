using System.Globalization;

namespace PidReg.Cli.Grid;

/// <summary>
/// One share of a grid's runs, spelled K/N (1-based): run i (canonical order, 0-based) belongs to share i mod N + 1.
/// Round-robin rather than blocks, because the grid lists all seeds of a model together and models differ in cost: every
/// share then gets a similar mix.
/// </summary>
/// <param name="Number">K, from 1 to <paramref name="Count"/>.</param>
/// <param name="Count">N ≥ 1.</param>
internal sealed record Shard(int Number, int Count)
{
    /// <summary>The whole grid (1/1).</summary>
    public static Shard All { get; } = new(1, 1);

    /// <summary>Parses "K/N"; the message names <paramref name="flag"/>, the rule and an example.</summary>
    public static Shard Parse(string text, string flag)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && k >= 1 && k <= n)
            return new Shard(k, n);
        throw new ArgumentException($"{flag} '{text}': expected K/N with 1 ≤ K ≤ N, e.g. {flag} 2/4 for the second of four shares.");
    }

    /// <summary>The members of <paramref name="items"/> (in order) that fall in this share.</summary>
    public IReadOnlyList<T> Of<T>(IReadOnlyList<T> items) => items.Where((_, i) => i % Count == Number - 1).ToArray();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number}/{Count}");
}
