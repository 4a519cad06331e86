using System.Text.RegularExpressions;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// Reads the declarations of a cell tagged <c>parameters</c> (papermill's convention). One parameter per
/// line: <c>var NAME = LITERAL;</c> (or <c>int|long|double|bool|string NAME = LITERAL;</c>), optionally
/// followed by a comment containing <c>quick: VALUE</c>, the value <c>--quick</c> uses:
/// <code>
/// var epochs = 200;      // quick: 2
/// var learningRate = 1e-3;
/// var dataset = "synthetic"; // which set to load; quick: "tiny"
/// </code>
/// Other lines (comments, using directives, computed values) are kept but are not parameters.
/// </summary>
internal static partial class ParametersCell
{
    /// <summary>The papermill tag of the cell holding the defaults.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag of the cell the runner adds after it, replaced on every run.</summary>
    public const string InjectedTag = "injected-parameters";

    [GeneratedRegex("""^\s*(?<type>var|int|long|double|bool|string)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?<value>"(?:[^"\\]|\\.)*"|[^;/]+?)\s*;\s*(?://(?<comment>.*))?$""")]
    private static partial Regex Declaration();

    [GeneratedRegex("""\bquick:\s*(?<value>"(?:[^"\\]|\\.)*"|\S+)""")]
    private static partial Regex QuickComment();

    [GeneratedRegex("""^[+-]?\d+[lL]?$""")]
    private static partial Regex IntegerLiteral();

    [GeneratedRegex("""^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dD]?$""")]
    private static partial Regex DoubleLiteral();

    /// <summary>The parameters declared in <paramref name="source"/>, in order.</summary>
    public static IReadOnlyList<NotebookParameter> Parse(string source)
    {
        var parameters = new List<NotebookParameter>();
        foreach (var line in source.Split('\n'))
        {
            var m = Declaration().Match(line.TrimEnd('\r'));
            if (!m.Success) continue;
            var type = TypeOf(m.Groups["type"].Value, m.Groups["value"].Value);
            if (type is null) continue;
            var quick = QuickComment().Match(m.Groups["comment"].Value);
            var parameter = new NotebookParameter(m.Groups["name"].Value, type.Value, m.Groups["value"].Value,
                quick.Success ? quick.Groups["value"].Value : null);
            if (parameter.QuickValue is not null)
            {
                try { parameter.ToLiteral(parameter.QuickValue); }
                catch (NotebookFormatException e) { throw new NotebookFormatException($"quick value in the parameters cell: {e.Message}"); }
            }
            parameters.Add(parameter);
        }
        return parameters;
    }

    static ParameterType? TypeOf(string declared, string literal) => declared switch
    {
        "int" => ParameterType.Int,
        "long" => ParameterType.Long,
        "double" => ParameterType.Double,
        "bool" => ParameterType.Bool,
        "string" => ParameterType.String,
        _ when literal.StartsWith('"') => ParameterType.String,
        _ when literal is "true" or "false" => ParameterType.Bool,
        _ when IntegerLiteral().IsMatch(literal) =>
            literal.EndsWith('L') || literal.EndsWith('l') || !int.TryParse(literal, out _) ? ParameterType.Long : ParameterType.Int,
        _ when DoubleLiteral().IsMatch(literal) => ParameterType.Double,
        _ => null,
    };
}
