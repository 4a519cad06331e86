using PidReg.Baselines;
using PidReg.Training;

namespace PidReg.Evaluation;

/// <summary>
/// The model registry: every comparison model by name. PIDReg ablations are presets of <see cref="PidRegOptions"/>, and
/// baselines take the same capacity and training settings (<see cref="BaselineOptions.From"/>), so one configuration
/// drives a whole comparison table.
/// </summary>
public static class Models
{
    static readonly Dictionary<string, Func<PidRegOptions, IMultimodalRegressor>> Registry = new(StringComparer.Ordinal)
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
        [ModelNames.PidRegSum] = o => new PidRegRegressor(o with { FusionLayout = PidReg.Model.FusionLayout.Sum }),
        [ModelNames.PidRegReference] = o => new PidRegRegressor(PidRegOptions.ReferenceConfiguration(o)),
        [ModelNames.Unimodal1] = o => new BaselineRegressor(BaselineKind.Unimodal1, BaselineOptions.From(o)),
        [ModelNames.Unimodal2] = o => new BaselineRegressor(BaselineKind.Unimodal2, BaselineOptions.From(o)),
        [ModelNames.Early] = o => new BaselineRegressor(BaselineKind.EarlyFusion, BaselineOptions.From(o)),
        [ModelNames.Late] = o => new BaselineRegressor(BaselineKind.LateFusion, BaselineOptions.From(o)),
        [ModelNames.Tfn] = o => new BaselineRegressor(BaselineKind.TensorFusion, BaselineOptions.From(o)),
        [ModelNames.Lmf] = o => new BaselineRegressor(BaselineKind.LowRankFusion, BaselineOptions.From(o)),
    };

    /// <summary>All valid names: PIDReg, its ablations, then the baselines.</summary>
    public static IReadOnlyList<string> Names { get; } = Registry.Keys.ToArray();

    /// <summary>
    /// An unfitted model by name. <paramref name="options"/> (default: the paper's settings) sets capacity, training and
    /// seed for every model; an ablation switches one field of it. Unknown names throw, listing the valid ones.
    /// </summary>
    public static IMultimodalRegressor Create(string name, PidRegOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Registry.TryGetValue(name, out var create))
            throw new ArgumentException($"unknown model '{name}'; valid names: {string.Join(", ", Names)}.", nameof(name));
        return create((options ?? new PidRegOptions()).Validate());
    }

    /// <summary>Splits a comma-separated list ("pidreg,early, tfn") and checks every name; duplicates and empty lists are errors.</summary>
    public static IReadOnlyList<string> ParseList(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
            throw new ArgumentException($"no model names given; valid names: {string.Join(", ", Names)}.");
        foreach (var name in names)
            if (!Registry.ContainsKey(name))
                throw new ArgumentException($"unknown model '{name}'; valid names: {string.Join(", ", Names)}.");
        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"model '{duplicate.Key}' is listed twice.");
        return names;
    }
}
