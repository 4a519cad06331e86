using System.CommandLine;
using PidReg.Model;

namespace PidReg.Cli.Commands;

/// <summary>
/// How a command that reads --data is told its modalities: <c>--x1 COLS --x2 COLS</c>, the two-modality spelling (named
/// x1 and x2), or <c>--modality NAME=COLS</c> once per modality, in order. Mixing the two spellings is an error.
/// </summary>
internal sealed class ModalityFlags
{
    public Option<string?> X1 { get; } = new("--x1") { Description = "Columns of modality 1 (names or positions like #1-80); with --x2, the two-modality spelling of --modality." };

    public Option<string?> X2 { get; } = new("--x2") { Description = "Columns of modality 2." };

    public Option<string[]> Modality { get; } = new("--modality")
    {
        Description = "A named modality, NAME=COLS, instead of --x1 and --x2: give it once per modality, in order (two or more).",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { X1, X2, Modality }) command.Options.Add(option);
    }

    /// <summary>
    /// The modalities the flags give to a model, or null when none are given (the caller says what it needs then). A
    /// name also names PIDReg's fusion paths, where '*' joins modalities ("a*b"), so it may not contain one.
    /// </summary>
    public IReadOnlyList<Selection>? Bind(ParseResult parse) => ForTraining(Resolve(parse.GetValue(X1), parse.GetValue(X2), parse.GetValue(Modality) ?? []));

    /// <summary><paramref name="selections"/> after the check of <see cref="Bind"/>.</summary>
    public static IReadOnlyList<Selection>? ForTraining(IReadOnlyList<Selection>? selections)
    {
        if (selections?.FirstOrDefault(m => m.Name.Contains(FusionPath.Separator, StringComparison.Ordinal)) is { } bad)
            throw new ArgumentException($"{bad.Flag}: a modality name may not contain '{FusionPath.Separator}' (it joins names in fusion paths, \"a{FusionPath.Separator}b\"); rename it");
        return selections;
    }

    /// <summary>
    /// The modalities of --x1/--x2 or of the --modality flags (at least two, distinct names); null when neither is given.
    /// Anything else is a usage error naming the fix.
    /// </summary>
    public static IReadOnlyList<Selection>? Resolve(string? x1, string? x2, IReadOnlyList<string> modalityFlags)
    {
        if (modalityFlags.Count > 0)
        {
            if (x1 is not null || x2 is not null)
                throw new ArgumentException("give either --x1 and --x2 or --modality NAME=COLS for each modality, not both");
            var named = modalityFlags.Select(Parse).ToList();
            var twice = named.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) throw new ArgumentException($"--modality {twice.Key} is given twice; modality names must differ");
            if (named.Count < 2) throw new ArgumentException($"--modality {named[0].Name}: give a second --modality NAME=COLS (a multimodal model needs at least two modalities)");
            return named;
        }
        if (x1 is null && x2 is null) return null;
        if (x1 is null || x2 is null)
            throw new ArgumentException($"{(x1 is null ? "--x2" : "--x1")} needs {(x1 is null ? "--x1" : "--x2")}: give both, or --modality NAME=COLS for each modality");
        return [new("--x1", "x1", x1), new("--x2", "x2", x2)];
    }

    /// <summary>One --modality NAME=COLS, or a usage error showing the form.</summary>
    public static Selection Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
            throw new ArgumentException($"--modality {text}: write NAME=COLS, e.g. --modality thickness=#0-67");
        var name = text[..equals].Trim();
        return new($"--modality {name}", name, text[(equals + 1)..].Trim());
    }

    /// <summary>One modality as the command line chose it.</summary>
    /// <param name="Flag">The flag that chose it, for messages ("--x1", "--modality text").</param>
    /// <param name="Name">The modality's name.</param>
    /// <param name="Columns">Its column selector.</param>
    internal sealed record Selection(string Flag, string Name, string Columns);
}
