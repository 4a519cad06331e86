using System.Globalization;

namespace PidReg.Data;

/// <summary>
/// The 86 elements H..Rn (the element columns of UCI unique_m.csv, in that order) with the eight
/// properties of Hamidieh's features, read from data/supercon/elements.csv. A missing value is NaN.
/// </summary>
public sealed class ElementTable
{
    /// <summary>Property columns of elements.csv, in Hamidieh's feature order.</summary>
    public static IReadOnlyList<string> PropertyColumns { get; } =
        ["atomic_mass", "fie", "atomic_radius", "density", "electron_affinity", "fusion_heat", "thermal_conductivity", "valence"];

    /// <summary>Number of elements: H (Z = 1) to Rn (Z = 86).</summary>
    public const int ElementCount = 86;

    readonly Dictionary<string, int> index;

    ElementTable(string[] symbols, double[,] properties)
    {
        Symbols = symbols;
        Properties = properties;
        index = symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Element symbols in Z order.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>86 x 8 property values in the order of <see cref="PropertyColumns"/>; NaN where missing.</summary>
    public double[,] Properties { get; }

    /// <summary>Zero-based index (Z - 1) of a symbol, or -1 when the symbol is not one of the 86.</summary>
    public int IndexOf(string symbol) => index.GetValueOrDefault(symbol, -1);

    /// <summary>Reads elements.csv; checks the 86 rows are H..Rn in Z order and every present value is a number.</summary>
    public static ElementTable Read(string path)
    {
        var file = DelimitedFile.Read(path);
        int Col(string name)
        {
            int i = Array.IndexOf(file.Header, name);
            return i >= 0 ? i : throw new InvalidDataException($"{path}: column '{name}' is missing from the header.");
        }
        int sym = Col("symbol"), z = Col("Z");
        var cols = PropertyColumns.Select(Col).ToArray();
        if (file.Rows.Count != ElementCount)
            throw new InvalidDataException($"{path}: expected {ElementCount} element rows (H..Rn), found {file.Rows.Count}.");
        var symbols = new string[ElementCount];
        var props = new double[ElementCount, cols.Length];
        for (int r = 0; r < ElementCount; r++)
        {
            var row = file.Rows[r];
            if (row[z] != (r + 1).ToString(CultureInfo.InvariantCulture))
                throw new InvalidDataException($"{path}: line {file.LineNumbers[r]}: expected Z = {r + 1}, found '{row[z]}' (rows must be in Z order).");
            symbols[r] = row[sym];
            for (int k = 0; k < cols.Length; k++)
            {
                string cell = row[cols[k]];
                if (cell.Length == 0) { props[r, k] = double.NaN; continue; }
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    throw new InvalidDataException($"{path}: line {file.LineNumbers[r]}, column '{PropertyColumns[k]}': '{cell}' is not a number.");
                props[r, k] = v;
            }
        }
        return new ElementTable(symbols, props);
    }
}
