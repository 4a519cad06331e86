using System.Text.Json.Nodes;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// The globals of every cell run by the headless runner: <c>display(value)</c> works as in a Polyglot
/// kernel, returning a handle whose <c>Update(value)</c> replaces that output.
/// </summary>
public sealed class ScriptGlobals
{
    internal CellOutputs? Outputs { get; set; }

    /// <summary>Shows <paramref name="value"/> as a display_data output (text/plain and text/html).</summary>
    /// <param name="value">Any value; charts, DataFrames, sequences and IHtmlDisplay objects get HTML views.</param>
    /// <param name="mimeTypes">Pass "text/html" to show a string as HTML rather than text.</param>
#pragma warning disable IDE1006 // lower case to match the kernel's display()
    public DisplayedValue display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        var outputs = Outputs ?? throw new InvalidOperationException("display() was called outside a running cell");
        return new DisplayedValue(outputs, outputs.Display(value, mimeTypes));
    }

    /// <summary>A displayed output that can be replaced, like the kernel's DisplayedValue.</summary>
    public sealed class DisplayedValue
    {
        readonly CellOutputs outputs;
        readonly JsonObject output;

        internal DisplayedValue(CellOutputs outputs, JsonObject output)
        {
            this.outputs = outputs;
            this.output = output;
        }

        /// <summary>Replaces what this output shows.</summary>
        public void Update(object? value) => outputs.Update(output, value);
    }
}
