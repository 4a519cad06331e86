using System.Text;
using System.Text.Json.Nodes;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// Papermill-style injection: the values from <c>--quick</c> (the parameters cell's quick comments) and
/// <c>--param NAME=VALUE</c> (which wins) go into a new code cell tagged <c>injected-parameters</c> right
/// after the cell tagged <c>parameters</c>; a previous injected cell is replaced.
/// </summary>
internal static class ParameterInjector
{
    /// <summary>
    /// Injects into <paramref name="notebook"/> and returns the injected values by name (empty when nothing
    /// was overridden). Errors name the notebook and, for an unknown name, list the known parameters.
    /// </summary>
    public static IReadOnlyDictionary<string, JsonNode?> Inject(NotebookDocument notebook, string notebookName,
        IReadOnlyList<KeyValuePair<string, string>> overrides, bool quick)
    {
        notebook.Cells.RemoveAll(c => c.Tags.Contains(ParametersCell.InjectedTag));
        var index = notebook.Cells.FindIndex(c => c.CellType == "code" && c.Tags.Contains(ParametersCell.Tag));
        // Without the tag, --quick and --param would change nothing while the report said they had: refuse both.
        if (index < 0)
        {
            if (overrides.Count > 0)
                throw new NotebookFormatException($"{notebookName}: --param {overrides[0].Key} given, but no code cell is tagged '{ParametersCell.Tag}'; {HowToTag}");
            if (quick)
                throw new NotebookFormatException($"{notebookName}: --quick given, but no code cell is tagged '{ParametersCell.Tag}'; {HowToTag}");
            return new Dictionary<string, JsonNode?>();
        }
        var declared = ParametersCell.Parse(notebook.Cells[index].Source);
        if (quick && overrides.Count == 0 && declared.All(p => p.QuickValue is null))
            throw new NotebookFormatException(
                $"{notebookName}: --quick given, but the cell tagged '{ParametersCell.Tag}' has no quick values; end a declaration with a comment such as `var epochs = 200; // quick: 5`");
        var values = new List<(NotebookParameter Parameter, string Value)>();
        if (quick)
            values.AddRange(declared.Where(p => p.QuickValue is not null).Select(p => (p, p.QuickValue!)));
        foreach (var (name, value) in overrides)
        {
            var parameter = declared.FirstOrDefault(p => p.Name == name) ?? throw new NotebookFormatException(
                $"{notebookName}: unknown parameter '{name}'; the parameters cell declares: "
                + (declared.Count == 0 ? "(none)" : string.Join(", ", declared.Select(p => $"{p.Name} ({NotebookParameter.TypeName(p.Type)})"))));
            values.RemoveAll(v => v.Parameter.Name == name);
            values.Add((parameter, value));
        }
        var recorded = new Dictionary<string, JsonNode?>();
        if (values.Count == 0) return recorded;

        var source = new StringBuilder("// Injected by `pidreg notebooks run`");
        source.Append(quick ? " (--quick" + (overrides.Count > 0 ? ", --param)" : ")") : " (--param)").Append('\n');
        foreach (var (parameter, value) in values)
        {
            source.Append("var ").Append(parameter.Name).Append(" = ").Append(parameter.ToLiteral(value)).Append(";\n");
            recorded[parameter.Name] = parameter.ToJson(value);
        }
        notebook.Cells.Insert(index + 1, NotebookCell.Create("code", source.ToString().TrimEnd('\n'), ParametersCell.InjectedTag));
        return recorded;
    }

    /// <summary>How to add the tag, for the errors above.</summary>
    const string HowToTag = "tag the cell of `var NAME = VALUE; // quick: VALUE` lines 'parameters' (Jupyter: View > Cell Toolbar > Tags; "
        + "in the .ipynb file: \"metadata\": {\"tags\": [\"parameters\"]} on that cell)";
}
