using PidReg.Information;
using PidReg.Model;
using PidReg.Plots;
using PidReg.Training;
using Plotly.NET;

namespace PidReg.Tests.Plots;

/// <summary>
/// Every public chart factory of the kit, each called once on small hand-made inputs, written into one offline page
/// (<see cref="ChartHtml.Write"/>) and rendered once by headless Chromium for all the tests that share this fixture.
/// Each chart comes with what a reader must see: exact counts of bars with area, lines and markers, and the
/// labels of its category axes.
/// </summary>
public sealed class KitChartPage
{
    /// <summary>What one chart must draw.</summary>
    /// <param name="Factory">The factory's signature, as <see cref="Signature"/> writes it.</param>
    /// <param name="Chart">The chart it returned.</param>
    /// <param name="Bars">Bars with nonzero width and height.</param>
    /// <param name="Lines">Line paths through at least two points.</param>
    /// <param name="Markers">Marker points.</param>
    /// <param name="Categories">Category axes ("x", "x2", …) and their labels, in order; every other axis is numeric.</param>
    public sealed record Expected(string Factory, GenericChart Chart, int Bars, int Lines, int Markers,
        IReadOnlyDictionary<string, string[]> Categories);

    // Static fields initialise in textual order, so these come before Charts, which uses them.
    static readonly PidDiagnostics Diagnostics = new(0, 1, 0, true, 0, 0, 0.5);

    static readonly string[] DefaultAtomLabels = ["U1 (unique to X1)", "U2 (unique to X2)", "R (redundant)", "S (synergistic)"];

    /// <summary>The charts in page order.</summary>
    public static IReadOnlyList<Expected> Charts { get; } = Build();

    /// <summary>The DOM after plotly.js drew.</summary>
    public string Dom { get; }

    /// <summary>Requests the page made to the network (there should be none).</summary>
    public IReadOnlyList<string> Requests { get; }

    /// <summary>The rendered charts, in the order of <see cref="Charts"/>.</summary>
    public IReadOnlyList<ChartMarks.Chart> Rendered { get; }

    public KitChartPage()
    {
        var dir = Directory.CreateTempSubdirectory("pidreg-kit-charts-");
        try
        {
            var page = Path.Combine(dir.FullName, "charts.html");
            ChartHtml.Write(page, "Every chart of the kit", [.. Charts.Select(c => c.Chart)]);
            (Dom, Requests) = HeadlessChromium.Open(page);
            Rendered = ChartMarks.Read(Dom);
        }
        finally { dir.Delete(recursive: true); }
    }

    /// <summary>"Type.Method(ParamType, …)" with C# spellings, e.g. "PidCharts.Atoms(PidResult, string, string, string)".</summary>
    public static string Signature(System.Reflection.MethodInfo method) =>
        $"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => TypeName(p.ParameterType)))})";

    static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return TypeName(inner) + "?";
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[]";
        if (type.IsGenericType)
            return $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
        return type == typeof(int) ? "int" : type == typeof(double) ? "double" : type == typeof(string) ? "string"
            : type == typeof(bool) ? "bool" : type.Name;
    }

    static PidResult Pid(double u1, double u2, double r, double s, PidIntervals? intervals = null) =>
        new(u1, u2, r, s, u1 + r, u2 + r, u1 + u2 + r + s, "closed-form MMI", Diagnostics, intervals);

    static PidIntervals Intervals(double u1, double u2, double r, double s) =>
        new(new(u1 - 0.05, u1 + 0.05), new(u2 - 0.05, u2 + 0.05), new(r - 0.05, r + 0.05), new(s - 0.05, s + 0.05),
            new(0, 1), new(0, 1), new(0, 2), 0.95, 200);

    // Three stage-1 epochs with atoms, then two stage-2 epochs without (no Gaussianity term); frozen after epoch 3.
    internal static TrainingHistory History()
    {
        EpochReport Report(int epoch, PidAtoms? atoms, double gauss) => new(
            epoch, atoms is null ? 2 : 1, Mse: 1.0 / epoch, Cs: 0.1, Cmi: 0, Gaussianity: gauss, Total: 1.0 / epoch + 0.1 + gauss,
            ValidationMse: 1.2 / epoch, atoms, new FusionWeights(0.2 + 0.1 * epoch, 0.5 - 0.1 * epoch, 0.3),
            Lambda1: 1 - 0.01 * epoch, Lambda2: 1 - 0.1 * epoch, LearningRate: 1e-3, Seconds: 0.5);
        return new TrainingHistory(
        [
            Report(1, new PidAtoms(0.1, 0.2, 0.3, 0.4, 0.4, 0.5), 0.05),
            Report(2, new PidAtoms(0.2, 0.2, 0.3, 0.3, 0.5, 0.5), 0.04),
            Report(3, new PidAtoms(0.3, 0.1, 0.3, 0.2, 0.6, 0.4), 0.03),
            Report(4, null, 0),
            Report(5, null, 0),
        ], BestEpoch: 5, FrozenAtEpoch: 3, StoppedEarly: false);
    }

    static Dictionary<string, string[]> Numeric() => [];

    static Dictionary<string, string[]> Category(string axis, params string[] labels) => new() { [axis] = labels };

    static List<Expected> Build()
    {
        string[] models = ["PIDReg", "early fusion", "late fusion"];
        return
        [
            new("PidCharts.Atoms(PidResult, string, string, string)",
                PidCharts.Atoms(Pid(0.2, 0.05, 0.3, 0.1, Intervals(0.2, 0.05, 0.3, 0.1)), "image", "text"), Bars: 4, Lines: 0, Markers: 0,
                Category("x", "U1 (unique to image)", "U2 (unique to text)", "R (redundant)", "S (synergistic)")),
            new("PidCharts.Atoms(PidAtoms, string, string, string)",
                PidCharts.Atoms(new PidAtoms(0.1, 0.2, 0.3, 0.4, 0.4, 0.5)), Bars: 4, Lines: 0, Markers: 0, Category("x", DefaultAtomLabels)),
            // Labels that look like numbers must still be categories, not a linear axis from 2019 to 2020.
            new("PidCharts.AtomShares(IReadOnlyList<string>, IReadOnlyList<PidResult>, string, string, string)",
                PidCharts.AtomShares(["2019", "2020"], [Pid(1, 1, 1, 1), Pid(0.5, 0.2, 1.5, 0.3)]), Bars: 8, Lines: 0, Markers: 0,
                Category("x", "2019", "2020")),
            new("PidCharts.AtomShares(IReadOnlyList<string>, IReadOnlyList<PidAtoms>, string, string, string)",
                PidCharts.AtomShares(["seed 1", "seed 2", "seed 3"],
                    [new PidAtoms(3, 1, 1, 1, 4, 2), new PidAtoms(1, 1, 2, 1, 3, 3), new PidAtoms(1, 2, 1, 3, 2, 3)]),
                Bars: 12, Lines: 0, Markers: 0, Category("x", "seed 1", "seed 2", "seed 3")),
            // Three modalities: the two atoms under 0.005 bits are left out, three bars remain.
            new("PidCharts.LatticeAtoms(IReadOnlyDictionary<string, double>, IReadOnlyList<string>, double, string)",
                PidCharts.LatticeAtoms(new Dictionary<string, double> { ["{1}{2}{3}"] = 0.2, ["{1}{2}"] = 0.001, ["{1}"] = 0.15, ["{23}"] = 0.002, ["{123}"] = 0.3 },
                    ["thickness", "area", "subcortical"]),
                Bars: 3, Lines: 0, Markers: 0, Category("x", "{1}{2}{3}", "{1}", "{123}")),
            // Two modalities: the weaker modality's unique atom is 0 under MMI and is left out with the small atoms.
            new("PidCharts.LatticeAtoms(LatticePid, IReadOnlyList<string>, double, string)",
                PidCharts.LatticeAtoms(PidReg.Information.GaussianLatticePid.FromCovariance(
                    new double[,] { { 1, 0.5, 0.4 }, { 0.5, 1, 0.2 }, { 0.4, 0.2, 1 } }, new PidReg.Information.LatticeDims(1, [1, 1])), ["a", "b"]),
                Bars: 3, Lines: 0, Markers: 0, Category("x", "{1}{2}", "{1}", "{12}")),
            new("PidValidationCharts.EstimatedVsTrue(IReadOnlyList<PidResult>, IReadOnlyList<PidResult>, string)",
                PidValidationCharts.EstimatedVsTrue([Pid(0.5, 0, 0.2, 0.1), Pid(0, 0.4, 0.3, 0)],
                    [Pid(0.45, 0.02, 0.25, 0.12, Intervals(0.45, 0.02, 0.25, 0.12)), Pid(0.01, 0.38, 0.28, 0.05, Intervals(0.01, 0.38, 0.28, 0.05))]),
                Bars: 0, Lines: 1, Markers: 8, Numeric()),
            new("PidValidationCharts.BiasVsSampleSize(IReadOnlyList<int>, IReadOnlyList<double>, IReadOnlyList<double>, double, string, IReadOnlyList<double>, IReadOnlyList<double>)",
                PidValidationCharts.BiasVsSampleSize([100, 1000, 10000], [0.9, 0.55, 0.51], [0.48, 0.5, 0.5], truth: 0.5,
                    plugInSd: [0.1, 0.03, 0.01]),
                Bars: 0, Lines: 3, Markers: 6, Numeric()),
            new("PidValidationCharts.MahalanobisQq(IReadOnlyList<string>, IReadOnlyList<double[]>, int, string)",
                PidValidationCharts.MahalanobisQq(["Gaussian", "heavy tails"], [[0.5, 1.4, 2.8, 6.0], [0.2, 0.9, 3.5, 19.0, 40.0]], 2),
                Bars: 0, Lines: 1, Markers: 9, Numeric()),
            new("PredictionCharts.PredictedVsTrue(IReadOnlyList<double>, IReadOnlyList<double>, string, string, string)",
                PredictionCharts.PredictedVsTrue([1, 2, 3, 4], [1.5, 2, 2.5, 4.5], "age", "years"), Bars: 0, Lines: 1, Markers: 4, Numeric()),
            new("PredictionCharts.Residuals(IReadOnlyList<double>, IReadOnlyList<double>, string, string, string)",
                PredictionCharts.Residuals([10, 20, 30], [12, 18, 30], "Tc", "K"), Bars: 0, Lines: 1, Markers: 3, Numeric()),
            new("ComparisonCharts.Models(IReadOnlyList<string>, IReadOnlyList<MetricSummary>, string, int?)",
                ComparisonCharts.Models(models,
                [
                    new MetricSummary("RMSE", [10.4, 11.0, 12.1], [0.2, 0.3, 0.1], "K"),
                    new MetricSummary("R²", [0.91, 0.9, 0.88], [0.01, 0.01, 0.02]),
                ]),
                Bars: 6, Lines: 0, Markers: 0, new Dictionary<string, string[]> { ["x"] = models, ["x2"] = models }),
            new("ComparisonCharts.ModalitySelection(IReadOnlyList<string>, IReadOnlyList<double>, IReadOnlyList<double>, IReadOnlyList<double>, string, string, string)",
                ComparisonCharts.ModalitySelection(["fMRI", "sMRI"], [0.05, 0.6], [0.1, 2.5], [70, 30], "MAE", "years"),
                Bars: 2, Lines: 0, Markers: 2, Category("x2", "drop fMRI", "drop sMRI")),
            new("ExplanationCharts.Contributions(ModalityAttribution, string, string, string)",
                ExplanationCharts.Contributions(new PidReg.Training.ModalityAttribution(["thickness", "subcortical"], 0, 20.0, [21.5, 18.0, 20.0],
                    new double[,] { { 1.0, 0.5 }, { -1.5, -0.5 }, { 0.25, -0.25 } }), "age", "years"),
                Bars: 0, Lines: 0, Markers: 6, Category("x", "thickness", "subcortical")),
            new("ExplanationCharts.PathWeights(FusionPathWeights, string)",
                ExplanationCharts.PathWeights(PidReg.Model.FusionPathWeights.FromValues(["a", "b", "c"], [0.3, 0.2, 0.1, 0.2, 0.05, 0.05, 0.1])),
                Bars: 7, Lines: 0, Markers: 0, Category("x", "a", "b", "c", "a*b", "a*c", "b*c", "a*b*c")),
            new("TrainingCharts.Atoms(TrainingHistory, string, string, string)",
                TrainingCharts.Atoms(History()), Bars: 0, Lines: 4, Markers: 12, Numeric()),
            new("TrainingCharts.Atoms(IReadOnlyList<double>, IReadOnlyList<double>, IReadOnlyList<double>, IReadOnlyList<double>, int?, string, string, string)",
                TrainingCharts.Atoms([0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9], [1.0, 1.1, 1.2], freezeEpoch: 2),
                Bars: 0, Lines: 4, Markers: 12, Numeric()),
            new("TrainingCharts.FusionWeights(TrainingHistory, string, string, string)",
                TrainingCharts.FusionWeights(History(), "image", "text"), Bars: 0, Lines: 3, Markers: 15, Numeric()),
            new("TrainingCharts.FusionWeights(IReadOnlyList<double>, IReadOnlyList<double>, IReadOnlyList<double>, int?, string, string, string)",
                TrainingCharts.FusionWeights([0.2, 0.3, 0.4, 0.4], [0.5, 0.4, 0.3, 0.3], [0.3, 0.3, 0.3, 0.3], freezeEpoch: 3),
                Bars: 0, Lines: 3, Markers: 12, Numeric()),
            new("TrainingCharts.Lambdas(TrainingHistory, string, string, string)",
                TrainingCharts.Lambdas(History()), Bars: 0, Lines: 2, Markers: 10, Numeric()),
            new("TrainingCharts.Lambdas(IReadOnlyList<double>, IReadOnlyList<double>, int?, string, string, string)",
                TrainingCharts.Lambdas([0.99, 0.9, 0.8], [0.98, 0.7, 0.5], freezeEpoch: 2), Bars: 0, Lines: 2, Markers: 6, Numeric()),
            // On a log axis the Gaussianity term keeps only its 3 nonzero epochs: 4 × 5 + 3 markers.
            new("TrainingCharts.Losses(TrainingHistory, bool, string)",
                TrainingCharts.Losses(History(), logY: true), Bars: 0, Lines: 5, Markers: 23, Numeric()),
            new("TrainingCharts.Losses(IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>>, int?, bool, string)",
                TrainingCharts.Losses([new("MSE", [1.0, 0.5]), new("CS", [0.2, 0.1]), new("Gauss", [0.05, 0.04])], freezeEpoch: 2, logY: true),
                Bars: 0, Lines: 3, Markers: 6, Numeric()),
            new("TrainingCharts.Losses(IReadOnlyDictionary<string, double[]>, int?, bool, string)",
                TrainingCharts.Losses(new Dictionary<string, double[]> { ["MSE"] = [1.0, 0.5, 0.25], ["CS"] = [0.2, 0.1, 0.05] }),
                Bars: 0, Lines: 2, Markers: 6, Numeric()),
        ];
    }
}
