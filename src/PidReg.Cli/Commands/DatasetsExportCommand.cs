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
        command.SetAction((parseResult, ct) => Task.FromResult(CommandGuard.Run("datasets export", () => Run(parseResult.GetValue(name)!, parseResult.GetValue(output)!, ct))));
        return command;
    }

    static int Run(string name, FileInfo output, CancellationToken ct)
    {
        if (Directory.Exists(output.FullName))
            throw new IOException($"--out {output} is a folder; --out takes a file name, e.g. {Path.Combine(output.ToString(), name + ".csv")}.");
        if (output.Exists)
            throw new IOException($"--out {output.FullName} already exists; choose another path or delete the file first.");
        // Written under a hidden name beside the target and renamed when complete: a failure leaves no partial CSV. The
        // file is opened before the dataset is loaded, so an unwritable place is reported before any work.
        var folder = output.DirectoryName!;
        var partial = Path.Combine(folder, $".{output.Name}.pidreg-partial-{Environment.ProcessId}");
        MultimodalDataset data;
        try
        {
            Directory.CreateDirectory(folder);
            using (var writer = new StreamWriter(partial, append: false))
            {
                data = Datasets.Load(name);
                ct.ThrowIfCancellationRequested();
                data.WriteCsv(writer);
            }
            ct.ThrowIfCancellationRequested();  // interrupted: the partial file goes, nothing appears at --out
            if (File.Exists(output.FullName))
                throw new IOException($"--out {output.FullName} appeared while the dataset was written (another run?); it was left as it is.");
            File.Move(partial, output.FullName, overwrite: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(partial)) File.Delete(partial);
            if (e.Message.StartsWith("--out ", StringComparison.Ordinal)) throw;
            throw new IOException($"--out {output}: cannot write the CSV ({StagedOutput.Reason(e)}); choose a writable folder with free space.", e);
        }
        catch
        {
            if (File.Exists(partial)) File.Delete(partial);
            throw;
        }
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
