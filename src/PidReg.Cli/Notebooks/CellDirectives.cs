using System.Text.Json;
using System.Text.RegularExpressions;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// What the runner makes of a code cell before Roslyn sees it: which kernel it belongs to
/// (Polyglot metadata or a leading <c>#!kernel</c> line), and the kernel-only lines
/// (<c>#!csharp</c>, <c>#i</c>, <c>#r "nuget: ..."</c>) blanked so compiler line numbers stay the cell's own.
/// <c>#r "file.dll"</c> and <c>#load</c> are left to Roslyn.
/// </summary>
internal static partial class CellDirectives
{
    /// <summary>The kernel name the runner executes.</summary>
    public const string CSharp = "csharp";

    /// <summary>A prepared cell: its kernel, the code for Roslyn, and an error the cell must report instead of running.</summary>
    public sealed record Prepared(string Kernel, string Code, string? Error, int ErrorLine);

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<id>[^,"\s]+)\s*(?:,\s*(?<version>[^"\s]+))?\s*"\s*$""")]
    private static partial Regex NugetReference();

    [GeneratedRegex("""^\s*#!\s*(?<name>\S+)""")]
    private static partial Regex Magic();

    [GeneratedRegex("""^\s*#i\s""")]
    private static partial Regex SourceDirective();

    /// <summary>The kernel of a cell: a leading <c>#!name</c> line, then Polyglot cell metadata, then the notebook default.</summary>
    public static string KernelOf(NotebookCell cell, string notebookDefault)
    {
        foreach (var line in cell.Source.Split('\n'))
        {
            if (line.Trim().Length == 0) continue;
            var m = Magic().Match(line);
            if (m.Success && KernelAlias(m.Groups["name"].Value) is { } kernel) return kernel;
            break;
        }
        var metadata = cell.Metadata;
        var name = Str(metadata["polyglot_notebook"]?["kernelName"]) ?? Str(metadata["dotnet_interactive"]?["language"]);
        return name is null ? notebookDefault : KernelAlias(name) ?? name;
    }

    /// <summary>The notebook's default kernel: Polyglot's defaultKernelName, else the kernelspec language, else C#.</summary>
    public static string DefaultKernel(NotebookDocument notebook)
    {
        var m = notebook.Metadata;
        var name = Str(m["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]) ?? Str(m["kernelspec"]?["language"]);
        return name is null ? CSharp : KernelAlias(name) ?? name;
    }

    /// <summary>Blanks kernel directive lines and checks <c>#r "nuget:"</c> against <see cref="ShippedPackages"/>.</summary>
    public static Prepared Prepare(string source, string kernel)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var nuget = NugetReference().Match(line);
            if (nuget.Success)
            {
                var id = nuget.Groups["id"].Value;
                var version = nuget.Groups["version"].Success ? nuget.Groups["version"].Value : null;
                var error = CheckPackage(id, version);
                if (error is not null) return new Prepared(kernel, source, error, i + 1);
                lines[i] = "";
                continue;
            }
            if (line.TrimStart().StartsWith("#r \"nuget:", StringComparison.Ordinal))
                return new Prepared(kernel, source, $"cannot read the package reference {line.Trim()}; write #r \"nuget: Id, Version\"", i + 1);
            if (SourceDirective().IsMatch(line) || line.Trim() == "#i")
            {
                lines[i] = "";
                continue;
            }
            var magic = Magic().Match(line);
            if (!magic.Success) continue;
            var alias = KernelAlias(magic.Groups["name"].Value);
            if (alias == kernel)
            {
                lines[i] = "";
                continue;
            }
            return new Prepared(kernel, source, alias is null
                ? $"the magic command {line.Trim()} is not supported by the headless runner"
                : $"switching to the {alias} kernel inside a C# cell is not supported by the headless runner; put that code in its own cell", i + 1);
        }
        return new Prepared(kernel, string.Join('\n', lines), null, 0);
    }

    static string? CheckPackage(string id, string? version)
    {
        if (!ShippedPackages.Versions.TryGetValue(id, out var shipped))
            return $"package {id}{(version is null ? "" : " " + version)} is not available: the headless runner cannot download packages; "
                   + "it ships " + string.Join(", ", ShippedPackages.Versions.Select(p => $"{p.Key} {p.Value}"));
        if (version is null)
            return $"package {id} has no version; pin the one the runner ships: #r \"nuget: {id}, {shipped}\"";
        if (!string.Equals(version, shipped, StringComparison.OrdinalIgnoreCase))
            return $"package {id} {version} is not available: the headless runner ships {id} {shipped}; change the line to #r \"nuget: {id}, {shipped}\"";
        return null;
    }

    static string? KernelAlias(string name) => name.ToLowerInvariant() switch
    {
        "csharp" or "c#" or "cs" => CSharp,
        "fsharp" or "f#" or "fs" => "fsharp",
        "pwsh" or "powershell" => "pwsh",
        "javascript" or "js" => "javascript",
        "html" => "html",
        "sql" => "sql",
        "kql" => "kql",
        "mermaid" => "mermaid",
        "markdown" or "md" => "markdown",
        "value" => "value",
        "http" => "http",
        "python" => "python",
        _ => null,
    };

    static string? Str(System.Text.Json.Nodes.JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
