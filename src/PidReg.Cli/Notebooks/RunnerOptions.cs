namespace PidReg.Cli.Notebooks;

/// <summary>Settings of one <c>pidreg notebooks run</c>.</summary>
internal sealed record RunnerOptions
{
    /// <summary>Folder for the executed .ipynb and .html. Default "artifacts/notebooks"; ignored with <see cref="InPlace"/> for the .ipynb.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "notebooks");

    /// <summary>Write the executed notebook over its source (the HTML still goes to <see cref="OutputDirectory"/>). Default false.</summary>
    public bool InPlace { get; init; }

    /// <summary>Inject each parameter's <c>// quick: VALUE</c> value. Default false.</summary>
    public bool Quick { get; init; }

    /// <summary><c>--param NAME=VALUE</c> overrides, applied after the quick values. Default none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Longest time one cell may run. Default 600 s; range: more than 0.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Keep executing after a failed cell instead of skipping the rest. Default false.</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>
    /// Reports load plotly.js from one file per output folder (<see cref="PidReg.Plots.ChartHtml.PlotlyJsFileName"/>)
    /// instead of each embedding it. Default true; false makes each report a single self-contained file.
    /// </summary>
    public bool SharePlotlyJs { get; init; } = true;

    /// <summary>Echo what cells print to the runner's console as it happens. Default true.</summary>
    public bool EchoOutput { get; init; } = true;

    /// <summary>
    /// The log is a terminal: the running cell's status (its first line, the time it has run, the latest progress its
    /// displays reported) is one line rewritten in place. Default false: plain lines, see <see cref="ProgressEvery"/>.
    /// </summary>
    public bool Terminal { get; init; }

    /// <summary>
    /// Away from a terminal: how long the log stays quiet before a line with the running cell's status is written.
    /// Default 15 s (<see cref="LiveStatus.DefaultPlainEvery"/>); zero writes one at every progress update; range: [0, 1 day].
    /// </summary>
    public TimeSpan ProgressEvery { get; init; } = LiveStatus.DefaultPlainEvery;

    /// <summary>Throws an exception naming the field that is out of range.</summary>
    public RunnerOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory))
            throw new ArgumentException("must name a folder", nameof(OutputDirectory));
        if (CellTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CellTimeout), CellTimeout, "must be more than 0 seconds");
        if (ProgressEvery < TimeSpan.Zero || ProgressEvery.TotalSeconds > LiveStatus.MaxPlainEverySeconds)
            throw new ArgumentOutOfRangeException(nameof(ProgressEvery), ProgressEvery, $"must be in [0, {LiveStatus.MaxPlainEverySeconds}] seconds");
        foreach (var (name, _) in Parameters)
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("a parameter name is empty; write --param NAME=VALUE", nameof(Parameters));
        return this;
    }
}
