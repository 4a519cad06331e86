using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// The outputs of one code cell in nbformat 4 shape, built from the kernel's events the way Jupyter's client builds
/// them from the kernel's messages: consecutive writes to one stream merge, a display updated later keeps its place
/// and shows its last value, the cell's value becomes an execute_result.
/// Thread-safe: the kernel publishes from the threads a cell starts.
/// </summary>
internal sealed class CellOutputs
{
    readonly Lock gate = new();
    readonly List<JsonObject> outputs = [];
    readonly Dictionary<string, JsonObject> displays = new(StringComparer.Ordinal);

    /// <summary>Appends text to the stdout or stderr stream.</summary>
    public void Stream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (gate)
        {
            if (outputs.Count > 0 && (string?)outputs[^1]["output_type"] == "stream" && (string?)outputs[^1]["name"] == name)
            {
                outputs[^1]["text"] = (string?)outputs[^1]["text"] + text;
                return;
            }
            outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    /// <summary>Adds a display_data output; <paramref name="displayId"/> names it for later updates.</summary>
    public void Display(string? displayId, IEnumerable<FormattedValue> values)
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = Bundle(values), ["metadata"] = new JsonObject() };
        lock (gate)
        {
            outputs.Add(output);
            if (displayId is not null) displays[displayId] = output;
        }
    }

    /// <summary>
    /// Replaces what the display <paramref name="displayId"/> shows. An update of an id this cell never displayed is
    /// dropped, as Jupyter's client drops it (the kernel's <c>display(x).Update(y)</c> sends one).
    /// </summary>
    public void Update(string displayId, IEnumerable<FormattedValue> values)
    {
        lock (gate)
            if (displays.TryGetValue(displayId, out var output)) output["data"] = Bundle(values);
    }

    /// <summary>Adds the cell's value as an execute_result.</summary>
    public void Result(int executionCount, IEnumerable<FormattedValue> values)
    {
        var output = new JsonObject
        {
            ["output_type"] = "execute_result", ["execution_count"] = executionCount, ["data"] = Bundle(values), ["metadata"] = new JsonObject(),
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
                        if (data[key] is JsonValue value) data[key] = NotebookDocument.ToLines(value.GetValue<string>());
                array.Add(copy);
            }
            return array;
        }
    }

    static JsonObject Bundle(IEnumerable<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var value in values) data[value.MimeType] = value.Value;
        return data;
    }
}
