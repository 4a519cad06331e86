using PidReg.Data;

namespace PidReg.Cli.Commands;

/// <summary>
/// Reads the CSV behind <c>--data</c> and runs the shared input checks (<see cref="InputValidation"/>) on the columns
/// that --target and the modality flags select, so every command refuses the same bad input with the same message, naming the
/// flag, before any estimation or training.
/// </summary>
internal static class CheckedCsv
{
    /// <param name="eachFeatureColumn">True when no column of X1 or X2 may be constant (the PID); false when only a
    /// wholly constant modality is refused (training, whose scalers handle a constant feature).</param>
    public static CsvTable Read(string path, string target, string x1, string x2, bool eachFeatureColumn) =>
        Read(path, target, [("--x1", x1), ("--x2", x2)], eachFeatureColumn);

    /// <summary>The same checks for any number of modalities, each named in messages by the flag that chose it (--x1, --modality NAME).</summary>
    public static CsvTable Read(string path, string target, IReadOnlyList<(string Role, string Selector)> modalities, bool eachFeatureColumn)
    {
        var table = CsvTable.Read(path);
        var columns = InputValidation.CheckSelections(table, [("--target", target), .. modalities]);
        InputValidation.CheckColumns(table, columns[0], "--target", eachColumn: true);
        for (int i = 0; i < modalities.Count; i++) InputValidation.CheckColumns(table, columns[i + 1], modalities[i].Role, eachFeatureColumn);
        return table;
    }
}
