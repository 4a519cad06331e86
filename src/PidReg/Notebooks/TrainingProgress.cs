using System.Globalization;
using System.Reflection;

namespace PidReg.Notebooks;

/// <summary>
/// Live progress for a long loop in a notebook. Under a Polyglot kernel it shows one HTML line that
/// updates in place (through the kernel's <c>display(...).Update(...)</c>, found by reflection because the
/// kernel packages cannot be referenced); anywhere else (the headless runner, a console) it writes a
/// line at the first step, every tenth of the way and the last step, so the output stays short and
/// the same on every run.
/// </summary>
/// <example><code>
/// var progress = new TrainingProgress(epochs, "epoch");
/// for (var e = 1; e &lt;= epochs; e++) { ...; progress.Report(e, $"loss {loss:F4}"); }
/// </code></example>
public sealed class TrainingProgress
{
    readonly int total;
    readonly string label;
    readonly TextWriter? console;
    readonly KernelDisplay? kernel;
    int lastTenth = -1;

    /// <summary>Starts a progress display for <paramref name="total"/> steps (range: at least 1).</summary>
    /// <param name="total">Number of steps, e.g. epochs.</param>
    /// <param name="label">Name of a step shown before the counter; default "step".</param>
    /// <param name="console">Where console lines go; default <see cref="Console.Out"/> (captured by the runner).</param>
    public TrainingProgress(int total, string label = "step", TextWriter? console = null)
    {
        if (total < 1) throw new ArgumentOutOfRangeException(nameof(total), total, "must be at least 1");
        this.total = total;
        this.label = label;
        this.console = console;
        kernel = console is null ? KernelDisplay.TryCreate() : null;
    }

    /// <summary>True when updates go to a Polyglot kernel's display rather than console lines.</summary>
    public bool UsesKernelDisplay => kernel is not null;

    /// <summary>Reports that <paramref name="step"/> (1..total) is done, with an optional message such as the loss.</summary>
    public void Report(int step, string message = "")
    {
        if (step < 1 || step > total)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"must be in [1, {total}]");
        var text = string.Create(CultureInfo.InvariantCulture, $"{label} {step}/{total}") + (message.Length > 0 ? "  " + message : "");
        if (kernel is not null)
        {
            var percent = 100.0 * step / total;
            kernel.Show(string.Create(CultureInfo.InvariantCulture,
                $"<div><progress max=\"100\" value=\"{percent:F0}\"></progress> {HtmlFormatter.Encode(text)}</div>"));
            return;
        }
        var tenth = 10 * step / total;
        if (step != 1 && step != total && tenth == lastTenth) return;
        lastTenth = tenth;
        (console ?? Console.Out).WriteLine(text);
    }

    /// <summary>The kernel's display handle, reached by reflection; null outside a running kernel.</summary>
    sealed class KernelDisplay(MethodInfo display)
    {
        object? handle;

        public static KernelDisplay? TryCreate()
        {
            var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "Microsoft.DotNet.Interactive");
            var context = assembly?.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext")
                ?.GetProperty("Current", BindingFlags.Public | BindingFlags.Static)?.GetValue(null);
            var display = assembly?.GetType("Microsoft.DotNet.Interactive.Kernel")
                ?.GetMethod("display", BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(string[])]);
            return context is null || display is null ? null : new KernelDisplay(display);
        }

        public void Show(string html)
        {
            if (handle is null)
            {
                handle = display.Invoke(null, [html, new[] { HtmlFormatter.HtmlMimeType }]);
                return;
            }
            handle.GetType().GetMethod("Update", [typeof(object)])?.Invoke(handle, [html]);
        }
    }
}
