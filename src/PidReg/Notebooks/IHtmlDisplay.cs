namespace PidReg.Notebooks;

/// <summary>
/// A value that knows how to show itself as HTML in a notebook (results, histories, tables).
/// Both the headless runner and Polyglot kernels (through <see cref="KernelFormatters.Register"/>) use it.
/// </summary>
public interface IHtmlDisplay
{
    /// <summary>An HTML fragment (no html/head/body) that needs no script or network reference.</summary>
    string ToHtml();
}
