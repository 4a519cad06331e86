using System.Globalization;

namespace PidReg.Plots;

/// <summary>Argument checks shared by the charts; every message names the argument and the offending position.</summary>
internal static class ChartInput
{
    public static void Finite(IReadOnlyList<double>? values, string name, string position = "index")
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0) throw new ArgumentException($"{name} is empty; a chart needs at least one value.", name);
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{name} has a non-finite value ({values[i]}) at {position} {i}."), name);
    }

    public static void Positive(IReadOnlyList<double> values, string name, string why)
    {
        Finite(values, name);
        for (int i = 0; i < values.Count; i++)
            if (values[i] <= 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{name} has a non-positive value ({values[i]}) at index {i}; {why}."), name);
    }

    public static void SameLength<TA, TB>(IReadOnlyList<TA> a, string nameA, IReadOnlyList<TB> b, string nameB)
    {
        if (a.Count != b.Count)
            throw new ArgumentException(
                $"{nameB} has {b.Count} values but {nameA} has {a.Count}; they must have the same length.", nameB);
    }

    public static void Labels(IReadOnlyList<string>? labels, string name)
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        if (labels.Count == 0) throw new ArgumentException($"{name} is empty.", name);
        for (int i = 0; i < labels.Count; i++)
            if (string.IsNullOrWhiteSpace(labels[i]))
                throw new ArgumentException($"{name} has a blank label at index {i}.", name);
        var duplicate = labels.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"{name} repeats the label '{duplicate.Key}'.", name);
    }

    public static void Intervals(IReadOnlyList<double> values, IReadOnlyList<double> lower, string lowerName,
        IReadOnlyList<double> upper, string upperName)
    {
        Finite(lower, lowerName);
        Finite(upper, upperName);
        SameLength(values, "values", lower, lowerName);
        SameLength(values, "values", upper, upperName);
        for (int i = 0; i < values.Count; i++)
            if (lower[i] > upper[i])
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{lowerName}[{i}] = {lower[i]} is above {upperName}[{i}] = {upper[i]}."), lowerName);
    }

    public static void FreezeEpoch(int? freezeEpoch, int epochs)
    {
        if (freezeEpoch is { } f && (f < 1 || f > epochs))
            throw new ArgumentOutOfRangeException(nameof(freezeEpoch), f,
                $"must be an epoch number in [1, {epochs}] (epochs are numbered from 1) or null when nothing froze");
    }
}
