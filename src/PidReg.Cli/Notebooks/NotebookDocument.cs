using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// An nbformat 4.x notebook held as its JSON tree, so metadata the runner does not know (Polyglot's
/// kernel info, VS Code's, papermill's) survives a read-run-write round trip untouched.
/// </summary>
internal sealed class NotebookDocument
{
    /// <summary>nbformat minor version written by the runner (cell ids are required from 4.5 on).</summary>
    public const int WrittenMinor = 5;

    static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    NotebookDocument(JsonObject root, List<NotebookCell> cells)
    {
        Root = root;
        Cells = cells;
    }

    /// <summary>The whole notebook; cells are written back from <see cref="Cells"/>.</summary>
    public JsonObject Root { get; }

    /// <summary>The cells in order; insert or remove here.</summary>
    public List<NotebookCell> Cells { get; }

    /// <summary>Notebook-level metadata (created when missing).</summary>
    public JsonObject Metadata => Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());

    /// <summary>The notebook's default kernel: Polyglot's defaultKernelName, else the kernelspec language, else C#.</summary>
    public string DefaultKernel()
    {
        var node = Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"] ?? Metadata["kernelspec"]?["language"];
        var name = node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        return name is null ? "csharp" : NotebookCell.KernelAlias(name) ?? name.ToLowerInvariant();
    }

    /// <summary>Reads a notebook; a malformed file gives an error naming the file and the problem.</summary>
    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path)) throw new NotebookFormatException($"{path}: file not found");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"{path}: not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        return Parse(node, path);
    }

    /// <summary>Parses a notebook already in memory; <paramref name="name"/> names it in errors.</summary>
    public static NotebookDocument Parse(JsonNode? node, string name)
    {
        if (node is not JsonObject root) throw new NotebookFormatException($"{name}: a notebook must be a JSON object");
        var major = root["nbformat"]?.GetValueKind() == JsonValueKind.Number ? root["nbformat"]!.GetValue<int>() : -1;
        if (major != 4) throw new NotebookFormatException($"{name}: nbformat {major} is not supported; the runner reads nbformat 4.x");
        if (root["cells"] is not JsonArray cellArray) throw new NotebookFormatException($"{name}: missing the \"cells\" array");
        var cells = new List<NotebookCell>();
        for (var i = 0; i < cellArray.Count; i++)
        {
            if (cellArray[i] is not JsonObject cell || cell["cell_type"]?.GetValueKind() != JsonValueKind.String)
                throw new NotebookFormatException($"{name}: cell {i + 1} has no cell_type");
            cells.Add(new NotebookCell((JsonObject)cell.DeepClone()));
        }
        var copy = (JsonObject)root.DeepClone();
        return new NotebookDocument(copy, cells);
    }

    /// <summary>The notebook as nbformat 4.5 JSON: every cell has an id, code cells have outputs and a count.</summary>
    public string ToJson()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var array = new JsonArray();
        foreach (var cell in Cells)
        {
            cell.Normalize(ids);
            array.Add(cell.Json.DeepClone());
        }
        Root["cells"] = array;
        Root["nbformat"] = 4;
        Root["nbformat_minor"] = Math.Max(WrittenMinor, Root["nbformat_minor"]?.GetValue<int>() ?? 0);
        Metadata.Remove("orig_nbformat");
        return Root.ToJsonString(WriteOptions) + "\n";
    }

    /// <summary>
    /// Writes <see cref="ToJson"/> to <paramref name="path"/> (UTF-8, no BOM) under a temporary name first, then renames
    /// it: a process killed mid-save leaves the previous file whole, never a truncated notebook.
    /// </summary>
    public void Save(string path)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(temporary, ToJson(), new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Splits text into nbformat's list of lines, each keeping its newline.</summary>
    public static JsonArray ToLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    /// <summary>Joins nbformat's multiline string (a string or a list of strings).</summary>
    public static string FromLines(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        _ => node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString(),
    };
}
