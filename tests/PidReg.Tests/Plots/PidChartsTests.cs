using PidReg.Information;
using PidReg.Model;
using PidReg.Plots;

namespace PidReg.Tests.Plots;

public class PidChartsTests
{
    static readonly PidDiagnostics Diagnostics = new(0, 1, 0, true, 0, 0, 0.5);

    internal static PidResult Pid(double u1, double u2, double r, double s, PidIntervals? intervals = null) =>
        new(u1, u2, r, s, u1 + r, u2 + r, u1 + u2 + r + s, "closed-form MMI", Diagnostics, intervals);

    static PidIntervals Intervals(params (double Lower, double Upper)[] atoms) =>
        new(new(atoms[0].Lower, atoms[0].Upper), new(atoms[1].Lower, atoms[1].Upper), new(atoms[2].Lower, atoms[2].Upper),
            new(atoms[3].Lower, atoms[3].Upper), new(0, 1), new(0, 1), new(0, 2), 0.95, 200);

    [Fact]
    public void AtomBarsShowTheFourAtomsInOrderWithTheirFixedColours()
    {
        var json = new ChartJson(PidCharts.Atoms(Pid(0.2, 0.05, 0.3, 0.1), "image", "text"));

        var bars = Assert.Single(json.Traces);
        Assert.Equal("bar", bars.GetProperty("type").GetString());
        Assert.Equal(["U1 (unique to image)", "U2 (unique to text)", "R (redundant)", "S (synergistic)"], ChartJson.Strings(bars.GetProperty("x")));
        Assert.Equal([0.2, 0.05, 0.3, 0.1], ChartJson.Numbers(bars.GetProperty("y")));
        Assert.Equal(["rgba(0, 114, 178, 1.0)", "rgba(230, 159, 0, 1.0)", "rgba(0, 158, 115, 1.0)", "rgba(204, 121, 167, 1.0)"],
            ChartJson.Strings(bars.GetProperty("marker").GetProperty("color")));
        Assert.False(bars.TryGetProperty("error_y", out _));
        Assert.Equal("information (bits)", json.AxisTitle("yaxis"));
        Assert.Contains("0.65 bits", json.Title);
        Assert.StartsWith("MMI (the paper's PID for a scalar target)", json.Title);
    }

    [Fact]
    public void TheDefaultTitleNamesEachMeasure()
    {
        string Title(PidResult pid) => new ChartJson(PidCharts.Atoms(pid)).Title;

        Assert.StartsWith("I_dep:", Title(Pid(0.2, 0.05, 0.3, 0.1) with { Measure = PidMeasure.Dep, Method = "closed-form I_dep" }));
        Assert.StartsWith("I_ccs ± MC error 0.0031 bits:",
            Title(Pid(0.2, -0.01, 0.3, 0.1) with { Measure = PidMeasure.Ccs, Method = "Monte Carlo I_ccs", MonteCarloError = 0.00312 }));
        Assert.StartsWith("~I_union (the paper's PID):", Title(Pid(0.2, 0.05, 0.3, 0.1) with { Method = "union solver" }));
        Assert.Equal("I_dep", PidCharts.MeasureName(Pid(0, 0, 0, 0) with { Measure = PidMeasure.Dep }));
    }

    [Fact]
    public void SharesNameTheirMeasuresUnlessGivenATitle()
    {
        var mmi = Pid(1, 0, 1, 0);
        var dep = mmi with { Measure = PidMeasure.Dep };
        var ccs = mmi with { Measure = PidMeasure.Ccs, MonteCarloError = 0.002 };

        Assert.Equal("Share of each PID atom, I_dep", new ChartJson(PidCharts.AtomShares(["a", "b"], [dep, dep])).Title);
        Assert.Equal("Share of each PID atom, MMI (the paper's PID for a scalar target) / I_dep / I_ccs",
            new ChartJson(PidCharts.AtomShares(["a", "b", "c"], [mmi, dep, ccs])).Title);
        Assert.Equal("mine", new ChartJson(PidCharts.AtomShares(["a"], [dep], title: "mine")).Title);
        Assert.Contains("MMI", new ChartJson(PidCharts.AtomShares(["seed 1"], [new PidAtoms(3, 1, 0, 0, 3, 1)])).Title);
    }

    [Fact]
    public void AtomBarsCarryTheBootstrapIntervalsAsAsymmetricErrorBars()
    {
        var pid = Pid(0.2, 0.05, 0.3, 0.1, Intervals((0.1, 0.3), (0.0, 0.15), (0.25, 0.5), (0.05, 0.12)));

        var error = Assert.Single(new ChartJson(PidCharts.Atoms(pid)).Traces).GetProperty("error_y");

        Assert.False(error.GetProperty("symmetric").GetBoolean());
        double[] expectedUp = [0.1, 0.1, 0.2, 0.02], expectedDown = [0.1, 0.05, 0.05, 0.05];
        var up = ChartJson.Numbers(error.GetProperty("array"));
        var down = ChartJson.Numbers(error.GetProperty("arrayminus"));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expectedUp[i], up[i], 12);
            Assert.Equal(expectedDown[i], down[i], 12);
        }
    }

    [Fact]
    public void AnIntervalThatExcludesTheEstimateIsDrawnToTheEstimateNotInwards()
    {
        var pid = Pid(0.2, 0.05, 0.3, 0.1, Intervals((0.25, 0.4), (0.0, 0.1), (0.2, 0.4), (0.0, 0.2)));

        var error = Assert.Single(new ChartJson(PidCharts.Atoms(pid)).Traces).GetProperty("error_y");

        Assert.Equal(0, ChartJson.Numbers(error.GetProperty("arrayminus"))[0]);
        Assert.All(ChartJson.Numbers(error.GetProperty("array")), v => Assert.True(v >= 0));
    }

    [Fact]
    public void SharesStackToOneHundredPercentPerDecomposition()
    {
        var json = new ChartJson(PidCharts.AtomShares(["a", "b"], [Pid(1, 1, 1, 1), Pid(0.5, 0, 1.5, 0)]));

        Assert.Equal(4, json.Traces.Length);
        Assert.Equal("stack", json.Layout.GetProperty("barmode").GetString());
        var shares = json.Traces.Select(t => ChartJson.Numbers(t.GetProperty("y"))).ToArray();
        Assert.Equal([25.0, 25.0, 25.0, 25.0], shares.Select(s => s[0]));
        Assert.Equal([25.0, 0.0, 75.0, 0.0], shares.Select(s => s[1]));
        Assert.Equal(["a", "b"], ChartJson.Strings(json.Traces[0].GetProperty("x")));
    }

    [Fact]
    public void ADecompositionWithoutInformationGetsAnEmptyLabelledBar()
    {
        var json = new ChartJson(PidCharts.AtomShares(["noise", "signal"], [Pid(0, 0, 0, 0), Pid(1, 0, 0, 0)]));

        Assert.All(json.Traces, t => Assert.Equal(0, ChartJson.Numbers(t.GetProperty("y"))[0]));
        Assert.Equal("no information", ChartJson.Strings(json.Traces[0].GetProperty("text"))[0]);
    }

    [Fact]
    public void ANaNAtomIsRejectedNamingTheAtom()
    {
        var ex = Assert.Throws<ArgumentException>(() => PidCharts.Atoms(Pid(0.1, double.NaN, 0, 0)));
        Assert.Contains("atom 1", ex.Message);
    }

    [Fact]
    public void SharesRejectMismatchedLabelsDuplicatesAndNegativeAtoms()
    {
        Assert.Contains("same length", Assert.Throws<ArgumentException>(() => PidCharts.AtomShares(["a"], [Pid(1, 0, 0, 0), Pid(1, 0, 0, 0)])).Message);
        Assert.Contains("repeats", Assert.Throws<ArgumentException>(() => PidCharts.AtomShares(["a", "a"], [Pid(1, 0, 0, 0), Pid(1, 0, 0, 0)])).Message);
        Assert.Contains("'b'", Assert.Throws<ArgumentException>(() => PidCharts.AtomShares(["a", "b"], [Pid(1, 0, 0, 0), Pid(1, 0, -0.5, 0)])).Message);
        Assert.Throws<ArgumentException>(() => PidCharts.AtomShares([], Array.Empty<PidResult>()));
    }

    [Fact]
    public void LearnedAtomsOfAModelDrawLikeAnEstimateWithoutIntervals()
    {
        var json = new ChartJson(PidCharts.Atoms(new PidAtoms(0.1, 0.2, 0.3, 0.4, 0.4, 0.5)));

        var bars = Assert.Single(json.Traces);
        Assert.Equal([0.1, 0.2, 0.3, 0.4], ChartJson.Numbers(bars.GetProperty("y")));
        Assert.False(bars.TryGetProperty("error_y", out _));
        Assert.Contains("1 bits", json.Title);
        Assert.StartsWith("MMI", json.Title);
    }

    [Fact]
    public void LearnedAtomSharesNameTheOffendingModel()
    {
        var json = new ChartJson(PidCharts.AtomShares(["seed 1"], [new PidAtoms(3, 1, 0, 0, 3, 1)]));
        Assert.Equal([75.0, 25.0, 0.0, 0.0], json.Traces.Select(t => ChartJson.Numbers(t.GetProperty("y"))[0]));

        var ex = Assert.Throws<ArgumentException>(() => PidCharts.AtomShares(["seed 1", "seed 2"],
            [new PidAtoms(1, 0, 0, 0, 1, 0), new PidAtoms(double.NaN, 0, 0, 0, 0, 0)]));
        Assert.Contains("'seed 2'", ex.Message);
    }

    [Fact]
    public void WithIntervalsTheValueLabelsSitAboveTheWhiskersNotUnderThem()
    {
        var pid = Pid(0.2, 0.05, 0.3, 0.1, Intervals((0.15, 0.25), (0.0, 0.1), (0.25, 0.35), (0.05, 0.15)));

        var json = new ChartJson(PidCharts.Atoms(pid));

        Assert.Equal("none", Assert.Single(json.Traces).GetProperty("textposition").GetString());
        var labels = json.Layout.GetProperty("annotations").EnumerateArray().ToArray();
        Assert.Equal(["0.2 bits", "0.05 bits", "0.3 bits", "0.1 bits"], labels.Select(a => a.GetProperty("text").GetString()));
        Assert.Equal([0.25, 0.1, 0.35, 0.15], labels.Select(a => a.GetProperty("y").GetDouble()));
        Assert.All(labels, a => Assert.Equal("bottom", a.GetProperty("yanchor").GetString()));
    }

    [Fact]
    public void WithoutIntervalsTheValueLabelsStayOnTheBars()
    {
        var json = new ChartJson(PidCharts.Atoms(Pid(0.2, 0.05, 0.3, 0.1)));

        Assert.Equal(["0.2 bits", "0.05 bits", "0.3 bits", "0.1 bits"], ChartJson.Strings(Assert.Single(json.Traces).GetProperty("text")));
        Assert.False(json.Layout.TryGetProperty("annotations", out _));
    }

    [Fact]
    public void ChartsFillTheirContainersWidthAndRedrawWhenItChanges()
    {
        var chart = PidCharts.Atoms(Pid(0.2, 0.05, 0.3, 0.1));
        var json = new ChartJson(chart);

        Assert.False(json.Layout.TryGetProperty("width", out _));
        Assert.Equal(PlotStyle.Height, json.Layout.GetProperty("height").GetInt32());
        Assert.True(json.Layout.GetProperty("autosize").GetBoolean());
        Assert.Contains("\"responsive\":true", Plotly.NET.GenericChart.toChartHTML(chart));
    }

    [Fact]
    public void LatticeAtomBarsShowTheAtomsThatMatterInLatticeOrderAndNameTheMeasure()
    {
        var atoms = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["{1}{2}{3}"] = 0.4, ["{1}{2}"] = 0.001, ["{1}{23}"] = 0.05, ["{1}"] = 0.2, ["{3}"] = 0.1, ["{12}"] = 0.03, ["{123}"] = -0.0001,
        };
        var json = new ChartJson(PidCharts.LatticeAtoms(atoms, ["text", "audio", "vision"], minBits: 0.005));

        var bars = Assert.Single(json.Traces);
        Assert.Equal(["{1}{2}{3}", "{1}{23}", "{1}", "{3}", "{12}"], ChartJson.Strings(bars.GetProperty("x")));
        Assert.Equal([0.4, 0.05, 0.2, 0.1, 0.03], ChartJson.Numbers(bars.GetProperty("y")));
        // Redundancies in the redundancy colour, a modality alone in its own (never those two), a set of several in the synergy colour.
        Assert.Equal(["rgba(0, 158, 115, 1.0)", "rgba(0, 158, 115, 1.0)", "rgba(0, 114, 178, 1.0)", "rgba(213, 94, 0, 1.0)", "rgba(204, 121, 167, 1.0)"],
            ChartJson.Strings(bars.GetProperty("marker").GetProperty("color")));
        Assert.StartsWith("MMI lattice", json.Title);
        Assert.Contains("2 of 7 atoms under 0.005 bits left out", json.Title);
        Assert.Contains("0.781 bits", json.Title);
        Assert.Contains("1 = text, 2 = audio, 3 = vision", json.AxisTitle("xaxis"));
        Assert.Equal("information (bits)", json.AxisTitle("yaxis"));
    }

    [Fact]
    public void LatticeAtomBarsRejectKeysOutsideTheModalitiesAndNonFiniteAtoms()
    {
        string[] names = ["a", "b"];
        Assert.Contains("'{13}'", Assert.Throws<ArgumentException>(() => PidCharts.LatticeAtoms(new Dictionary<string, double> { ["{13}"] = 0.1 }, names)).Message);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => PidCharts.LatticeAtoms(new Dictionary<string, double> { ["x"] = 0.1 }, names)).Message);
        Assert.Throws<ArgumentException>(() => PidCharts.LatticeAtoms(new Dictionary<string, double> { ["{1}"] = double.NaN }, names));
        Assert.Throws<ArgumentException>(() => PidCharts.LatticeAtoms(new Dictionary<string, double>(), names));
    }

    [Fact]
    public void LatticeAtomBarsOfALatticePidStateTheJointInformationAndTheMethod()
    {
        // Target and three scalar sources (the README's example covariance).
        var pid = GaussianLatticePid.FromCovariance(new double[,]
        {
            { 1, 0.6, 0.5, 0.4 }, { 0.6, 1, 0.3, 0.2 }, { 0.5, 0.3, 1, 0.1 }, { 0.4, 0.2, 0.1, 1 },
        }, new LatticeDims(1, [1, 1, 1]));
        var json = new ChartJson(PidCharts.LatticeAtoms(pid, ["x", "y", "z"], minBits: 0));

        Assert.Equal(pid.Atoms.Count, ChartJson.Numbers(Assert.Single(json.Traces).GetProperty("y")).Length);
        Assert.StartsWith("MMI lattice PID of I(T; all 3) = 0.57 bits (MMI lattice", json.Title);
        Assert.Throws<ArgumentException>(() => PidCharts.LatticeAtoms(pid, ["x", "y"]));
    }
}
