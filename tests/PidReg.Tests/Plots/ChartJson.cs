using System.Text.Json;
using Plotly.NET;

namespace PidReg.Tests.Plots;

/// <summary>The figure JSON Plotly.NET sends to plotly.js, parsed for assertions.</summary>
internal sealed class ChartJson
{
    public JsonElement Root { get; }

    public ChartJson(GenericChart chart) => Root = JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    public JsonElement[] Traces => [.. Root.GetProperty("data").EnumerateArray()];

    public JsonElement Layout => Root.GetProperty("layout");

    public string[] TraceNames => [.. Traces.Select(t => t.GetProperty("name").GetString()!)];

    public JsonElement Trace(string name) => Traces.Single(t => t.GetProperty("name").GetString() == name);

    public string Title => Layout.GetProperty("title").GetProperty("text").GetString()!;

    public string AxisTitle(string axis) => Layout.GetProperty(axis).GetProperty("title").GetProperty("text").GetString()!;

    public static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
