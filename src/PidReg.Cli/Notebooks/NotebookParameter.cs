using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// One knob declared in a notebook's <c>parameters</c> cell: <c>var epochs = 200; // quick: 2</c>.
/// The default literal fixes the type; <see cref="QuickValue"/> is the value <c>--quick</c> injects.
/// </summary>
internal sealed record NotebookParameter(string Name, ParameterType Type, string DefaultLiteral, string? QuickValue)
{
    /// <summary>
    /// The C# literal for <paramref name="value"/> as this parameter's type (2 → <c>2</c>, <c>2L</c>, <c>2.0</c>);
    /// a value that does not parse as the type gives an error naming the parameter.
    /// </summary>
    public string ToLiteral(string value)
    {
        var v = value.Trim();
        var c = CultureInfo.InvariantCulture;
        string? literal = Type switch
        {
            ParameterType.Int => int.TryParse(v, NumberStyles.AllowLeadingSign, c, out var i) ? i.ToString(c) : null,
            ParameterType.Long => long.TryParse(v.TrimEnd('L', 'l'), NumberStyles.AllowLeadingSign, c, out var l) ? l.ToString(c) + "L" : null,
            ParameterType.Double => TryDouble(v, out var d) ? DoubleLiteral(d) : null,
            ParameterType.Bool => bool.TryParse(v, out var b) ? (b ? "true" : "false") : null,
            ParameterType.String => SymbolDisplay.FormatLiteral(Unquote(value), quote: true),
            _ => null,
        };
        if (literal is null && Type is ParameterType.Int or ParameterType.Long
            && double.TryParse(v.TrimEnd('L', 'l'), NumberStyles.Float, c, out var number) && !double.IsNaN(number))
            throw new NotebookFormatException(Type == ParameterType.Int
                ? $"parameter {Name} is int (default {DefaultLiteral}); '{value}' is not a valid int: {(number % 1 != 0 ? "not a whole number" : "outside its range")} (an int lies between {int.MinValue} and {int.MaxValue})"
                : $"parameter {Name} is long (default {DefaultLiteral}); '{value}' is not a valid long: {(number % 1 != 0 ? "not a whole number" : "outside its range")} (a long lies between {long.MinValue} and {long.MaxValue})");
        // "1e999" parses as infinity: a number too large for a double, not the infinity the user could write by name.
        if (Type == ParameterType.Double && literal is not null && TryDouble(v, out var parsed) && double.IsInfinity(parsed)
            && v.Any(char.IsDigit))
            throw new NotebookFormatException($"parameter {Name} is double (default {DefaultLiteral}); '{value}' is not a valid double: outside its range (a double lies between ±{double.MaxValue.ToString("G3", c)})");
        return literal ?? throw new NotebookFormatException(
            $"parameter {Name} is {TypeName(Type)} (default {DefaultLiteral}); '{value}' is not a valid {TypeName(Type)}");
    }

    /// <summary>The value as it is recorded in the executed notebook's metadata (a JSON number, bool or string).</summary>
    public System.Text.Json.Nodes.JsonNode? ToJson(string value)
    {
        var literal = ToLiteral(value);
        return Type switch
        {
            ParameterType.Int => int.Parse(literal, CultureInfo.InvariantCulture),
            ParameterType.Long => long.Parse(literal.TrimEnd('L'), CultureInfo.InvariantCulture),
            ParameterType.Double => TryDouble(value.Trim(), out var d) && double.IsFinite(d) ? d : literal,
            ParameterType.Bool => literal == "true",
            _ => Unquote(value),
        };
    }

    /// <summary>The C# keyword of a parameter type.</summary>
    public static string TypeName(ParameterType type) => type switch
    {
        ParameterType.Int => "int",
        ParameterType.Long => "long",
        ParameterType.Double => "double",
        ParameterType.Bool => "bool",
        _ => "string",
    };

    static bool TryDouble(string v, out double d)
    {
        switch (v)
        {
            case "NaN" or "double.NaN": d = double.NaN; return true;
            case "inf" or "Infinity" or "double.PositiveInfinity": d = double.PositiveInfinity; return true;
            case "-inf" or "-Infinity" or "double.NegativeInfinity": d = double.NegativeInfinity; return true;
        }
        return double.TryParse(v.TrimEnd('d', 'D'), NumberStyles.Float, CultureInfo.InvariantCulture, out d);
    }

    static string DoubleLiteral(double d)
    {
        if (double.IsNaN(d)) return "double.NaN";
        if (double.IsPositiveInfinity(d)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(d)) return "double.NegativeInfinity";
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        // A bare "2" would make the injected variable an int and break the declared double.
        return r.Contains('.') || r.Contains('E') ? r : r + ".0";
    }

    // Quick values and --param values may be written as C# string literals ("abc") or bare (abc).
    static string Unquote(string value)
    {
        var v = value.Trim();
        if (v.Length >= 2 && v[0] == '"' && v[^1] == '"')
            return v[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return value;
    }
}
