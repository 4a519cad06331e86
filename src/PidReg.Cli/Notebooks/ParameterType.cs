namespace PidReg.Cli.Notebooks;

/// <summary>The C# types a notebook parameter may have.</summary>
internal enum ParameterType { Int, Long, Double, Bool, String }
