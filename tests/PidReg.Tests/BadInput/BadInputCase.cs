namespace PidReg.Tests.BadInput;

/// <summary>
/// One row of the bad-input battery: files to lay out in a fresh folder, the command line (with {dir} for that folder),
/// and what must come back: the exit code and words of the message.
/// </summary>
/// <param name="Name">A sentence naming the mistake (the theory's case name).</param>
/// <param name="Setup">Writes the case's files into the folder it is given.</param>
/// <param name="Args">The arguments; "{dir}" is replaced by the case's folder.</param>
/// <param name="Exit">Expected exit code: 2 for a usage or input error, 0 for input that must work.</param>
/// <param name="Words">Words the message must contain (stderr for errors, stdout for successes), case-insensitive.</param>
internal sealed record BadInputCase(string Name, Action<string> Setup, string Args, int Exit, params string[] Words)
{
    public override string ToString() => Name;
}
