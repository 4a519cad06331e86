namespace PidReg.Cli.Notebooks;

/// <summary>A notebook file or a runner argument the user must fix; its message names the file or the parameter.</summary>
internal sealed class NotebookFormatException(string message) : Exception(message);
