using System.Globalization;
using PidReg.Information;
using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace PidReg.Plots;

/// <summary>Charts that check the PID engine against known answers (a designed sweep, the finite-sample bias) and its Gaussian assumption.</summary>
public static class PidValidationCharts
{
    /// <summary>
    /// Estimated against analytic atoms over a synthetic sweep: one scatter per atom in its colour, the identity line
    /// y = x, and the estimates' bootstrap intervals as vertical error bars when every estimate has them.
    /// </summary>
    /// <param name="truth">The analytic decomposition of each design (e.g. from the population covariance).</param>
    /// <param name="estimated">The estimate for the same design, in the same order.</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart EstimatedVsTrue(IReadOnlyList<PidResult> truth, IReadOnlyList<PidResult> estimated,
        string title = "Estimated vs true PID atoms")
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(estimated);
        if (truth.Count == 0) throw new ArgumentException("truth is empty; give at least one design.", nameof(truth));
        ChartInput.SameLength(truth, nameof(truth), estimated, nameof(estimated));
        for (int i = 0; i < truth.Count; i++)
        {
            if (truth[i] is null) throw new ArgumentException($"truth[{i}] is null.", nameof(truth));
            if (estimated[i] is null) throw new ArgumentException($"estimated[{i}] is null.", nameof(estimated));
            ChartInput.Finite(PidCharts.Values(truth[i]), $"truth[{i}]", "atom");
            ChartInput.Finite(PidCharts.Values(estimated[i]), $"estimated[{i}]", "atom");
        }
        bool withIntervals = estimated.All(e => e.Intervals is not null);
        var traces = new List<GenericChart>();
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int a = 0; a < PlotStyle.Atoms.Length; a++)
        {
            var x = truth.Select(t => PidCharts.Values(t)[a]).ToArray();
            var y = estimated.Select(e => PidCharts.Values(e)[a]).ToArray();
            lo = Math.Min(lo, Math.Min(x.Min(), y.Min()));
            hi = Math.Max(hi, Math.Max(x.Max(), y.Max()));
            var atom = PlotStyle.Atoms[a];
            var points = CSharpChart.Point<double, double, string>(x, y, Name: PlotStyle.AtomLabel(atom),
                MarkerColor: PlotStyle.ToColor(PlotStyle.AtomColor(atom)), UseDefaults: false);
            if (withIntervals)
            {
                var bounds = estimated.Select(e => Bounds(e.Intervals!)[a]).ToArray();
                var lower = bounds.Select((b, i) => Math.Min(b.Lower, y[i])).ToArray();
                var upper = bounds.Select((b, i) => Math.Max(b.Upper, y[i])).ToArray();
                ChartInput.Intervals(y, lower, $"estimated intervals ({atom}, lower)", upper, $"estimated intervals ({atom}, upper)");
                points = PlotStyle.WithYError(points, PlotStyle.ErrorBars(y, lower, upper));
            }
            traces.Add(points);
        }
        traces.Add(PlotStyle.IdentityLine(Math.Min(0, lo), hi));
        return PlotStyle.Finish(CSharpChart.Combine(traces), title, "true atom (bits)", "estimated atom (bits)");
    }

    /// <summary>
    /// Bias against sample size: the plug-in and the bias-corrected estimate of one information quantity (typically
    /// the mean over repetitions, with their standard deviations as error bars) beside the true value, on a log
    /// sample-size axis.
    /// </summary>
    /// <param name="sampleSizes">Sample sizes n (positive).</param>
    /// <param name="plugIn">Plug-in estimate at each n, in bits.</param>
    /// <param name="corrected">Bias-corrected estimate at each n, in bits.</param>
    /// <param name="truth">The true value in bits.</param>
    /// <param name="quantity">What is estimated, e.g. "I(T; X1, X2)" or "synergy".</param>
    /// <param name="plugInSd">Optional spread (e.g. sd over repetitions) of the plug-in estimate; drawn as ± error bars.</param>
    /// <param name="correctedSd">Optional spread of the corrected estimate.</param>
    public static GenericChart BiasVsSampleSize(IReadOnlyList<int> sampleSizes, IReadOnlyList<double> plugIn,
        IReadOnlyList<double> corrected, double truth, string quantity = "I(T; X1, X2)",
        IReadOnlyList<double>? plugInSd = null, IReadOnlyList<double>? correctedSd = null)
    {
        ArgumentNullException.ThrowIfNull(sampleSizes);
        if (sampleSizes.Count == 0) throw new ArgumentException("sampleSizes is empty.", nameof(sampleSizes));
        for (int i = 0; i < sampleSizes.Count; i++)
            if (sampleSizes[i] < 1)
                throw new ArgumentException($"sampleSizes[{i}] = {sampleSizes[i]}; sample sizes must be >= 1.", nameof(sampleSizes));
        ChartInput.Finite(plugIn, nameof(plugIn));
        ChartInput.Finite(corrected, nameof(corrected));
        ChartInput.SameLength(sampleSizes, nameof(sampleSizes), plugIn, nameof(plugIn));
        ChartInput.SameLength(sampleSizes, nameof(sampleSizes), corrected, nameof(corrected));
        if (!double.IsFinite(truth)) throw new ArgumentException($"truth is {truth}; it must be finite.", nameof(truth));

        GenericChart Estimate(IReadOnlyList<double> values, IReadOnlyList<double>? sd, string sdName, string name, string color)
        {
            var line = CSharpChart.Line<int, double, string>(sampleSizes.ToArray(), values.ToArray(), Name: name, ShowMarkers: true,
                LineColor: PlotStyle.ToColor(color), MarkerColor: PlotStyle.ToColor(color), LineWidth: 2.0, UseDefaults: false);
            if (sd is null) return line;
            ChartInput.Finite(sd, sdName);
            ChartInput.SameLength(sampleSizes, nameof(sampleSizes), sd, sdName);
            if (sd.Any(s => s < 0)) throw new ArgumentException($"{sdName} has a negative spread.", sdName);
            return PlotStyle.WithYError(line, PlotStyle.ErrorBars(sd));
        }

        var nRange = new[] { sampleSizes.Min(), sampleSizes.Max() };
        var truthLine = CSharpChart.Line<int, double, string>(nRange, [truth, truth],
            Name: string.Create(CultureInfo.InvariantCulture, $"truth ({truth:0.###} bits)"),
            LineColor: PlotStyle.ToColor(PlotStyle.TruthColor), LineDash: StyleParam.DrawingStyle.Dash, UseDefaults: false);
        var chart = CSharpChart.Combine([
            Estimate(plugIn, plugInSd, nameof(plugInSd), "plug-in", PlotStyle.PlugInColor),
            Estimate(corrected, correctedSd, nameof(correctedSd), "bias-corrected", PlotStyle.CorrectedColor),
            truthLine]);
        chart = PlotStyle.Finish(chart, $"Estimates of {quantity} vs sample size", "sample size n (log scale)",
            $"{quantity} (bits)", xType: StyleParam.AxisType.Log);
        return PlotStyle.LogTicks(chart, 'x', sampleSizes.Select(n => (double)n));
    }

    /// <summary>
    /// QQ chart of squared Mahalanobis distances against the χ² distribution with <paramref name="dimensions"/> degrees
    /// of freedom, the distribution they follow when the sample is jointly Gaussian: one marker series per sample and the
    /// identity line over the range of the χ² quantiles. Points bending above the line at the right are heavier joint
    /// tails than Gaussian; the y axis still reaches the largest distance.
    /// </summary>
    /// <param name="names">A legend name per sample, e.g. "Gaussian", "Student-t sources".</param>
    /// <param name="squaredDistances">Each sample's squared distances (from <c>MultivariateNormality.SquaredDistances</c>); non-negative, finite.</param>
    /// <param name="dimensions">The joint dimension p of the samples (range: at least 1).</param>
    /// <param name="title">Chart title.</param>
    public static GenericChart MahalanobisQq(IReadOnlyList<string> names, IReadOnlyList<double[]> squaredDistances, int dimensions,
        string title = "Squared Mahalanobis distances against χ² quantiles")
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(squaredDistances);
        if (squaredDistances.Count == 0) throw new ArgumentException("squaredDistances is empty; give at least one sample.", nameof(squaredDistances));
        ChartInput.SameLength(names, nameof(names), squaredDistances, nameof(squaredDistances));
        if (dimensions < 1) throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, "must be at least 1");
        var chi2 = new MathNet.Numerics.Distributions.ChiSquared(dimensions);
        var traces = new List<GenericChart>();
        // The y = x line spans the χ² quantiles only: drawn out to the largest observed distance, a heavy-tailed
        // sample's far outlier would stretch the x axis and squash every point into a sliver at the left.
        double lo = double.PositiveInfinity, hi = 0;
        for (int k = 0; k < squaredDistances.Count; k++)
        {
            var d = squaredDistances[k] ?? throw new ArgumentException($"squaredDistances[{k}] is null.", nameof(squaredDistances));
            if (d.Length == 0) throw new ArgumentException($"squaredDistances[{k}] is empty.", nameof(squaredDistances));
            ChartInput.Finite(d, $"squaredDistances[{k}]");
            if (d.Any(v => v < 0)) throw new ArgumentException($"squaredDistances[{k}] has a negative entry; squared distances are >= 0.", nameof(squaredDistances));
            var sorted = d.Order().ToArray();
            var expected = sorted.Select((_, i) => chi2.InverseCumulativeDistribution((i + 0.5) / sorted.Length)).ToArray();
            lo = Math.Min(lo, expected[0]);
            hi = Math.Max(hi, expected[^1]);
            traces.Add(CSharpChart.Point<double, double, string>(expected, sorted, Name: names[k],
                MarkerColor: PlotStyle.ToColor(PlotStyle.SeriesColor(k)), UseDefaults: false));
        }
        traces.Add(PlotStyle.IdentityLine(lo, hi));
        return PlotStyle.Finish(CSharpChart.Combine(traces), title,
            string.Create(CultureInfo.InvariantCulture, $"χ² quantile ({dimensions} degrees of freedom)"), "squared Mahalanobis distance");
    }

    static PidInterval[] Bounds(PidIntervals ci) => [ci.UniqueX1, ci.UniqueX2, ci.Redundancy, ci.Synergy];
}
