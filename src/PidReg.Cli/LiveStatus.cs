using System.Diagnostics;
using System.Globalization;

namespace PidReg.Cli;

/// <summary>
/// The line of a long command that says what is running now (a notebook's cell, the runs of an experiment grid), kept
/// apart from the lines the command writes for good (a cell's output, a finished run).
/// <para>
/// On a terminal it is one line rewritten in place (a carriage return, then spaces over what is left of the previous
/// text: no escape sequences, so any terminal shows it) every <see cref="TerminalRefresh"/>, cut to the terminal's width
/// so that it never wraps, and erased before a permanent line is written; it is redrawn beneath it at the next refresh.
/// </para>
/// <para>
/// Anywhere else (a pipe, a CI log, a file) rewriting is impossible and every status would stay in the log, so the
/// status is written as an ordinary line only after the command has written nothing for <c>plainEvery</c> (15 s by
/// default, <see cref="DefaultPlainEvery"/>): a log gets a line about every 15 s of a long silent step and none for
/// a step that speaks for itself. A <c>plainEvery</c> of zero writes a line at every <see cref="Updated"/> instead.
/// </para>
/// The owner keeps the state the status is drawn from under <see cref="Gate"/>, which every drawing holds too, so a status
/// is never drawn from a half-made change.
/// </summary>
internal sealed class LiveStatus : IDisposable
{
    /// <summary>
    /// Quiet time before a plain status line, away from a terminal: long enough that a log stays short (four lines a
    /// minute at most), short enough that a CI system that kills jobs silent for minutes sees a sign of life.
    /// </summary>
    public static readonly TimeSpan DefaultPlainEvery = TimeSpan.FromSeconds(15);

    /// <summary>How often the terminal line is redrawn: the elapsed time it shows ticks visibly, the terminal is not flooded.</summary>
    public static readonly TimeSpan TerminalRefresh = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of a plain interval (a day): larger values are surely a mistake.</summary>
    public const double MaxPlainEverySeconds = 24 * 3600;

    readonly TextWriter writer;
    readonly bool terminal;
    readonly TimeSpan plainEvery;
    readonly Func<string?> render;
    readonly Func<int> width;
    readonly Stopwatch quiet = Stopwatch.StartNew();
    readonly Timer? timer;
    int shown;
    bool disposed;

    /// <summary>Starts showing the status <paramref name="render"/> draws (null: nothing is running).</summary>
    /// <param name="writer">Where the status and the permanent lines go.</param>
    /// <param name="terminal">True when <paramref name="writer"/> is a terminal (the line is rewritten in place).</param>
    /// <param name="plainEvery">Away from a terminal: quiet time before a status line; zero: a line at every update. Range: [0, 1 day].</param>
    /// <param name="render">Draws the status from the owner's state; called under <see cref="Gate"/>.</param>
    /// <param name="width">The terminal's width in characters; default: the console's (80 when it cannot tell).</param>
    /// <param name="refresh">
    /// Period of the refresh; default <see cref="TerminalRefresh"/> on a terminal, a second (at most the plain interval)
    /// elsewhere. <see cref="Timeout.InfiniteTimeSpan"/>: none, <see cref="Refresh"/> is called by hand (tests).
    /// </param>
    public LiveStatus(TextWriter writer, bool terminal, TimeSpan plainEvery, Func<string?> render, Func<int>? width = null, TimeSpan? refresh = null)
    {
        if (plainEvery < TimeSpan.Zero || plainEvery.TotalSeconds > MaxPlainEverySeconds)
            throw new ArgumentOutOfRangeException(nameof(plainEvery), plainEvery, $"must be in [0, {MaxPlainEverySeconds}] seconds");
        this.writer = writer;
        this.terminal = terminal;
        this.plainEvery = plainEvery;
        this.render = render;
        this.width = width ?? ConsoleWidth;
        // Away from a terminal, a tick a second is fine enough for an interval of 15 s; zero means updates write, not ticks.
        var period = refresh ?? (terminal ? TerminalRefresh
            : plainEvery > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Min(1, plainEvery.TotalSeconds)) : Timeout.InfiniteTimeSpan);
        if (period != Timeout.InfiniteTimeSpan) timer = new Timer(_ => Refresh(), null, period, period);
    }

    /// <summary>The lock that guards the owner's state and every write of this status.</summary>
    public Lock Gate { get; } = new();

    /// <summary>True when the status is rewritten in place on a terminal.</summary>
    public bool IsTerminal => terminal;

    /// <summary>Writes a permanent line (erasing the live line first on a terminal).</summary>
    public void WriteLine(string line)
    {
        lock (Gate)
        {
            Erase();
            writer.WriteLine(line);
            writer.Flush();
            quiet.Restart();
        }
    }

    /// <summary>
    /// Says that the state changed (an epoch ended, the kernel sent progress). With a plain interval of zero the status is
    /// written now; otherwise the next tick shows it.
    /// </summary>
    public void Updated()
    {
        if (terminal || plainEvery > TimeSpan.Zero) return;
        lock (Gate)
        {
            if (disposed || render() is not { } text) return;
            writer.WriteLine(text);
            writer.Flush();
            quiet.Restart();
        }
    }

    /// <summary>Stops the refreshing and erases the live line.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (disposed) return;
            disposed = true;
            Erase();
        }
        timer?.Dispose();
    }

    /// <summary>"42 s", "3 min 05 s", "2 h 07 min".</summary>
    public static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours} h {t.Minutes:00} min")
            : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.Minutes} min {t.Seconds:00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Seconds} s");
    }

    /// <summary>
    /// Shows the status as it is now: redraws the terminal line, or writes a plain line when the log has been quiet for
    /// the plain interval. The refresh timer calls it.
    /// </summary>
    internal void Refresh()
    {
        lock (Gate)
        {
            if (disposed) return;
            var text = render();
            if (terminal)
            {
                if (text is null) Erase();
                else Draw(text);
            }
            else if (text is not null && plainEvery > TimeSpan.Zero && quiet.Elapsed >= plainEvery)
            {
                writer.WriteLine(text);
                writer.Flush();
                quiet.Restart();
            }
        }
    }

    void Draw(string text)
    {
        // One column short of the width: a line filling the last column makes some terminals wrap the cursor.
        var room = Math.Max(width() - 1, 10);
        if (text.Length > room) text = text[..(room - 1)] + "…";
        writer.Write("\r" + text.PadRight(shown));
        writer.Flush();
        shown = text.Length;
    }

    void Erase()
    {
        if (shown == 0) return;
        writer.Write("\r" + new string(' ', shown) + "\r");
        writer.Flush();
        shown = 0;
    }

    static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth is > 0 and var columns ? columns : 80;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return 80;
        }
    }
}
