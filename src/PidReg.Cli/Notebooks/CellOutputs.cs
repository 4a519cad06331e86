using System.Text.Json.Nodes;
using PidReg.Notebooks;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// The outputs one code cell produces, in nbformat 4 shape: consecutive writes to the same stream merge
/// into one stream output, displays and the trailing value become display_data / execute_result.
/// Thread-safe: a cell may write from tasks it started.
/// </summary>
internal sealed class CellOutputs
{
    readonly Lock gate = new();
    readonly List<JsonObject> outputs = [];

    /// <summary>Appends text to the stdout or stderr stream.</summary>
    public void Stream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (gate)
        {
            if (outputs.Count > 0 && outputs[^1]["output_type"]!.GetValue<string>() == "stream" && outputs[^1]["name"]!.GetValue<string>() == name)
            {
                outputs[^1]["text"] = outputs[^1]["text"]!.GetValue<string>() + text;
                return;
            }
            outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    /// <summary>Adds a display_data output and returns it so a later update can replace its data.</summary>
    public JsonObject Display(object? value, IReadOnlyCollection<string> mimeTypes)
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = Bundle(value, mimeTypes), ["metadata"] = new JsonObject() };
        lock (gate) outputs.Add(output);
        return output;
    }

    /// <summary>Replaces the data of an output created by <see cref="Display"/>.</summary>
    public void Update(JsonObject output, object? value)
    {
        lock (gate) output["data"] = Bundle(value, []);
    }

    /// <summary>Adds the cell's trailing value as an execute_result.</summary>
    public void Result(object? value, int executionCount)
    {
        var output = new JsonObject
        {
            ["output_type"] = "execute_result", ["execution_count"] = executionCount, ["data"] = Bundle(value, []), ["metadata"] = new JsonObject(),
        };
        lock (gate) outputs.Add(output);
    }

    /// <summary>Adds an error output.</summary>
    public void Error(string name, string value, IEnumerable<string> traceback)
    {
        var output = new JsonObject
        {
            ["output_type"] = "error", ["ename"] = name, ["evalue"] = value,
            ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode)t!).ToArray()),
        };
        lock (gate) outputs.Add(output);
    }

    /// <summary>The outputs as nbformat JSON, multiline strings split into lines.</summary>
    public JsonArray ToJson()
    {
        lock (gate)
        {
            var array = new JsonArray();
            foreach (var output in outputs)
            {
                var copy = (JsonObject)output.DeepClone();
                if (copy["text"] is JsonValue text) copy["text"] = NotebookDocument.ToLines(text.GetValue<string>());
                if (copy["data"] is JsonObject data)
                    foreach (var key in data.Select(p => p.Key).ToList())
                        data[key] = NotebookDocument.ToLines(data[key]!.GetValue<string>());
                array.Add(copy);
            }
            return array;
        }
    }

    /// <summary>A mime bundle with text/plain and text/html; a string displayed as "text/html" is taken as HTML.</summary>
    static JsonObject Bundle(object? value, IReadOnlyCollection<string> mimeTypes)
    {
        var plain = HtmlFormatter.FormatPlainText(value);
        var html = value is string s && mimeTypes.Contains(HtmlFormatter.HtmlMimeType)
            ? s
            : HtmlFormatter.TryFormat(value) ?? "<pre>" + HtmlFormatter.Encode(plain) + "</pre>";
        return new JsonObject { [HtmlFormatter.PlainTextMimeType] = plain, [HtmlFormatter.HtmlMimeType] = html };
    }
}
