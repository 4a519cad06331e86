using System.Text;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// Routes Console.Out and Console.Error into the running cell's outputs. The redirect is installed once
/// per process and chooses its target through an AsyncLocal, so tasks a cell starts still write to that
/// cell, while other threads (a test host, the runner's own progress) keep the real console.
/// </summary>
internal static class ConsoleCapture
{
    static readonly AsyncLocal<Target?> Current = new();
    static readonly Lock Gate = new();
    static TextWriter? realOut, realError;

    sealed record Target(CellOutputs Outputs, TextWriter? Echo)
    {
        /// <summary>The unfinished line being echoed; per cell so a partial line never leaks into the next cell.</summary>
        public StringBuilder Line { get; } = new();
    }

    /// <summary>The console as it was before the redirect.</summary>
    public static TextWriter RealOut => realOut ?? Console.Out;

    /// <summary>
    /// Sends console writes in this async flow to <paramref name="outputs"/>, and each finished line also to
    /// <paramref name="echo"/> when given. Call it in the async method that awaits the cell; the flow's value
    /// is restored when that method returns.
    /// </summary>
    public static void Begin(CellOutputs outputs, TextWriter? echo)
    {
        lock (Gate)
        {
            if (realOut is null)
            {
                realOut = Console.Out;
                realError = Console.Error;
                Console.SetOut(new Router("stdout", realOut));
                Console.SetError(new Router("stderr", realError));
            }
        }
        Current.Value = new Target(outputs, echo);
    }

    /// <summary>Stops capturing in this async flow.</summary>
    public static void End() => Current.Value = null;

    sealed class Router(string stream, TextWriter fallback) : TextWriter
    {
        // An echo target that is itself the console (the CLI's log) would route back here forever.
        [ThreadStatic] static bool routing;

        readonly Lock lineGate = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            var target = Current.Value;
            if (target is null || routing)
            {
                fallback.Write(value);
                return;
            }
            target.Outputs.Stream(stream, value);
            if (target.Echo is null) return;
            lock (lineGate)
            {
                routing = true;
                try
                {
                    foreach (var c in value)
                    {
                        if (c != '\n')
                        {
                            target.Line.Append(c);
                            continue;
                        }
                        target.Echo.WriteLine("    | " + target.Line.ToString().TrimEnd('\r'));
                        target.Line.Clear();
                    }
                }
                finally
                {
                    routing = false;
                }
            }
        }

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush() => (Current.Value is null ? fallback : null)?.Flush();
    }
}
