namespace PidReg.Cli.Notebooks;

/// <summary>The outcome of one executed cell.</summary>
internal enum CellStatus { Completed, Failed, TimedOut }
