using System.CommandLine;
using System.Globalization;
using PidReg.Data;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg datasets export NAME --out FILE.csv`: a registry dataset as a plain CSV (modalities in order, target last),
/// for other tools and for `pidreg fit --data`. For example the SuperCon rebuild in the reference implementation's
/// column layout: 0-80 physical, 81-166 elements, 167 Tc.
/// </summary>
internal static class DatasetsExportCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = $"Dataset: {string.Join(", ", Datasets.Names)}." };
        var output = new Option<FileInfo>("--out") { Description = "CSV file to write (must not exist yet).", Required = true };
        var command = new Command("export", "Write a dataset as a plain CSV: header, every modality's columns in order, the target last.")
        {
            name, output,
        };
        command.SetAction(parseResult => CommandGuard.Run("datasets export", () => Run(parseResult.GetValue(name)!, parseResult.GetValue(output)!)));
        return command;
    }

    static int Run(string name, FileInfo output)
    {
        if (output.Exists)
            throw new IOException($"--out {output.FullName} already exists; choose another path or delete the file first.");
        var data = Datasets.Load(name);
        output.Directory?.Create();
        using (var writer = new StreamWriter(output.FullName, append: false))
            data.WriteCsv(writer);
        var columns = new List<string>();
        int start = 0;
        foreach (var m in data.Modalities)
        {
            columns.Add($"{Range(start, m.Dims)} {m.Name}");
            start += m.Dims;
        }
        columns.Add($"{Range(start, data.TargetNames.Count)} {string.Join(",", data.TargetNames)} (target)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{data.Name} ({data.Kind}): {data.RowCount} rows; columns {string.Join(", ", columns)}; written to {output.FullName}"));
        return 0;

        static string Range(int first, int count) => count == 1 ? $"{first}" : $"{first}-{first + count - 1}";
    }
}
