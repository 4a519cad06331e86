using System.Globalization;
using System.Text.RegularExpressions;

namespace PidReg.Data;

/// <summary>
/// A chemical formula such as "Ba0.2La1.8Cu1O4" parsed into element coefficients over the 86
/// elements H..Rn. Parse rules (SuperCon, see data/supercon/README.md): element tokens
/// <c>[A-Z][a-z]?</c> each with an optional number (missing = 1); repeated symbols are summed;
/// when the string does not parse, one trailing suffix (<c>=...</c>, <c>+...</c>, <c>-letter...</c>,
/// a final <c>.</c>) is stripped and parsing retried; negative coefficients, '!' and symbols outside
/// the 86 (D, T, actinides) are rejected; zero coefficients are dropped.
/// </summary>
public static partial class ChemicalFormula
{
    [GeneratedRegex(@"(=.*|\+.*|-[A-Za-z].*|\.)$")]
    private static partial Regex Suffix();

    /// <summary>
    /// Parses a formula into 86 raw coefficients (index = Z - 1). Returns null and a reason when the
    /// formula is rejected.
    /// </summary>
    public static double[]? TryParse(string formula, ElementTable elements, out string? error)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(elements);
        var result = ParseOnce(formula, elements, out error);
        if (result != null || error == null || !error.StartsWith(NotAFormula, StringComparison.Ordinal)) return result;
        var stripped = Suffix().Replace(formula, "", 1);
        if (stripped.Length == formula.Length || stripped.Length == 0) return null;
        var retry = ParseOnce(stripped, elements, out var retryError);
        if (retry == null) error = retryError + $" (after stripping the suffix of '{formula}')";
        else error = null;
        return retry;
    }

    /// <summary>Like <see cref="TryParse"/>, throwing a FormatException with the reason.</summary>
    public static double[] Parse(string formula, ElementTable elements) =>
        TryParse(formula, elements, out var error) ?? throw new FormatException(error);

    const string NotAFormula = "not a formula";

    static double[]? ParseOnce(string s, ElementTable elements, out string? error)
    {
        var coef = new double[ElementTable.ElementCount];
        int pos = 0;
        while (pos < s.Length)
        {
            // Token: [A-Z][a-z]? then an optional number -?[0-9]*\.?[0-9]*
            if (!char.IsAsciiLetterUpper(s[pos]))
            {
                error = s[pos] == '!' ? $"'{s}': '!' is not allowed" : $"{NotAFormula}: '{s}' has an unexpected '{s[pos]}' at position {pos}";
                return null;
            }
            int symbolEnd = pos + (pos + 1 < s.Length && char.IsAsciiLetterLower(s[pos + 1]) ? 2 : 1);
            int end = symbolEnd;
            if (end < s.Length && s[end] == '-') end++;
            while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
            if (end < s.Length && s[end] == '.') end++;
            while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
            string symbol = s[pos..symbolEnd], number = s[symbolEnd..end];
            double c = 1;
            if (number.Length > 0 && (!double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out c) || !double.IsFinite(c)))
            {
                error = $"{NotAFormula}: '{s}' has a bad coefficient '{number}' after {symbol}";
                return null;
            }
            if (c < 0 || number.StartsWith('-'))
            {
                error = $"'{s}': negative coefficient {number} for {symbol}";
                return null;
            }
            int z = elements.IndexOf(symbol);
            if (z < 0)
            {
                error = $"'{s}': unknown element '{symbol}' (only H..Rn are supported)";
                return null;
            }
            coef[z] += c;
            pos = end;
        }
        if (coef.All(c => c == 0))
        {
            error = $"'{s}': no element with a non-zero coefficient";
            return null;
        }
        error = null;
        return coef;
    }
}
