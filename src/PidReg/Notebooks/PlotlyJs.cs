using System.Reflection;

namespace PidReg.Notebooks;

/// <summary>The plotly.js source that Plotly.NET ships inside its assembly, for offline documents.</summary>
public static class PlotlyJs
{
    static readonly Lazy<string> Text = new(Load);

    /// <summary>The minified plotly.js (2.28.0 with Plotly.NET 6.0.0); embed it once per document.</summary>
    public static string Source => Text.Value;

    /// <summary>The resource name inside Plotly.NET.dll, e.g. "plotly-2.28.0.min.js".</summary>
    public static string ResourceName => FindResource(typeof(Plotly.NET.GenericChart).Assembly);

    static string Load()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        using var stream = assembly.GetManifestResourceStream(FindResource(assembly))!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static string FindResource(Assembly assembly) =>
        assembly.GetManifestResourceNames().FirstOrDefault(n => n.Contains("plotly", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".min.js", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"{assembly.GetName().Name} {assembly.GetName().Version} does not embed plotly.js (expected a resource ending in .min.js)");
}
