namespace PidReg.Cli.Notebooks;

/// <summary>What one notebook run produced.</summary>
/// <param name="NotebookPath">The executed .ipynb.</param>
/// <param name="HtmlPath">The HTML report.</param>
/// <param name="FailedCells">1-based positions of failed cells in the executed notebook (empty on success).</param>
/// <param name="ExecutedCells">How many code cells ran.</param>
/// <param name="Seconds">Wall time of the whole notebook.</param>
/// <param name="InterruptedCell">1-based position of the cell that was running when a signal stopped the run, else null.</param>
internal sealed record NotebookRunResult(string NotebookPath, string HtmlPath, IReadOnlyList<int> FailedCells, int ExecutedCells, double Seconds,
    int? InterruptedCell = null)
{
    /// <summary>True when a signal stopped the run (<see cref="InterruptedCell"/> may still be null: between cells).</summary>
    public bool Interrupted { get; init; }

    /// <summary>True when no cell failed.</summary>
    public bool Succeeded => FailedCells.Count == 0;
}
