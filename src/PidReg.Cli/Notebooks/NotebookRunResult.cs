namespace PidReg.Cli.Notebooks;

/// <summary>What one notebook run produced.</summary>
/// <param name="NotebookPath">The executed .ipynb.</param>
/// <param name="HtmlPath">The HTML report.</param>
/// <param name="FailedCells">1-based positions of failed cells in the executed notebook (empty on success).</param>
/// <param name="ExecutedCells">How many code cells ran.</param>
/// <param name="Seconds">Wall time of the whole notebook.</param>
internal sealed record NotebookRunResult(string NotebookPath, string HtmlPath, IReadOnlyList<int> FailedCells, int ExecutedCells, double Seconds)
{
    /// <summary>True when no cell failed.</summary>
    public bool Succeeded => FailedCells.Count == 0;
}
