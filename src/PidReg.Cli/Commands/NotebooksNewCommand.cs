using System.CommandLine;
using PidReg.Cli.Notebooks;
using PidReg.Data;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg notebooks new PATH --data FILE --target COLS (--x1 COLS --x2 COLS | --modality NAME=COLS ...) [--force]`:
/// writes a starter notebook for a user's CSV (<see cref="StarterNotebook"/>) that runs where it is written, loading the
/// kit as a package from set-up's feed (<see cref="KitPackage"/>). The data is read and checked first, so a bad column
/// fails here, not in the notebook.
/// </summary>
internal static class NotebooksNewCommand
{
    const string Name = "notebooks new";

    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "The notebook to write (.ipynb); its folder is created when missing." };
        var data = new Option<string>("--data") { Description = "CSV file (header row; .csv or .csv.gz).", Required = true };
        var target = new Option<string>("--target") { Description = "Target column(s): COLS, names or positions like #0-2 (see the README).", Required = true };
        var x1 = new Option<string?>("--x1") { Description = "Columns of modality 1; named after its columns (their common prefix, or the names of one or two columns)." };
        var x2 = new Option<string?>("--x2") { Description = "Columns of modality 2." };
        var modality = new Option<string[]>("--modality")
        {
            Description = "A named modality, NAME=COLS (give it twice instead of --x1 and --x2).",
            AllowMultipleArgumentsPerToken = false,
        };
        var force = new Option<bool>("--force") { Description = "Replace PATH if it exists." };
        var command = new Command("new", "Write a starter notebook for your CSV: normality test, PID, PIDReg beside early fusion, the explanation and its charts.")
        {
            path, data, target, x1, x2, modality, force,
        };
        command.SetAction((parseResult, _) => Task.FromResult(CommandGuard.Run(Name, () => Run(
            parseResult.GetValue(path)!, parseResult.GetValue(data)!, parseResult.GetValue(target)!, parseResult.GetValue(x1),
            parseResult.GetValue(x2), parseResult.GetValue(modality) ?? [], parseResult.GetValue(force), Console.Out))));
        return command;
    }

    internal static int Run(string path, string dataFile, string target, string? x1, string? x2, IReadOnlyList<string> modalityFlags,
        bool force, TextWriter output)
    {
        var notebookPath = Path.GetFullPath(path);
        if (!notebookPath.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{path}: a notebook's file name ends in .ipynb");
        if (Directory.Exists(notebookPath))
            throw new ArgumentException($"{path} is a folder; give the notebook's file name, e.g. {Path.Combine(path, "analysis.ipynb")}");
        if (File.Exists(notebookPath) && !force)
            throw new IOException($"{path} exists; pass --force to replace it");
        var dataPath = Path.GetFullPath(dataFile);
        if (!File.Exists(dataPath)) throw new FileNotFoundException($"--data {dataFile}: file not found");

        var table = CsvTable.Read(dataPath);
        var modalities = Modalities(table, x1, x2, modalityFlags);
        // Read exactly as the notebook will, so every check (columns, disjoint selections, finite values) fails now.
        var dataset = MultimodalDataset.FromTable(table, target, modalities);
        var split = dataset.Split();

        var folder = Path.GetDirectoryName(notebookPath)!;
        var relative = Path.GetRelativePath(folder, dataPath);
        // Inside the notebook's folder the path is relative, so the folder can move as a whole; elsewhere it is absolute.
        var written = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? dataPath : relative;
        var feed = KitPackage.Feed;
        var notebook = StarterNotebook.Create(feed, KitPackage.Version, written, target, dataset.TargetNames[0], modalities, split.Train.RowCount);
        Directory.CreateDirectory(folder);
        notebook.Save(notebookPath);
        output.WriteLine($"wrote {path}: {dataset}");
        // Written anyway: the notebook is right, and runs once set-up has packed the kit.
        if (!File.Exists(KitPackage.PackageFile(feed)))
            output.WriteLine($"note: the notebook loads the kit's package {KitPackage.Id} {KitPackage.Version} from {feed}, which does not hold it yet: " +
                             "run bash environment/setup.sh in the kit's repository first");
        output.WriteLine($"run it: pidreg notebooks run {path} --quick --out {Path.GetFileNameWithoutExtension(notebookPath)}-report");
        return CommandGuard.Ok;
    }

    /// <summary>The two (name, columns) pairs from --x1/--x2 or --modality; anything else is a usage error naming the fix.</summary>
    internal static IReadOnlyList<(string Name, string Columns)> Modalities(CsvTable table, string? x1, string? x2, IReadOnlyList<string> modalityFlags)
    {
        var chosen = ModalityFlags.Resolve(x1, x2, modalityFlags)
            ?? throw new ArgumentException("give the two modalities: --x1 COLS --x2 COLS, or --modality NAME=COLS twice");
        if (modalityFlags.Count > 0)
        {
            if (chosen.Count > 2)
                throw new ArgumentException(
                    $"--modality given {chosen.Count} times ({string.Join(", ", chosen.Select(m => m.Name))}): the starter notebook is written for two modalities (its charts draw the two-source atoms); give two here, or train more with fit and experiment");
            return [.. chosen.Select(m => (m.Name, m.Columns))];
        }
        var (n1, n2) = (GroupName(table.ResolveNames(x1!)), GroupName(table.ResolveNames(x2!)));
        return n1 is null || n2 is null || n1 == n2 ? [("x1", x1!), ("x2", x2!)] : [(n1, x1!), (n2, x2!)];
    }

    /// <summary>
    /// A modality's name from its columns: their common prefix without trailing digits and separators ("thick_1",
    /// "thick_2" give "thick"), else the names of one or two columns ("area+rooms"), else null (then x1 and x2).
    /// </summary>
    internal static string? GroupName(IReadOnlyList<string> columns)
    {
        var prefix = columns[0];
        foreach (var c in columns.Skip(1))
        {
            var n = 0;
            while (n < prefix.Length && n < c.Length && prefix[n] == c[n]) n++;
            prefix = prefix[..n];
        }
        if (columns.Count > 1) prefix = prefix.TrimEnd('_', '-', '.', ' ', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        if (prefix.Length >= 2) return prefix;
        return columns.Count <= 2 ? string.Join("+", columns) : null;
    }
}
