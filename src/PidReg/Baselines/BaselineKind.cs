using PidReg.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>
/// A comparison model of <see cref="BaselineRegressor"/>: its registry name, which modalities it reads, and how its
/// network is built for any number of modalities. Each network's file declares its kind (<c>EarlyFusionNetwork.Kind</c>);
/// <see cref="All"/> is the list the model registry offers, so a new baseline is its network's file plus one line there.
/// </summary>
public sealed class BaselineKind
{
    /// <summary>Builds a network for modalities of the given widths (0 for one the model does not read) and outputs.</summary>
    internal delegate Module<IReadOnlyList<Tensor>, Tensor> Builder(IReadOnlyList<long> widths, long outputs, BaselineOptions options);

    readonly Builder build;
    readonly Action<int, BaselineOptions>? limit;

    BaselineKind(string name, int? modality, Builder build, Action<int, BaselineOptions>? limit)
    {
        Name = name;
        Modality = modality;
        this.build = build;
        this.limit = limit;
    }

    /// <summary>A model that fuses every modality (two or more); <paramref name="limit"/> may refuse a count or setting (naming the fix).</summary>
    internal static BaselineKind Fusion(string name, Builder build, Action<int, BaselineOptions>? limit = null) => new(name, null, build, limit);

    /// <summary>A model that reads modality <paramref name="modality"/> (0-based) alone.</summary>
    internal static BaselineKind Reading(int modality, string name, Builder build) => new(name, modality, build, null);

    /// <summary>The registry name ("early", "unimodal1", ...).</summary>
    public string Name { get; }

    /// <summary>The 0-based modality a unimodal model reads alone; null for a model that fuses them all.</summary>
    public int? Modality { get; }

    /// <summary>Modality 1 alone (<see cref="UnimodalNetwork"/>).</summary>
    public static BaselineKind Unimodal1 { get; } = Unimodal(1);

    /// <summary>Modality 2 alone (<see cref="UnimodalNetwork"/>).</summary>
    public static BaselineKind Unimodal2 { get; } = Unimodal(2);

    /// <summary>Every input concatenated into one encoder + predictor (<see cref="EarlyFusionNetwork"/>).</summary>
    public static BaselineKind EarlyFusion => EarlyFusionNetwork.Kind;

    /// <summary>One unimodal network per modality, predictions mixed by learned softmax weights (<see cref="LateFusionNetwork"/>).</summary>
    public static BaselineKind LateFusion => LateFusionNetwork.Kind;

    /// <summary>Tensor fusion, vec([z1, 1] ⊗ ... ⊗ [zM, 1]) (<see cref="TensorFusionNetwork"/>).</summary>
    public static BaselineKind TensorFusion => TensorFusionNetwork.Kind;

    /// <summary>Low-rank multimodal fusion (<see cref="LowRankFusionNetwork"/>).</summary>
    public static BaselineKind LowRankFusion => LowRankFusionNetwork.Kind;

    /// <summary>The baselines the model registry offers, in its order (a new baseline: one line here).</summary>
    /// <remarks>A getter, not a stored list: the networks' Kind fields are built by calls into this class, so a list
    /// stored while this class initialises could catch one of them still null.</remarks>
    public static IReadOnlyList<BaselineKind> All =>
    [
        Unimodal1,
        Unimodal2,
        EarlyFusionNetwork.Kind,
        LateFusionNetwork.Kind,
        TensorFusionNetwork.Kind,
        LowRankFusionNetwork.Kind,
    ];

    /// <summary>Modality <paramref name="k"/> (1-based) alone, "unimodalK": any modality of a data set with K or more.</summary>
    public static BaselineKind Unimodal(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return UnimodalNetwork.Kind(k - 1);
    }

    /// <summary>The kind called <paramref name="name"/>: one of <see cref="All"/>, or "unimodalK" for any K ≥ 1; null when there is none.</summary>
    public static BaselineKind? Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (All.FirstOrDefault(k => k.Name == name) is { } kind) return kind;
        if (!name.StartsWith(UnimodalNetwork.ModelNamePrefix, StringComparison.Ordinal)) return null;
        var digits = name[UnimodalNetwork.ModelNamePrefix.Length..];
        return digits.Length is > 0 and <= 3 && digits[0] != '0' && digits.All(char.IsAsciiDigit)
            ? Unimodal(int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Whether the model reads modality <paramref name="modality"/> (0-based).</summary>
    public bool Reads(int modality) => Modality is not { } only || only == modality;

    /// <summary>Throws naming the fix when the model cannot take the modalities of <paramref name="data"/> with <paramref name="options"/>.</summary>
    internal void CheckModalities(MultimodalDataset data, BaselineOptions options, string role)
    {
        int count = data.Modalities.Count;
        string names = string.Join(", ", data.Modalities.Select(m => m.Name));
        if (Modality is int k && k >= count)
            throw new ArgumentException(
                $"{Name}: the {role} dataset '{data.Name}' has {count} modalities ({names}); {Name} reads modality {k + 1}: use unimodal1 to unimodal{count}.");
        if (Modality is null && count < 2)
            throw new ArgumentException(
                $"{Name}: the {role} dataset '{data.Name}' has {count} modality ({names}); {Name} fuses two or more: give more modalities, or use unimodal1.");
        limit?.Invoke(count, options);
    }

    internal Module<IReadOnlyList<Tensor>, Tensor> Build(IReadOnlyList<long> widths, long outputs, BaselineOptions options) => build(widths, outputs, options);

    /// <inheritdoc />
    public override string ToString() => Name;
}
