namespace PidReg.Tests.Faults;

/// <summary>
/// One row of the fault battery: what to lay out in a fresh folder, what to do (run pidreg, signal it, run it again),
/// and what must come back: the exit code and words of the message (stderr, or stdout for runs that succeed).
/// </summary>
/// <param name="Name">A sentence naming the fault (the theory's case name).</param>
/// <param name="Setup">Writes the case's files (and mounts) into the folder it is given.</param>
/// <param name="Act">Runs the case in that folder; returns the run whose exit code and message are checked.</param>
/// <param name="Exit">Expected exit code: 0 ok, 1 run failed (diverged), 2 user error, 70 internal error, 130/143 after SIGINT/SIGTERM.</param>
/// <param name="Words">Words the message must contain, case-insensitive.</param>
internal sealed record FaultCase(string Name, Action<string> Setup, Func<string, FaultRun> Act, int Exit, params string[] Words)
{
    /// <summary>Files the case may change (relative paths or folder prefixes): the kit's own outputs a rerun replaces.</summary>
    public string[] Replaced { get; init; } = [];

    /// <summary>The message names an exception type: an internal error says what went wrong.</summary>
    public bool NamesException { get; init; }

    /// <summary>The stack trace is expected on stderr (--verbose).</summary>
    public bool Trace { get; init; }

    /// <summary>Words that must not appear in stdout or stderr (e.g. "epoch" when the case must fail before training).</summary>
    public string[] Absent { get; init; } = [];

    /// <summary>Further checks on the folder and the run.</summary>
    public Action<string, FaultRun>? Then { get; init; }

    public override string ToString() => Name;
}
