using System.Globalization;

namespace PidReg.Data;

/// <summary>
/// The one set of input checks every command and library entry point runs before any estimation or training (the
/// estimator contract, as scikit-learn's check_array / check_X_y): column selections disjoint and in range, values
/// finite and small enough to standardise, target and modalities not constant, enough rows for the model. Each check
/// throws <see cref="ArgumentException"/> naming the file, column, row or setting at fault and a fix.
/// </summary>
public static class InputValidation
{
    /// <summary>
    /// Largest magnitude a value may have. Standardising sums squares of deviations: beyond about 1e150 they overflow
    /// to infinity and a column silently becomes "constant" or zero; 1e100 leaves room for any row count.
    /// </summary>
    public const double MaxMagnitude = 1e100;

    /// <summary>Relative spread below which a column counts as constant (as in the sample PID): sd ≤ 1e-12 · max(1, |mean|).</summary>
    public const double ConstantTolerance = 1e-12;

    /// <summary>
    /// Resolves column selections of <paramref name="table"/> (role, selector; e.g. ("target", "y"), ("X1", "1-5")) and
    /// checks that no column is in two of them. Returns the indices per selection, in order.
    /// </summary>
    public static int[][] CheckSelections(CsvTable table, IReadOnlyList<(string Role, string Selector)> selections)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(selections);
        var resolved = selections.Select(s => table.ResolveIndices(s.Selector)).ToArray();
        for (int a = 0; a < resolved.Length; a++)
            for (int b = a + 1; b < resolved.Length; b++)
            {
                var (ra, rb) = (selections[a], selections[b]);
                if (resolved[a].Order().SequenceEqual(resolved[b].Order()))
                    throw new ArgumentException(
                        $"{table.Source}: {ra.Role} ('{ra.Selector}') and {rb.Role} ('{rb.Selector}') select the same columns; " +
                        "each column may feed only one of them: give them disjoint columns.");
                int shared = resolved[a].Intersect(resolved[b]).Cast<int?>().FirstOrDefault() ?? -1;
                if (shared >= 0)
                    throw new ArgumentException(
                        $"{table.Source}: column '{table.ColumnNames[shared]}' (index {shared}) is selected by both {ra.Role} ('{ra.Selector}') " +
                        $"and {rb.Role} ('{rb.Selector}'); a column may feed only one of them: remove it from one selection.");
            }
        return resolved;
    }

    /// <summary>
    /// Checks the numeric columns <paramref name="indices"/> of <paramref name="table"/> for <paramref name="role"/>:
    /// finite, |value| ≤ <see cref="MaxMagnitude"/>, and not constant (every column when <paramref name="eachColumn"/>,
    /// else not all of them at once). Messages name the file, column and line.
    /// </summary>
    public static void CheckColumns(CsvTable table, IReadOnlyList<int> indices, string role, bool eachColumn)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(indices);
        var values = table.Select(string.Join(",", indices.Select(i => "#" + i.ToString(CultureInfo.InvariantCulture))));
        Check(values, $"{table.Source}: {role}", j => $"column '{table.ColumnNames[indices[j]]}' (index {indices[j]})", table.RowLabel, eachColumn);
    }

    /// <summary>
    /// Checks a rows × columns block: at least one row and column, finite, |value| ≤ <see cref="MaxMagnitude"/>, and not
    /// constant (each column, or not all columns at once). <paramref name="what"/> starts each message ("X1").
    /// </summary>
    public static void CheckMatrix(double[,] values, string what, bool eachColumnNonConstant)
    {
        ArgumentNullException.ThrowIfNull(values);
        Check(values, what, j => $"column {j}", i => $"row {i}", eachColumnNonConstant);
    }

    /// <summary>
    /// The checks a regressor's Fit runs before training: the values of the training and validation sets (finite, not
    /// too large), a non-constant training target, no modality constant as a whole, and at least
    /// <paramref name="minimumTrainingRows"/> training rows. <paramref name="why"/> says what needs them and how to
    /// need fewer, e.g. "the bias-corrected batch PID (...); or a smaller latent size (--latent-dim, LatentDim)".
    /// </summary>
    public static void CheckFitData(MultimodalDataset train, MultimodalDataset validation, string model, int minimumTrainingRows, string why)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        if (train.RowCount < minimumTrainingRows)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{model}: the training set of '{train.Name}' has {train.RowCount} rows but needs at least {minimumTrainingRows} for {why}."));
        foreach (var (data, part) in new[] { (train, "training"), (validation, "validation") })
        {
            bool fitting = part == "training";
            foreach (var m in data.Modalities)
                Check(m.Values, $"dataset '{data.Name}', {part} modality '{m.Name}'", j => FeatureName(m, j), i => $"row {i}", eachColumn: false, constant: fitting);
            Check(data.Target, $"dataset '{data.Name}', {part} target", j => $"column '{data.TargetNames[j]}'", i => $"row {i}", eachColumn: true, constant: fitting);
        }
    }

    static string FeatureName(Modality m, int j) => m.FeatureNames is { } names ? $"column '{names[j]}'" : $"column {j}";

    static void Check(double[,] x, string what, Func<int, string> column, Func<int, string> row, bool eachColumn, bool constant = true)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        if (n == 0) throw new ArgumentException($"{what}: no data rows (a header alone is not a data set); add rows.");
        if (n == 1 && constant) throw new ArgumentException($"{what}: only one data row; nothing can be estimated from one row: add rows.");
        if (d == 0) throw new ArgumentException($"{what}: no columns.");
        var c = CultureInfo.InvariantCulture;
        int constantColumns = 0;
        string? firstConstant = null;
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                double v = x[i, j];
                if (!double.IsFinite(v))
                    throw new ArgumentException(string.Create(c,
                        $"{what}, {column(j)}, {row(i)}: {v} is not a finite number; remove or impute it (the kit never guesses missing values)."));
                if (Math.Abs(v) > MaxMagnitude)
                    throw new ArgumentException(string.Create(c,
                        $"{what}, {column(j)}, {row(i)}: {v:G6} is too large to standardise (limit ±{MaxMagnitude:G0}: its square would overflow); rescale the column (e.g. change its units) or drop the row."));
                sum += v;
            }
            if (!constant) continue;
            double mean = sum / n, ss = 0;
            for (int i = 0; i < n; i++) ss += (x[i, j] - mean) * (x[i, j] - mean);
            double sd = n > 1 ? Math.Sqrt(ss / (n - 1)) : 0;
            // Relative to the column's own size: a column measured in tiny units still varies.
            if (sd > ConstantTolerance * Math.Abs(mean)) continue;
            if (eachColumn)
                throw new ArgumentException(string.Create(c,
                    $"{what}, {column(j)} is {Constancy(x, j, mean, sd)}; it carries no information: choose another column or give rows where it varies."));
            constantColumns++;
            firstConstant ??= string.Create(c, $"{column(j)} {Constancy(x, j, mean, sd)}");
        }
        if (constant && !eachColumn && constantColumns == d)
            throw new ArgumentException(
                $"{what}: every column is constant (e.g. {firstConstant}) over {n} rows; the modality carries no information: choose other columns.");
    }

    /// <summary>
    /// "constant (value v in all n rows)", or for a column that does vary, but by less than rounding can tell apart from
    /// its size, its range and relative spread: "value v in all rows" would be false there, and hide a fix (subtract
    /// an offset, e.g. the mean, or change units).
    /// </summary>
    static string Constancy(double[,] x, int j, double mean, double sd)
    {
        int n = x.GetLength(0);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < n; i++) (min, max) = (Math.Min(min, x[i, j]), Math.Max(max, x[i, j]));
        var c = CultureInfo.InvariantCulture;
        return min == max
            ? string.Create(c, $"constant (value {min:G6} in all {n} rows)")
            : string.Create(c, $"nearly constant: its {n} values lie between {min:R} and {max:R}, a spread (sd {sd:G3}) of {sd / Math.Abs(mean):G2} of its size, below the {ConstantTolerance:G0} that rounding can tell apart; subtract an offset (e.g. its mean) or change its units if the variation is real");
    }
}
