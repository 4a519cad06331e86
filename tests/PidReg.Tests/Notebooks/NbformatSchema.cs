using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PidReg.Tests.Notebooks;

/// <summary>
/// Validates JSON against the official nbformat 4.5 schema (test data, see Schema/README.md). A small
/// draft-04 validator of the keywords that schema uses ($ref, type, enum, required, properties,
/// patternProperties, additionalProperties, items, oneOf, not, pattern, min/maxLength, minimum, maximum,
/// uniqueItems); NJsonSchema restores but cannot resolve the schema's references, and JsonSchema.Net has no draft-04.
/// </summary>
public static class NbformatSchema
{
    static readonly Lazy<JsonObject> Schema = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Notebooks", "Schema", "nbformat.v4.5.schema.json")))!.AsObject());

    /// <summary>The schema violations of <paramref name="json"/>, one line each naming the JSON path (empty when valid).</summary>
    public static IReadOnlyList<string> Violations(string json)
    {
        var errors = new List<string>();
        Validate(JsonNode.Parse(json), Schema.Value, "$", errors);
        return errors;
    }

    static void Validate(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (schema["$ref"] is JsonValue reference)
        {
            Validate(value, Resolve(reference.GetValue<string>()), path, errors);
            return;
        }
        if (schema["type"] is JsonNode type)
        {
            var allowed = type is JsonArray types ? types.Select(t => (string)t!).ToList() : [(string)type!];
            if (!allowed.Any(t => HasType(value, t))) errors.Add($"{path}: expected {string.Join(" or ", allowed)}, found {Kind(value)}");
        }
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {options.ToJsonString()}");
        if (schema["oneOf"] is JsonArray oneOf)
        {
            var matches = oneOf.Count(s => Check(value, s!.AsObject(), path));
            if (matches != 1) errors.Add($"{path}: matches {matches} of the oneOf alternatives, expected exactly 1");
        }
        if (schema["not"] is JsonObject not && Check(value, not, path)) errors.Add($"{path}: must not match {not.ToJsonString()}");
        switch (value)
        {
            case JsonObject obj:
                if (schema["required"] is JsonArray required)
                    foreach (var name in required.Select(r => (string)r!))
                        if (!obj.ContainsKey(name)) errors.Add($"{path}: missing required property '{name}'");
                var properties = schema["properties"] as JsonObject;
                var patterns = schema["patternProperties"] as JsonObject;
                foreach (var (name, child) in obj)
                {
                    var covered = false;
                    if (properties?[name] is JsonObject property)
                    {
                        covered = true;
                        Validate(child, property, $"{path}.{name}", errors);
                    }
                    foreach (var (pattern, patternSchema) in patterns ?? [])
                        if (Regex.IsMatch(name, pattern))
                        {
                            covered = true;
                            Validate(child, patternSchema!.AsObject(), $"{path}.{name}", errors);
                        }
                    if (covered) continue;
                    if (schema["additionalProperties"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.False)
                        errors.Add($"{path}: property '{name}' is not allowed");
                    else if (schema["additionalProperties"] is JsonObject additional)
                        Validate(child, additional, $"{path}.{name}", errors);
                }
                break;
            case JsonArray array:
                if (schema["items"] is JsonObject items)
                    for (var i = 0; i < array.Count; i++) Validate(array[i], items, $"{path}[{i}]", errors);
                if (schema["uniqueItems"] is JsonValue unique && unique.GetValue<bool>())
                    for (var i = 0; i < array.Count; i++)
                        for (var j = i + 1; j < array.Count; j++)
                            if (JsonNode.DeepEquals(array[i], array[j])) errors.Add($"{path}: items {i} and {j} are equal");
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var s = v.GetValue<string>();
                if (schema["pattern"] is JsonValue regex && !Regex.IsMatch(s, regex.GetValue<string>())) errors.Add($"{path}: '{s}' does not match {regex}");
                if (schema["minLength"] is JsonValue min && s.Length < (int)min) errors.Add($"{path}: shorter than {min}");
                if (schema["maxLength"] is JsonValue max && s.Length > (int)max) errors.Add($"{path}: longer than {max}");
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                var d = v.GetValue<double>();
                if (schema["minimum"] is JsonValue minimum && d < (double)minimum) errors.Add($"{path}: {d} is below {minimum}");
                if (schema["maximum"] is JsonValue maximum && d > (double)maximum) errors.Add($"{path}: {d} is above {maximum}");
                break;
        }
    }

    static bool Check(JsonNode? value, JsonObject schema, string path)
    {
        var errors = new List<string>();
        Validate(value, schema, path, errors);
        return errors.Count == 0;
    }

    static JsonObject Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new NotSupportedException($"only local references are supported: {reference}");
        JsonNode node = Schema.Value;
        foreach (var part in reference[2..].Split('/')) node = node[part] ?? throw new InvalidOperationException($"unresolved reference {reference}");
        return node.AsObject();
    }

    static string Kind(JsonNode? value) => value is null ? "null" : value.GetValueKind().ToString().ToLowerInvariant();

    static bool HasType(JsonNode? value, string type) => type switch
    {
        "null" => value is null,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value?.GetValueKind() == JsonValueKind.String,
        "boolean" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => value?.GetValueKind() == JsonValueKind.Number,
        "integer" => value?.GetValueKind() == JsonValueKind.Number && double.IsInteger(value.GetValue<double>()),
        _ => throw new NotSupportedException($"unknown JSON schema type {type}"),
    };
}
