using System.Text;
using static PidReg.Tests.BadInput.BadInputFiles;

namespace PidReg.Tests.BadInput;

/// <summary>
/// The table of the battery: every command against bad inputs. Each must exit 2 with a message naming the
/// file, column, row or flag, before any work; BOM and CRLF files must work (exit 0).
/// </summary>
internal static class BadInputCases
{
    const string Pid = "pid --data {dir}/d.csv --target y --x1 1-5 --x2 6-10";
    const string Fit = "fit --data {dir}/d.csv --target y --x1 1-5 --x2 6-10";
    const string Experiment = "experiment --data {dir}/d.csv --target y --x1 1-5 --x2 6-10 --epochs 1";

    public static readonly BadInputCase[] All =
    [
        // Column selections (COLS)
        new("pid: the target inside X1", Good(), "pid --data {dir}/d.csv --target y --x1 0-5 --x2 6-10", 2, "column 'y' (index 0)", "--target", "--x1"),
        new("pid: X1 equal to X2", Good(), "pid --data {dir}/d.csv --target y --x1 1-5 --x2 1-5", 2, "--x1", "--x2", "same columns"),
        new("pid: X1 and X2 share a column", Good(), "pid --data {dir}/d.csv --target y --x1 1-5 --x2 5-10", 2, "column 'a5' (index 5)", "selected by both"),
        new("pid: a column index out of range", Good(), "pid --data {dir}/d.csv --target y --x1 1-50 --x2 6-10", 2, "index 50", "out of range", "11 columns"),
        new("pid: an unknown column name", Good(), "pid --data {dir}/d.csv --target age --x1 1-5 --x2 6-10", 2, "unknown column 'age'", "available columns"),
        new("pid: a reversed range", Good(), "pid --data {dir}/d.csv --target y --x1 5-1 --x2 6-10", 2, "reversed", "1-5"),
        new("pid: a column picked twice", Good(), "pid --data {dir}/d.csv --target y --x1 1,1 --x2 6-10", 2, "more than once", "a1"),
        new("pid: a bare range with numeric column names is ambiguous", Csv("d.csv", Text(Rows(), "y,0,1,2,3,4,5,6,7,8,9")),
            "pid --data {dir}/d.csv --target y --x1 0-4 --x2 5-9", 2, "ambiguous", "#0-4"),
        new("pid: a numeric name that points elsewhere is ambiguous", Csv("d.csv", Text(Rows(), "y,0,1,2,3,4,5,6,7,8,9")),
            "pid --data {dir}/d.csv --target y --x1 0,1 --x2 5-9", 2, "ambiguous", "'0'", "#1"),
        new("pid: #positions work with numeric column names", Csv("d.csv", Text(Rows(), "y,0,1,2,3,4,5,6,7,8,9")),
            "pid --data {dir}/d.csv --target y --x1 #1-5 --x2 #6-10", 0, "partial information decomposition"),
        new("pid: a # that is not a position", Good(), "pid --data {dir}/d.csv --target y --x1 #a --x2 6-10", 2, "'#a'", "not a position"),

        // Values
        new("pid: NaN in a cell", WithCell(10, 3, "NaN"), Pid, 2, "d.csv", "line 12", "'a3'", "not a finite number"),
        new("pid: infinity in a cell", WithCell(10, 3, "Infinity"), Pid, 2, "line 12", "'a3'", "not a finite number"),
        new("pid: an empty cell", WithCell(4, 7, ""), Pid, 2, "line 6", "'b2'", "not a finite number"),
        new("pid: text in a numeric cell", WithCell(4, 7, "abc"), Pid, 2, "line 6", "'abc'"),
        new("pid: 1e308 overflows standardising", WithCell(3, 2, "1e308"), Pid, 2, "d.csv", "'a2'", "line 5", "too large", "1E+100"),
        new("fit: 1e308 overflows the scaler", WithCell(3, 2, "-1e308"), Fit, 2, "'a2'", "line 5", "too large"),
        new("pid: a constant target", WithConstant([0]), Pid, 2, "--target", "column 'y'", "constant"),
        new("pid: a constant X1 column", WithConstant([2]), Pid, 2, "--x1", "'a2'", "constant"),

        // Files
        new("pid: a missing file", _ => { }, Pid, 2, "d.csv", "not found"),
        new("pid: an empty file", Csv("d.csv", ""), Pid, 2, "d.csv", "empty"),
        new("pid: a header only", Csv("d.csv", Header + "\n"), Pid, 2, "d.csv", "no data rows"),
        new("pid: one row", Csv("d.csv", Text(Rows(1))), Pid, 2, "d.csv", "one data row"),
        new("pid: fewer rows than columns", Csv("d.csv", Text(Rows(8))), Pid, 2, "8 rows", "11 columns"),
        new("pid: a ragged row", dir => { var rows = Rows(); rows[20] = "1,2"; File.WriteAllText(Path.Combine(dir, "d.csv"), Text(rows)); },
            Pid, 2, "line 22", "2 cells but the header has 11"),
        new("pid: a semicolon-delimited file", Csv("d.csv", Text(Rows().Select(r => r.Replace(',', ';')), Header.Replace(',', ';'))), Pid, 2, "';'", "comma-separated"),
        new("pid: duplicate column names", Csv("d.csv", Text(Rows(), "y,a1,a1,a3,a4,a5,b1,b2,b3,b4,b5")), Pid, 2, "'a1'", "more than once"),
        new("pid: a UTF-8 BOM works", dir => File.WriteAllText(Path.Combine(dir, "d.csv"), Text(Rows()), new UTF8Encoding(true)), Pid, 0, "redundancy"),
        new("pid: CRLF line ends work", Csv("d.csv", Text(Rows(), newline: "\r\n")), Pid, 0, "redundancy"),
        new("pid: a BOM and CRLF gzip works", dir => File.WriteAllBytes(Path.Combine(dir, "d.csv.gz"), Gzip("\uFEFF" + Text(Rows(), newline: "\r\n"))),
            "pid --data {dir}/d.csv.gz --target y --x1 1-5 --x2 6-10", 0, "redundancy"),
        new("pid: a gzip cut at a row boundary", Gz("d.csv.gz", CutAtRowBoundary), "pid --data {dir}/d.csv.gz --target y --x1 1-5 --x2 6-10", 2, "d.csv.gz", "truncated"),
        new("pid: a gzip cut in the middle", Gz("d.csv.gz", b => b[..(b.Length / 2)]), "pid --data {dir}/d.csv.gz --target y --x1 1-5 --x2 6-10", 2, "d.csv.gz", "truncated"),
        new("pid: a gzip without its trailer", Gz("d.csv.gz", b => b[..^8]), "pid --data {dir}/d.csv.gz --target y --x1 1-5 --x2 6-10", 2, "d.csv.gz", "truncated"),
        new("pid: a gzip of ten bytes", Gz("d.csv.gz", b => b[..10]), "pid --data {dir}/d.csv.gz --target y --x1 1-5 --x2 6-10", 2, "d.csv.gz", "truncated"),
        new("pid: a corrupt gzip", Gz("d.csv.gz", b => { var c = b.ToArray(); for (int i = 40; i < 60; i++) c[i] ^= 0x5A; return c; }),
            "pid --data {dir}/d.csv.gz --target y --x1 1-5 --x2 6-10", 2, "d.csv.gz", "corrupt"),
        new("pid: a plain CSV named .gz", Good("d.csv.gz"), "pid --data {dir}/d.csv.gz --target y --x1 1-5 --x2 6-10", 2, "d.csv.gz", "corrupt"),

        // Counts and settings
        new("pid: --bootstrap 2147483647", Good(), Pid + " --bootstrap 2147483647", 2, "--bootstrap", "at most 100000"),
        new("pid: --bootstrap 5", Good(), Pid + " --bootstrap 5", 2, "--bootstrap", "at least 10"),
        new("pid: --covariance and --data together", Good(), Pid + " --covariance {dir}/d.csv --dims 1,1,1", 2, "exactly one"),
        new("pid: an unknown option", Good(), Pid + " --frobnicate", 2, "--frobnicate"),
        new("pid: --bootstrap not a number", Good(), Pid + " --bootstrap many", 2, "many"),
        new("fit: --epochs 0", Good(), Fit + " --epochs 0", 2, "--epochs 0", "between 1 and 100000"),
        new("fit: --epochs 2147483647", Good(), Fit + " --epochs 2147483647", 2, "--epochs", "100000"),
        new("fit: --batch-size 2", Good(), Fit + " --batch-size 2", 2, "--batch-size 2"),
        new("fit: a batch too small for the bias-corrected PID", Good(), Fit + " --batch-size 64", 2, "--batch-size", "at least 194", "--latent-dim", "pidreg-always-product"),
        new("fit: --learning-rate 0", Good(), Fit + " --learning-rate 0", 2, "--learning-rate"),
        new("fit: --latent-dim 0", Good(), Fit + " --latent-dim 0", 2, "--latent-dim 0"),
        new("fit: --patience 0", Good(), Fit + " --patience 0", 2, "--patience 0"),
        new("fit: --threads 0", Good(), Fit + " --threads 0", 2, "--threads 0"),
        new("fit: --weight-averaging -1", Good(), Fit + " --weight-averaging -1", 2, "--weight-averaging -1", "between 0 (off) and 1000"),
        new("fit: --weight-averaging NaN", Good(), Fit + " --weight-averaging NaN", 2, "--weight-averaging NaN"),
        new("fit: an unknown model", Good(), Fit + " --model magic", 2, "unknown --model 'magic'"),
        new("fit: a missing --target", Good(), "fit --data {dir}/d.csv --x1 1-5 --x2 6-10", 2, "--target"),

        // Training data
        new("fit: the target inside X1", Good(), "fit --data {dir}/d.csv --target y --x1 0-5 --x2 6-10", 2, "selected by both", "--target", "--x1"),
        new("fit: X1 equal to X2", Good(), "fit --data {dir}/d.csv --target y --x1 1-5 --x2 1-5", 2, "same columns"),
        new("fit: a constant target fails before training", WithConstant([0]), Fit, 2, "--target", "'y'", "constant"),
        new("fit: an all-constant modality fails before training", WithConstant([1, 2, 3, 4, 5]), Fit, 2, "--x1", "every column is constant"),
        new("fit: too few rows for PIDReg", Csv("d.csv", Text(Rows(100))), Fit, 2, "100 rows", "at least 277", "--latent-dim"),
        new("fit: one row", Csv("d.csv", Text(Rows(1))), Fit, 2, "one data row"),
        new("fit: NaN in the target", WithCell(0, 0, "nan"), Fit, 2, "line 2", "'y'", "not a finite number"),

        // Outputs
        new("fit: --out holds the user's history.json", All(Good(), Csv("out/history.json", "{\"mine\":true}")), Fit + " --out {dir}/out", 2, "--out", "did not create", "history.json", "--force"),
        new("fit: --out holds a weights.bin but no checkpoint", All(Good(), Csv("out/weights.bin", "user bytes")), Fit + " --out {dir}/out", 2, "did not create", "weights.bin"),
        new("fit: --out is an existing file", All(Good(), Csv("report.txt", "mine")), Fit + " --out {dir}/report.txt", 2, "existing file", "folder"),
        new("fit: --out is the input file", Good(), Fit + " --out {dir}/d.csv", 2, "one of the inputs"),
        new("fit: --out through a symlink to the data's folder", All(Good(), Folder("data"), Csv("data/d.csv", Text(Rows())), DirectoryLink("link", "data")),
            "fit --data {dir}/data/d.csv --target y --x1 1-5 --x2 6-10 --epochs 1 --out {dir}/link", 2, "--out"),

        // experiment and bench
        new("experiment: the target inside X1", Good(), "experiment --data {dir}/d.csv --target y --x1 0-5 --x2 6-10 --models early", 2, "selected by both"),
        new("experiment: too few rows fails before the first model", Csv("d.csv", Text(Rows(100))), Experiment + " --models early,pidreg", 2, "pidreg", "at least 277"),
        new("experiment: --seeds 1000000", Good(), Experiment + " --models early --seeds 1000000", 2, "--seeds", "1000"),
        new("experiment: an unknown model", Good(), Experiment + " --models early,magic", 2, "unknown model 'magic'"),
        new("experiment: --dataset and --data together", Good(), Experiment + " --models early --dataset diabetes", 2, "either --dataset"),
        new("experiment: --jobs 0", Good(), Experiment + " --models early --jobs 0", 2, "--jobs 0", "between 1 and"),
        new("experiment: --shard 3/2", Good(), Experiment + " --models early --shard 3/2 --runs {dir}/runs", 2, "--shard '3/2'", "1 ≤ K ≤ N"),
        new("experiment: --shard without --runs", Good(), Experiment + " --models early --shard 1/2", 2, "--shard 1/2 needs --runs"),
        new("experiment: --runs holding a file that is not a run", All(Good(), Csv("runs/notes.json", "{\"mine\":true}")), Experiment + " --models early --runs {dir}/runs",
            2, "notes.json", "not a run file", "move it out"),
        new("experiment collect: a missing folder", _ => { }, "experiment collect {dir}/runs", 2, "no such folder of runs"),
        new("experiment collect: an empty folder", Folder("runs"), "experiment collect {dir}/runs", 2, "holds no run files", "--shard K/N"),
        new("bench train: --rows 100", _ => { }, "bench train --rows 100", 2, "--rows 100", "277"),
        new("bench train: --rows 2147483647", _ => { }, "bench train --rows 2147483647", 2, "--rows", "10000000"),
        new("bench train: --epochs 0", _ => { }, "bench train --epochs 0", 2, "--epochs 0"),
        new("bench train: an unknown --config", _ => { }, "bench train --config best", 2, "--config", "kit or reference"),
        new("bench pid: --repeats 0", _ => { }, "bench pid --repeats 0", 2, "--repeats 0"),

        // Notebooks
        new("notebooks: a file that is not JSON", Csv("nb/a.ipynb", "{ not json"), "notebooks run {dir}/nb/a.ipynb --out {dir}/out", 2, "a.ipynb", "not valid JSON"),
        new("notebooks: nbformat 3", Csv("nb/a.ipynb", "{\"nbformat\":3,\"cells\":[]}"), "notebooks run {dir}/nb/a.ipynb --out {dir}/out", 2, "nbformat 3"),
        new("notebooks: a missing notebook", _ => { }, "notebooks run {dir}/nb/a.ipynb --out {dir}/out", 2, "no such notebook"),
        new("notebooks: a folder without notebooks", Folder("nb"), "notebooks run {dir}/nb --out {dir}/out", 2, "no .ipynb"),
        new("notebooks: an unknown --param", Csv("nb/a.ipynb", Notebook()), "notebooks run {dir}/nb/a.ipynb --out {dir}/out --param seeds=3", 2, "unknown parameter 'seeds'", "epochs"),
        new("notebooks: --param without a parameters cell", Csv("nb/a.ipynb", Notebook(parametersCell: false)), "notebooks run {dir}/nb/a.ipynb --out {dir}/out --param epochs=3", 2, "no code cell is tagged"),
        new("notebooks: --out through a symlink to the source folder", All(Csv("nb/a.ipynb", Notebook()), DirectoryLink("link", "nb")),
            "notebooks run {dir}/nb/a.ipynb --out {dir}/link", 2, "--out", "folder of the input"),
        new("notebooks: --out through a symlink to the source folder, with --force", All(Csv("nb/a.ipynb", Notebook()), DirectoryLink("link", "nb")),
            "notebooks run {dir}/nb/a.ipynb --out {dir}/link --force", 2, "would overwrite the source notebook"),
        new("notebooks: --out equal to the input file", Csv("nb/a.ipynb", Notebook()), "notebooks run {dir}/nb/a.ipynb --out {dir}/nb/a.ipynb", 2, "existing file", "one of the inputs"),
        new("notebooks: two notebooks with the same name", All(Csv("nb1/a.ipynb", Notebook()), Csv("nb2/a.ipynb", Notebook())),
            "notebooks run {dir}/nb1/a.ipynb {dir}/nb2/a.ipynb --out {dir}/out", 2, "same file name"),
        new("notebooks: --out holds the user's files", All(Csv("nb/a.ipynb", Notebook()), Csv("out/notes.txt", "mine")),
            "notebooks run {dir}/nb/a.ipynb --out {dir}/out", 2, "did not create", "notes.txt", "--force"),
        new("notebooks: --timeout -1", Csv("nb/a.ipynb", Notebook()), "notebooks run {dir}/nb/a.ipynb --out {dir}/out --timeout -1", 2, "--timeout"),
        new("an unknown command", _ => { }, "frobnicate", 2, "frobnicate"),
    ];
}
