using System.Text.Json;
using System.Text.Json.Nodes;

namespace PidReg.Cli.Notebooks;

/// <summary>One cell of a <see cref="NotebookDocument"/>, a view over its JSON object.</summary>
internal sealed class NotebookCell(JsonObject json)
{
    /// <summary>The cell's JSON; unknown keys are kept.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => Json["cell_type"]!.GetValue<string>();

    /// <summary>The cell text, joined from nbformat's list of lines.</summary>
    public string Source
    {
        get => NotebookDocument.FromLines(Json["source"]);
        set => Json["source"] = NotebookDocument.ToLines(value);
    }

    /// <summary>Cell metadata (created when missing).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>The cell's tags (metadata.tags).</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? tags.Select(t => t?.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : "").ToList() : [];

    /// <summary>The outputs array of a code cell (created when missing).</summary>
    public JsonArray Outputs => Json["outputs"] as JsonArray ?? (JsonArray)(Json["outputs"] = new JsonArray());

    /// <summary>The cell id, or null for notebooks older than 4.5.</summary>
    public string? Id => Json["id"]?.GetValueKind() == JsonValueKind.String ? Json["id"]!.GetValue<string>() : null;

    /// <summary>The first line of the source that says something: not blank and not a kernel line (<c>#!csharp</c>), trimmed; "" when none.</summary>
    public string FirstLine =>
        Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("#!", StringComparison.Ordinal)) ?? "";

    /// <summary>
    /// The kernel a code cell is written for: a leading <c>#!name</c> line, else its Polyglot metadata, else
    /// <paramref name="notebookDefault"/>. Names are lower case ("csharp", "fsharp", "pwsh", ...).
    /// </summary>
    public string KernelName(string notebookDefault)
    {
        var first = Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        if (first.StartsWith("#!", StringComparison.Ordinal) && KernelAlias(first[2..].Split(' ')[0]) is { } magic) return magic;
        var name = Str(Metadata["polyglot_notebook"]?["kernelName"]) ?? Str(Metadata["dotnet_interactive"]?["language"]);
        return name is null ? notebookDefault : KernelAlias(name) ?? name.ToLowerInvariant();
    }

    /// <summary>The canonical kernel name of an alias (c#, C#, cs, f#, powershell, ...), or null for a magic command that names no kernel.</summary>
    public static string? KernelAlias(string name) => name.ToLowerInvariant() switch
    {
        "csharp" or "c#" or "cs" => "csharp",
        "fsharp" or "f#" or "fs" => "fsharp",
        "pwsh" or "powershell" => "pwsh",
        "javascript" or "js" => "javascript",
        "markdown" or "md" => "markdown",
        var other and ("html" or "sql" or "kql" or "mermaid" or "value" or "http" or "python") => other,
        _ => null,
    };

    static string? Str(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    /// <summary>A new cell with the given type, source and tags (and a fresh id).</summary>
    public static NotebookCell Create(string cellType, string source, params string[] tags)
    {
        var json = new JsonObject
        {
            ["cell_type"] = cellType,
            ["id"] = NewId(),
            ["metadata"] = tags.Length == 0 ? new JsonObject() : new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t!).ToArray()) },
            ["source"] = NotebookDocument.ToLines(source),
        };
        if (cellType == "code")
        {
            json["execution_count"] = null;
            json["outputs"] = new JsonArray();
        }
        return new NotebookCell(json);
    }

    /// <summary>Gives the cell what nbformat 4.5 requires: a unique id, outputs and execution_count on code cells only.</summary>
    public void Normalize(HashSet<string> usedIds)
    {
        var id = Id;
        if (id is null || !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-zA-Z0-9-_]{1,64}$") || !usedIds.Add(id))
        {
            id = NewId();
            while (!usedIds.Add(id)) id = NewId();
            Json["id"] = id;
        }
        _ = Metadata;
        Json["source"] ??= new JsonArray();
        if (CellType == "code")
        {
            _ = Outputs;
            if (!Json.ContainsKey("execution_count")) Json["execution_count"] = null;
        }
        else
        {
            Json.Remove("outputs");
            Json.Remove("execution_count");
        }
    }

    static string NewId() => Guid.NewGuid().ToString("N")[..12];
}
