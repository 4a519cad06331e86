using PidReg.Data;

namespace PidReg.Cli.Commands;

/// <summary>
/// Reads the CSV behind <c>--data</c> and runs the shared input checks (<see cref="InputValidation"/>) on the columns
/// that --target, --x1 and --x2 select, so every command refuses the same bad input with the same message, naming the
/// flag, before any estimation or training.
/// </summary>
internal static class CheckedCsv
{
    /// <param name="eachFeatureColumn">True when no column of X1 or X2 may be constant (the PID); false when only a
    /// wholly constant modality is refused (training, whose scalers handle a constant feature).</param>
    public static CsvTable Read(string path, string target, string x1, string x2, bool eachFeatureColumn)
    {
        var table = CsvTable.Read(path);
        var columns = InputValidation.CheckSelections(table, [("--target", target), ("--x1", x1), ("--x2", x2)]);
        InputValidation.CheckColumns(table, columns[0], "--target", eachColumn: true);
        InputValidation.CheckColumns(table, columns[1], "--x1", eachFeatureColumn);
        InputValidation.CheckColumns(table, columns[2], "--x2", eachFeatureColumn);
        return table;
    }
}
