using System.Text.Json.Nodes;
using PidReg.Diagnostics;

namespace PidReg.Cli.Commands;

/// <summary>
/// The JSON contract of the joint-normality diagnostic, one object under <see cref="Key"/> in the
/// output of `pidreg pid --data --json` and `pidreg fit --json`: these keys in this order, or only
/// <see cref="ErrorKey"/> when the tests could not run.
/// </summary>
internal static class NormalityJson
{
    /// <summary>Key of the object in the command's output.</summary>
    public const string Key = "normality";

    /// <summary>The one key of the object when the diagnostic could not be computed (e.g. a constant or collinear column).</summary>
    public const string ErrorKey = "error";

    /// <summary>Significance level of <c>rejectedAt05</c> (<see cref="MultivariateNormality.IsRejected"/>: corrected skewness, exact-moment kurtosis, Henze–Zirkler).</summary>
    const double Alpha = 0.05;

    /// <summary>Keys of the object, in order.</summary>
    public static readonly string[] Keys =
    [
        "samples", "dimensions", "mardiaSkewness", "mardiaSkewnessStatistic", "mardiaSkewnessDf", "mardiaSkewnessP",
        "mardiaSkewnessCorrectedP", "mardiaKurtosis", "mardiaKurtosisStatistic", "mardiaKurtosisP", "mardiaKurtosisCorrectedP", "henzeZirkler",
        "henzeZirklerP", "rejectedAt05",
    ];

    /// <summary>The object for a result, or for the reason there is none.</summary>
    public static JsonObject Node(MultivariateNormality? test, string? error)
    {
        if (test is null) return new JsonObject { [ErrorKey] = error ?? "not computed" };
        var m = test.Mardia;
        JsonNode?[] values =
        [
            test.Samples, test.Dimensions, m.Skewness, m.SkewnessStatistic, m.SkewnessDegreesOfFreedom, m.SkewnessPValue,
            m.CorrectedSkewnessPValue, m.Kurtosis, m.KurtosisStatistic, m.KurtosisPValue, m.CorrectedKurtosisPValue, test.HenzeZirkler.Statistic,
            test.HenzeZirkler.PValue, test.IsRejected(Alpha),
        ];
        var node = new JsonObject();
        for (int i = 0; i < Keys.Length; i++) node[Keys[i]] = values[i];
        return node;
    }
}
