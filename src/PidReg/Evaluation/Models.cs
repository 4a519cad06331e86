using PidReg.Baselines;
using PidReg.Training;

namespace PidReg.Evaluation;

/// <summary>
/// The model registry: every comparison model by name. PIDReg ablations are presets of <see cref="PidRegOptions"/>;
/// the baselines are <see cref="BaselineKind.All"/> (plus "unimodalK" for any modality K), taking the same shared
/// settings (<see cref="BaselineOptions.From"/>), so one configuration drives a whole comparison table.
/// </summary>
public static class Models
{
    static readonly Dictionary<string, Func<PidRegOptions, IMultimodalRegressor>> PidRegPresets = new(StringComparer.Ordinal)
    {
        [ModelNames.PidReg] = o => new PidRegRegressor(o),
        [ModelNames.PidRegEqualWeights] = o => new PidRegRegressor(o with { UsePidWeights = false }),
        [ModelNames.PidRegNoSynergy] = o => new PidRegRegressor(o with { SynergyRouting = PidReg.Model.SynergyRouting.Product, UseSynergyFeature = false }),
        [ModelNames.PidRegNoBottleneck] = o => new PidRegRegressor(o with { UseBottleneck = false }),
        [ModelNames.PidRegNoGauss] = o => new PidRegRegressor(o with { UseGaussianityLoss = false }),
        [ModelNames.PidRegCs] = o => new PidRegRegressor(o with { UseCsLoss = true }),
        [ModelNames.PidRegNoCmi] = o => new PidRegRegressor(o with { UseCmiLoss = false }),
        [ModelNames.PidRegPlugIn] = o => new PidRegRegressor(o with { PidEstimate = PidReg.Information.PidEstimate.PlugIn }),
        [ModelNames.PidRegCoinFlip] = o => new PidRegRegressor(o with { RedundancyAssignment = PidReg.Model.RedundancyAssignment.CoinFlip }),
        [ModelNames.PidRegProductSynergy] = o => new PidRegRegressor(o with { SynergyRouting = PidReg.Model.SynergyRouting.Product }),
        [ModelNames.PidRegModalitySynergy] = o => new PidRegRegressor(o with { SynergyRouting = PidReg.Model.SynergyRouting.Modalities }),
        [ModelNames.PidRegAlwaysProduct] = o => new PidRegRegressor(o with { SynergyRouting = PidReg.Model.SynergyRouting.ModalitiesAndProduct }),
        [ModelNames.PidRegSum] = o => new PidRegRegressor(o with { FusionLayout = PidReg.Model.FusionLayout.Sum }),
        [ModelNames.PidRegReference] = o => new PidRegRegressor(PidRegOptions.ReferenceConfiguration(o)),
    };

    // Declared after the presets: static fields initialise in order.
    static readonly Dictionary<string, Func<PidRegOptions, IMultimodalRegressor>> Registry = new(PidRegPresets.Concat(BaselineKind.All.Select(Baseline)), StringComparer.Ordinal);

    static KeyValuePair<string, Func<PidRegOptions, IMultimodalRegressor>> Baseline(BaselineKind kind) =>
        new(kind.Name, o => new BaselineRegressor(kind, BaselineOptions.From(o)));

    /// <summary>All valid names: PIDReg, its ablations, then the baselines ("unimodalK" is valid for every K, these list K = 1, 2).</summary>
    public static IReadOnlyList<string> Names { get; } = Registry.Keys.ToArray();

    /// <summary>
    /// An unfitted model by name. <paramref name="options"/> (default: the paper's settings) sets capacity, training and
    /// seed for every model; an ablation switches one field of it. Unknown names throw, listing the valid ones.
    /// </summary>
    public static IMultimodalRegressor Create(string name, PidRegOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var create = Find(name) ?? throw new ArgumentException($"unknown model '{name}'; valid names: {ValidNames}.", nameof(name));
        return create((options ?? new PidRegOptions()).Validate());
    }

    /// <summary>Whether <paramref name="name"/> names a model (a registry name, or "unimodalK").</summary>
    public static bool IsKnown(string name) => Find(name ?? throw new ArgumentNullException(nameof(name))) is not null;

    /// <summary>
    /// Whether <paramref name="name"/> is PIDReg or one of its ablations: on the same data these train several times
    /// slower than a baseline (the batch PID and the regularisers at every step), which is what a scheduler needs to know.
    /// </summary>
    public static bool IsPidReg(string name) => PidRegPresets.ContainsKey(name ?? throw new ArgumentNullException(nameof(name)));

    /// <summary>The valid names for messages and help: the registry's, and the "unimodalK" pattern.</summary>
    public static string ValidNames => string.Join(", ", Names) + $" (and {UnimodalNetwork.ModelNamePrefix}K for modality K of any data set)";

    static Func<PidRegOptions, IMultimodalRegressor>? Find(string name) =>
        Registry.TryGetValue(name, out var create) ? create
        : BaselineKind.Named(name) is { } kind ? Baseline(kind).Value
        : null;

    /// <summary>Splits a comma-separated list ("pidreg,early, tfn") and checks every name; duplicates and empty lists are errors.</summary>
    public static IReadOnlyList<string> ParseList(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
            throw new ArgumentException($"no model names given; valid names: {ValidNames}.");
        foreach (var name in names)
            if (Find(name) is null)
                throw new ArgumentException($"unknown model '{name}'; valid names: {ValidNames}.");
        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"model '{duplicate.Key}' is listed twice.");
        return names;
    }
}
