using System.Net;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// A displayed value as one line of terminal text: its text/plain form when it has one, else its text/html with the tags
/// dropped and the entities decoded (the kit's progress display is HTML only: a progress bar and "epoch 37/200 ...").
/// </summary>
internal static partial class DisplayText
{
    /// <summary>Longest text kept: a status line is one terminal line, and the runner cuts it to the width anyway.</summary>
    public const int MaxLength = 300;

    /// <summary>The one-line text of <paramref name="values"/>; empty when none has text.</summary>
    public static string Of(IEnumerable<FormattedValue> values)
    {
        var all = values.ToList();
        var text = all.FirstOrDefault(v => v.MimeType == "text/plain")?.Value
            ?? (all.FirstOrDefault(v => v.MimeType == "text/html")?.Value is { } html ? FromHtml(html) : "");
        return OneLine(text);
    }

    /// <summary>The visible text of an HTML fragment (scripts and styles left out).</summary>
    public static string FromHtml(string html) =>
        WebUtility.HtmlDecode(Tag().Replace(ScriptOrStyle().Replace(html, " "), " "));

    /// <summary>Line breaks and tabs become spaces, the ends are trimmed, and the text is cut to <see cref="MaxLength"/>.</summary>
    public static string OneLine(string text)
    {
        var line = LineBreaks().Replace(text, " ").Trim();
        return line.Length <= MaxLength ? line : line[..(MaxLength - 1)] + "…";
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s*[\r\n\t]+\s*")]
    private static partial Regex LineBreaks();
}
