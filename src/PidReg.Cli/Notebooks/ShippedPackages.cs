namespace PidReg.Cli.Notebooks;

/// <summary>
/// The NuGet packages the runner carries, by id and exact version (Directory.Packages.props pins the same;
/// a test keeps the two in step). A notebook's <c>#r "nuget: Id, Version"</c> is satisfied by these.
/// </summary>
internal static class ShippedPackages
{
    /// <summary>Package id (case-insensitive) to version.</summary>
    public static readonly IReadOnlyDictionary<string, string> Versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["TorchSharp-cpu"] = "0.107.0",
        ["Plotly.NET"] = "6.0.0",
        ["Plotly.NET.CSharp"] = "0.14.0",
        ["Microsoft.Data.Analysis"] = "0.23.1",
        ["MathNet.Numerics"] = "5.0.0",
        ["Microsoft.DotNet.Interactive.Formatting"] = "1.0.0-beta.23562.1",
        ["PidReg"] = "0.1.0",
    };
}
