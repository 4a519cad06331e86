using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;
using PidReg.Training;

namespace PidReg.Notebooks;

/// <summary>
/// Live progress for a long loop. In a .NET Interactive kernel (VS Code Polyglot Notebooks, Jupyter,
/// <c>pidreg notebooks run</c>) it is one HTML output updated in place, whose last state stays in the saved
/// notebook; anywhere else (a console) it writes a line at the first step, every tenth of the way and the last step.
/// Passed to <see cref="PidRegRegressor"/>'s Fit it shows epoch, stage, losses and the time left.
/// </summary>
/// <example><code>
/// var model = new PidRegRegressor(options).Fit(split.Train, split.Validation, new TrainingProgress(options.Epochs));
/// </code></example>
public sealed class TrainingProgress : IProgress<EpochReport>
{
    readonly int total;
    readonly string label;
    readonly TextWriter? console;
    readonly KernelDisplay? kernel;
    readonly Stopwatch clock = Stopwatch.StartNew();
    int lastTenth = -1;

    /// <summary>Starts a progress display for <paramref name="total"/> steps (range: at least 1).</summary>
    /// <param name="total">Number of steps, e.g. epochs.</param>
    /// <param name="label">Name of a step shown before the counter; default "epoch".</param>
    /// <param name="console">Where console lines go outside a kernel; default <see cref="Console.Out"/>.</param>
    public TrainingProgress(int total, string label = "epoch", TextWriter? console = null)
    {
        if (total < 1) throw new ArgumentOutOfRangeException(nameof(total), total, "must be at least 1");
        this.total = total;
        this.label = label;
        this.console = console;
        kernel = console is null ? KernelDisplay.TryCreate() : null;
    }

    /// <summary>True when updates go to the running kernel's display rather than console lines.</summary>
    public bool UsesKernelDisplay => kernel is not null;

    /// <summary>Reports a finished training epoch: its stage and losses.</summary>
    public void Report(EpochReport value) => Report(value.Epoch, string.Create(CultureInfo.InvariantCulture,
        $"stage {value.Stage}  train MSE {value.Mse:F4}  validation MSE {value.ValidationMse:F4}"));

    /// <summary>Reports that <paramref name="step"/> (1..total) is done, with an optional message such as the loss.</summary>
    public void Report(int step, string message = "")
    {
        if (step < 1 || step > total)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"must be in [1, {total}]");
        var text = string.Create(CultureInfo.InvariantCulture, $"{label} {step}/{total}") + (message.Length > 0 ? "  " + message : "");
        if (kernel is not null)
        {
            var elapsed = clock.Elapsed.TotalSeconds;
            var left = step == total ? "done" : $"about {Duration(elapsed / step * (total - step))} left";
            kernel.Show(string.Create(CultureInfo.InvariantCulture,
                $"<div class=\"pidreg-progress\"><progress max=\"{total}\" value=\"{step}\"></progress> {HtmlFormatter.Encode(text)}  ({Duration(elapsed)}, {left})</div>"));
            return;
        }
        var tenth = 10 * step / total;
        if (step != 1 && step != total && tenth == lastTenth) return;
        lastTenth = tenth;
        (console ?? Console.Out).WriteLine(text);
    }

    static string Duration(double seconds) => seconds < 90
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.0} min");

    /// <summary>
    /// One output of the running kernel command. A kernel shows a string escaped even as text/html, so the HTML
    /// travels as an HtmlString; and only the DisplayedValue that KernelInvocationContext.Display returns reaches its
    /// output when updated (the one Kernel.display returns does not). The context lives in the kernel's own assembly,
    /// which the kit does not reference, hence reflection.
    /// </summary>
    sealed class KernelDisplay(object context, MethodInfo display)
    {
        DisplayedValue? shown;

        public static KernelDisplay? TryCreate()
        {
            var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "Microsoft.DotNet.Interactive");
            var contextType = assembly?.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext");
            var context = contextType?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            var display = assembly?.GetType("Microsoft.DotNet.Interactive.KernelInvocationContextExtensions")
                ?.GetMethod("Display", BindingFlags.Public | BindingFlags.Static, [contextType!, typeof(object), typeof(string[])]);
            return context is null || display is null ? null : new KernelDisplay(context, display);
        }

        public void Show(string html)
        {
            var value = new HtmlString(html);
            if (shown is null) shown = (DisplayedValue?)display.Invoke(null, [context, value, new[] { HtmlFormatter.HtmlMimeType }]);
            else shown.Update(value);
        }
    }
}
