using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PidReg.Data;
using PidReg.Diagnostics;
using PidReg.Information;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg pid`: the Gaussian PID of a covariance file (`--covariance FILE --dims m,a,b[,c…]`) or of columns of a CSV
/// data set (`--data FILE --target COLS`, then `--x1 COLS --x2 COLS` or `--modality NAME=COLS` once per modality),
/// printed in bits, or as one JSON object with --json. Defaults are the library's for samples
/// (<see cref="PidSampleOptions"/>): I_dep, bias-corrected, inverse-normal target; a covariance without --samples is a
/// population covariance, so its estimate is plug-in.
/// More than two sources are decomposed on the whole redundancy lattice with <c>--measure mmi</c>
/// (<see cref="GaussianLatticePid"/>); I_dep and I_ccs are two-source measures here, and asking for them with more
/// sources is an error naming the fix, as is --bootstrap (its intervals are those of the two-source atoms). With two
/// sources, <c>--measure mmi --json</c> adds the lattice keys to the two-source ones.
/// </summary>
internal static class PidCommand
{
    /// <summary>The JSON contract: these keys, in this order, for every result.</summary>
    internal static readonly string[] JsonKeys = ["uniqueX1", "uniqueX2", "redundancy", "synergy", "miX1", "miX2", "miJoint", "method", "measure"];

    /// <summary>JSON key of the I_ccs Monte Carlo standard error, written after <see cref="JsonKeys"/> for that measure only.</summary>
    internal const string MonteCarloErrorKey = "monteCarloError";

    /// <summary>
    /// The JSON contract of the lattice decomposition of three or more sources: these keys, in this order (then
    /// "normality" for --data). "mi" is the array of I(T; Xi) in source order; "atoms" an object from antichain key
    /// ({1}{23}) to atom, bottom of the lattice first; "sources" the names behind the indices (X1… or the --modality names).
    /// </summary>
    internal static readonly string[] LatticeJsonKeys = ["miJoint", "mi", "atoms", "method", "measure", "sources"];

    /// <summary>
    /// The keys a two-source <c>--measure mmi</c> result adds after <see cref="JsonKeys"/>: the lattice atoms and the method
    /// that drew them, which for a vector target differs from the two-source "method" (the ~I_union solver).
    /// </summary>
    internal static readonly string[] TwoSourceLatticeJsonKeys = ["mi", "atoms", "latticeMethod"];

    /// <summary>The --measure spellings, as written to JSON.</summary>
    internal static string MeasureName(PidMeasure measure) => measure switch
    {
        PidMeasure.Mmi => "mmi",
        PidMeasure.Dep => "dep",
        _ => "ccs",
    };

    public static Command Create()
    {
        var covariance = new Option<FileInfo?>("--covariance") { Description = "Headerless CSV square covariance ordered [target, X1, X2, ...]." };
        var dims = new Option<string?>("--dims") { Description = "Block sizes m,a,b[,c,...] of the covariance (target, then one per source), e.g. 1,64,64; more than two sources need --measure mmi." };
        var samples = new Option<int?>("--samples") { Description = "Samples behind --covariance: it is then a sample covariance, bias-corrected unless --plug-in." };
        var data = new Option<FileInfo?>("--data") { Description = "CSV data set with a header row." };
        var target = new Option<string?>("--target") { Description = "Target columns (COLS): names, or positions like #0 and #1-80 (see the README)." };
        var x1 = new Option<string?>("--x1") { Description = "Columns of modality 1." };
        var x2 = new Option<string?>("--x2") { Description = "Columns of modality 2." };
        var modality = new Option<string[]>("--modality")
        {
            Description = "A named modality, NAME=COLS, instead of --x1 and --x2: give it once per modality (2 to 5; more than two need --measure mmi).",
            AllowMultipleArgumentsPerToken = false,
        };
        var biasCorrected = new Option<bool>("--bias-corrected") { Description = "Correct the finite-sample bias of the information terms (Venkatesh et al. 2023); the default for samples." };
        var plugIn = new Option<bool>("--plug-in") { Description = "Treat the sample covariance as the truth (the reference's estimate) instead of correcting its bias." };
        var measure = new Option<string>("--measure")
        {
            Description = "The decomposition: dep (I_dep, closed form), mmi (minimum mutual information, the paper's for a scalar target; the only one for more than two sources), ccs (I_ccs, Monte Carlo).",
            DefaultValueFactory = _ => "dep",
        };
        measure.AcceptOnlyFromAmong("dep", "mmi", "ccs");
        var draws = new Option<int>("--mc-draws")
        {
            Description = "Monte Carlo draws of the I_ccs redundancy (seeded by --seed).",
            DefaultValueFactory = _ => GaussianPid.DefaultMonteCarloDraws,
        };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for percentile intervals (0 = none, else at least 10).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap and of the I_ccs Monte Carlo.", DefaultValueFactory = _ => 0 };
        var transform = new Option<string>("--transform")
        {
            Description = "Target transform before the PID (--data): inverse-normal (default), none, reference-blend.",
            DefaultValueFactory = _ => "inverse-normal",
        };
        transform.AcceptOnlyFromAmong("none", "inverse-normal", "reference-blend");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };

        var command = new Command("pid", "Partial information decomposition (bits) of a covariance or of a CSV data set.")
        {
            covariance, dims, samples, data, target, x1, x2, modality, measure, biasCorrected, plugIn, draws, bootstrap, seed, transform, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return CommandGuard.Run("pid", error, () =>
            {
                var covFile = parse.GetValue(covariance);
                var dataFile = parse.GetValue(data);
                if (parse.GetValue(biasCorrected) && parse.GetValue(plugIn))
                    return Fail(error, "--bias-corrected and --plug-in contradict each other: give one (bias-corrected is the default for samples)");
                var pidMeasure = parse.GetValue(measure) switch
                {
                    "mmi" => PidMeasure.Mmi,
                    "ccs" => PidMeasure.Ccs,
                    _ => PidMeasure.Dep,
                };
                var settings = new Settings(
                    parse.GetValue(plugIn) ? PidEstimate.PlugIn : PidEstimate.BiasCorrected, pidMeasure,
                    parse.GetResult(measure) is { Implicit: true }, parse.GetValue(draws), parse.GetValue(seed), parse.GetValue(bootstrap),
                    parse.GetValue(transform) switch
                    {
                        "inverse-normal" => TargetTransform.InverseNormal,
                        "reference-blend" => TargetTransform.ReferenceBlend,
                        _ => TargetTransform.None,
                    });
                if (settings.Draws < GaussianPid.MinMonteCarloDraws)
                    return Fail(error, $"--mc-draws {settings.Draws} is too few: give at least {GaussianPid.MinMonteCarloDraws} (default {GaussianPid.DefaultMonteCarloDraws})");
                if ((covFile is null) == (dataFile is null))
                    return Fail(error, "give exactly one of --covariance FILE (with --dims) or --data FILE (with --target, and --x1, --x2 or --modality NAME=COLS per modality)");
                var d = covFile is not null
                    ? FromCovariance(covFile, parse.GetValue(dims), parse.GetValue(samples), parse.GetValue(biasCorrected), settings)
                    : FromData(dataFile!, parse.GetValue(target), parse.GetValue(x1), parse.GetValue(x2), parse.GetValue(modality) ?? [], settings);
                bool asJson = parse.GetValue(json);
                if (d.Pair is null)
                {
                    // More than two sources: the lattice is the whole answer.
                    if (asJson) WriteLatticeJson(output, d.Lattice!, d.Names, d.Normality);
                    else WriteLatticeText(output, d.Lattice!, d.Names, d.Normality, settings.Transform == TargetTransform.InverseNormal);
                }
                else if (asJson) WriteJson(output, d.Pair, d.Normality, d.Lattice);
                else WriteText(output, d.Pair, d.Normality, d.Names, settings.Transform == TargetTransform.InverseNormal || covFile is not null);
                return 0;
            });
        });
        return command;
    }

    /// <summary>The flags every route shares, read once.</summary>
    sealed record Settings(PidEstimate Estimate, PidMeasure Measure, bool MeasureIsDefault, int Draws, int Seed, int Bootstrap, TargetTransform Transform)
    {
        /// <summary>Refuses a two-source measure for more sources, naming the fix; <paramref name="what"/> says where the count came from.</summary>
        public void RequireLatticeMeasure(int sources, string what)
        {
            if (sources > 2 && Measure != PidMeasure.Mmi)
                throw new ArgumentException($"--measure {MeasureName(Measure)}{(MeasureIsDefault ? " (the default)" : "")} decomposes two sources only, " +
                    $"but {what}: add --measure mmi for the redundancy lattice of all of them (minimum mutual information), or merge sources into two blocks");
        }
    }

    /// <summary>
    /// What one run decomposed: the two-source PID (null beyond two sources), the MMI lattice (with --measure mmi), the
    /// joint normality of the samples (null for a covariance), and the sources' names.
    /// </summary>
    sealed record Decomposition(PidResult? Pair, LatticePid? Lattice, (MultivariateNormality? Test, string? Error)? Normality, string[] Names);

    static Decomposition FromCovariance(FileInfo file, string? dimsText, int? samples, bool biasCorrected, Settings settings)
    {
        if (dimsText is null) throw new ArgumentException("--covariance needs --dims m,a,b[,c,...] (the target's dimensions, then one size per modality)");
        if (settings.Bootstrap != 0) throw new ArgumentException("--bootstrap needs samples: use --data");
        var dims = LatticeDims.Parse(dimsText);
        dims.Validate();
        settings.RequireLatticeMeasure(dims.SourceCount, $"--dims {dims} gives {dims.SourceCount} sources");
        if (samples is int count && count <= dims.Total)
            throw new ArgumentException(FormattableString.Invariant($"--samples {count}: must be more than {dims.SumText} = {dims.Total} (the dimensions of the covariance), or the sample covariance is singular"));
        if (biasCorrected && samples is null) throw new ArgumentException("--bias-corrected with --covariance needs --samples N");
        var matrix = ReadCovariance(file.FullName, dims.Total, dims.ToString());
        var names = Enumerable.Range(1, dims.SourceCount).Select(i => $"X{i}").ToArray();
        // Without --samples the file is a population covariance: there is no sample bias to correct.
        PidResult? pair = null;
        if (dims.SourceCount == 2)
            pair = samples is null
                ? GaussianPid.FromCovariance(matrix, dims.ToPidDims(), settings.Measure, settings.Draws, settings.Seed)
                : GaussianPid.FromSampleCovariance(matrix, dims.ToPidDims(), samples.Value, settings.Estimate, settings.Measure, settings.Draws, settings.Seed);
        LatticePid? lattice = settings.Measure != PidMeasure.Mmi ? null
            : samples is null ? GaussianLatticePid.FromCovariance(matrix, dims)
            : GaussianLatticePid.FromSampleCovariance(matrix, dims, samples.Value, settings.Estimate);
        return new Decomposition(pair, lattice, null, names);
    }

    static Decomposition FromData(FileInfo file, string? target, string? x1, string? x2, string[] modalityFlags, Settings settings)
    {
        if (target is null) throw new ArgumentException("--data needs --target, --x1 and --x2 column selectors (or --modality NAME=COLS for each of two or more modalities)");
        var chosen = ModalityFlags.Resolve(x1, x2, modalityFlags)
            ?? throw new ArgumentException("--data needs --target, --x1 and --x2 column selectors (or --modality NAME=COLS for each of two or more modalities)");
        // The sources as (flag that chose them, columns, name); --x1 and --x2 are named after their columns (null here).
        (string Role, string Columns, string? Name)[] sources = [.. chosen.Select(m => (m.Flag, m.Columns, modalityFlags.Length > 0 ? m.Name : null))];
        // Settings first (they are cheap to check), then the file, then the shared input checks: nothing is estimated on bad input.
        RedundancyLattice.CheckSourceCount(sources.Length, "--modality");
        settings.RequireLatticeMeasure(sources.Length, $"--modality gives {sources.Length} sources");
        if (sources.Length > 2 && settings.Bootstrap != 0)
            throw new ArgumentException($"--bootstrap covers the two-modality PID; with {sources.Length} modalities the lattice is computed once: drop --bootstrap");
        var options = new PidSampleOptions
        {
            Estimate = settings.Estimate,
            Measure = settings.Measure,
            MonteCarloDraws = settings.Draws,
            BootstrapReplicates = settings.Bootstrap,
            Seed = settings.Seed,
            TargetTransform = settings.Transform,
        }.Validate();
        var table = CheckedCsv.Read(file.FullName, target, [.. sources.Select(s => (s.Role, s.Columns))], eachFeatureColumn: true);
        int selected = table.ResolveIndices(target).Length + sources.Sum(s => table.ResolveIndices(s.Columns).Length);
        if (table.RowCount <= selected)
            throw new ArgumentException($"{table.Source}: {table.RowCount} rows but --target and the {sources.Length} modalities select {selected} columns; " +
                "the PID needs more rows than columns: add rows or select fewer columns");
        var targetValues = table.Select(target);
        var sourceValues = sources.Select(s => table.Select(s.Columns)).ToArray();
        var names = sources.Select(s => s.Name ?? ModalityName(table.ResolveNames(s.Columns))).ToArray();
        var pair = sources.Length == 2 ? GaussianPid.FromSamples(targetValues, sourceValues[0], sourceValues[1], options) : null;
        var lattice = settings.Measure == PidMeasure.Mmi ? GaussianLatticePid.FromSamples(targetValues, sourceValues, settings.Estimate, settings.Transform) : null;
        // A sample the PID can decompose (it regularises near-singular covariances) may still be one the tests cannot
        // whiten: report why beside the atoms rather than failing the command. At most ReportRows evenly spaced rows (the
        // tests are O(n² p)); the output's n says how many. Joint normality does not depend on how the columns are
        // split into blocks, so sources beyond the first go in as one block.
        (MultivariateNormality?, string?) normality;
        try { normality = (MultivariateNormality.FromPidBlocks(targetValues, sourceValues[0], Columns(sourceValues[1..]), settings.Transform, MultivariateNormality.ReportRows), null); }
        catch (ArgumentException e) { normality = (null, e.Message); }
        return new Decomposition(pair, lattice, normality, names);
    }

    /// <summary>The blocks side by side, in order.</summary>
    static double[,] Columns(double[][,] blocks)
    {
        if (blocks.Length == 1) return blocks[0];
        int n = blocks[0].GetLength(0);
        var joined = new double[n, blocks.Sum(b => b.GetLength(1))];
        int offset = 0;
        foreach (var block in blocks)
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j < block.GetLength(1); j++) joined[i, offset + j] = block[i, j];
            offset += block.GetLength(1);
        }
        return joined;
    }

    static int Fail(TextWriter error, string message) => CommandGuard.Fail("pid", error, message);

    /// <summary>A modality's label from its CSV columns: up to three names joined by '+', else the first…last name.</summary>
    internal static string ModalityName(string[] columns) =>
        columns.Length <= 3 ? string.Join("+", columns) : $"{columns[0]}…{columns[^1]} ({columns.Length} columns)";

    /// <summary>A headerless CSV of numbers, <paramref name="p"/> rows and columns (the sum of --dims, given as <paramref name="dims"/>).</summary>
    static double[,] ReadCovariance(string path, int p, string dims)
    {
        var names = Enumerable.Range(0, p).Select(i => $"c{i}").ToArray();
        CsvTable table;
        try
        {
            table = CsvTable.Read(path, new CsvReadOptions { ColumnNames = names });
        }
        catch (InvalidDataException e) when (e.Message.Contains(": line 1 (data row 0)", StringComparison.Ordinal))
        {
            // Text on line 1 of a covariance is almost always a header row, which this format does not have.
            throw new InvalidDataException(
                $"{path}: --covariance takes a headerless matrix (numbers only), but line 1 holds text, likely a header row: delete that line. (A data set with a header goes to --data.) Details: {e.Message}", e);
        }
        if (table.RowCount != p)
            throw new InvalidDataException($"{path}: covariance has {table.RowCount} rows but dims {dims} need {p}×{p}");
        return table.Select($"0-{p - 1}");
    }

    static void WriteJson(TextWriter output, PidResult r, (MultivariateNormality? Test, string? Error)? normality, LatticePid? lattice) =>
        WriteJsonObject(output, normality, w =>
        {
            double[] values = [r.UniqueX1, r.UniqueX2, r.Redundancy, r.Synergy, r.MiX1, r.MiX2, r.MiJoint];
            for (int i = 0; i < values.Length; i++) w.WriteNumber(JsonKeys[i], values[i]);
            w.WriteString(JsonKeys[7], r.Method);
            w.WriteString(JsonKeys[8], MeasureName(r.Measure));
            if (r.MonteCarloError is { } mcError) w.WriteNumber(MonteCarloErrorKey, mcError);
            if (lattice is not null)
            {
                WriteMi(w, TwoSourceLatticeJsonKeys[0], lattice);
                WriteAtoms(w, TwoSourceLatticeJsonKeys[1], lattice);
                w.WriteString(TwoSourceLatticeJsonKeys[2], lattice.Method);
            }
            if (r.Intervals is { } iv)
            {
                w.WriteStartObject("intervals");
                PidInterval[] intervals = [iv.UniqueX1, iv.UniqueX2, iv.Redundancy, iv.Synergy, iv.MiX1, iv.MiX2, iv.MiJoint];
                for (int i = 0; i < intervals.Length; i++)
                {
                    w.WriteStartArray(JsonKeys[i]);
                    w.WriteNumberValue(intervals[i].Lower);
                    w.WriteNumberValue(intervals[i].Upper);
                    w.WriteEndArray();
                }
                w.WriteNumber("level", iv.Level);
                w.WriteNumber("replicates", iv.Replicates);
                w.WriteEndObject();
            }
        });

    static void WriteLatticeJson(TextWriter output, LatticePid lattice, string[] names, (MultivariateNormality? Test, string? Error)? normality) =>
        WriteJsonObject(output, normality, w =>
        {
            w.WriteNumber(LatticeJsonKeys[0], lattice.MiJoint);
            WriteMi(w, LatticeJsonKeys[1], lattice);
            WriteAtoms(w, LatticeJsonKeys[2], lattice);
            w.WriteString(LatticeJsonKeys[3], lattice.Method);
            w.WriteString(LatticeJsonKeys[4], MeasureName(lattice.Measure));
            w.WriteStartArray(LatticeJsonKeys[5]);
            foreach (var name in names) w.WriteStringValue(name);
            w.WriteEndArray();
        });

    // One JSON object on one line: the body's keys, then (after the contract keys and intervals) the joint normality of
    // what was decomposed.
    static void WriteJsonObject(TextWriter output, (MultivariateNormality? Test, string? Error)? normality, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            body(w);
            if (normality is { } nt)
            {
                w.WritePropertyName(NormalityJson.Key);
                NormalityJson.Node(nt.Test, nt.Error).WriteTo(w);
            }
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    static void WriteMi(Utf8JsonWriter w, string key, LatticePid lattice)
    {
        w.WriteStartArray(key);
        foreach (var mi in lattice.MiSources) w.WriteNumberValue(mi);
        w.WriteEndArray();
    }

    static void WriteAtoms(Utf8JsonWriter w, string key, LatticePid lattice)
    {
        w.WriteStartObject(key);
        foreach (var (antichain, atom) in lattice.AtomsByKey) w.WriteNumber(antichain, atom);
        w.WriteEndObject();
    }

    static void WriteLatticeText(TextWriter output, LatticePid lattice, string[] names, (MultivariateNormality? Test, string? Error)? normality, bool targetTransformed)
    {
        var ci = CultureInfo.InvariantCulture;
        int sources = lattice.Lattice.SourceCount;
        string all = string.Join(", ", names);
        int width = Math.Max(lattice.Lattice.Antichains.Max(a => a.Key.Length), $"I(T; {all})".Length);
        string Row(string name, double value) => string.Format(ci, "  {0} {1,10:F6}", name.PadRight(width), value);
        output.WriteLine($"Partial information decomposition on the redundancy lattice of {sources} sources (bits; {lattice.Method})");
        output.WriteLine(string.Format(ci, "  measure mmi: the redundancy of an antichain is the least I(T; X_set) over its sets (Barrett 2015); {0} atoms, " +
            "bottom of the lattice first", lattice.Atoms.Count));
        output.WriteLine($"  sources: {string.Join(", ", names.Select((n, i) => $"{i + 1} = {n}"))}; {{1}}{{23}} is what {names[0]} shares with ({names[1]}, {names[2]}) jointly");
        foreach (var (antichain, atom) in lattice.AtomsByKey) output.WriteLine(Row(antichain, atom));
        for (int i = 0; i < sources; i++) output.WriteLine(Row($"I(T; {names[i]})", lattice.MiSources[i]));
        output.WriteLine(Row($"I(T; {all})", lattice.MiJoint));
        if (lattice.Ridge > 0) output.WriteLine(string.Format(ci, "  note: ridge {0:G3} added to the correlation matrix (near-singular covariance)", lattice.Ridge));
        WriteNormality(output, normality, $"(target, {all})", targetTransformed);
    }

    static void WriteText(TextWriter output, PidResult r, (MultivariateNormality? Test, string? Error)? normality, string[] names, bool targetTransformed)
    {
        var ci = CultureInfo.InvariantCulture;
        var iv = r.Intervals;
        // Long modality names widen the label column so the numbers stay aligned.
        int width = Math.Max(22, $"I(T; {names[0]}, {names[1]})".Length);
        string Row(string name, double value, PidInterval? interval) =>
            string.Format(ci, "  {0} {1,10:F6}", name.PadRight(width), value) + (interval is { } i ? string.Format(ci, "   [{0:F4}, {1:F4}]", i.Lower, i.Upper) : "");
        output.WriteLine($"Partial information decomposition (bits; {r.Method})");
        if (r.Measure == PidMeasure.Mmi && r.Method.Contains("MMI", StringComparison.Ordinal))
            output.WriteLine("  (MMI: redundancy is min(I1, I2), so the weaker modality's unique atom is 0 by construction; --measure dep does not force that)");
        output.WriteLine(Row($"unique {names[0]}", r.UniqueX1, iv?.UniqueX1));
        output.WriteLine(Row($"unique {names[1]}", r.UniqueX2, iv?.UniqueX2));
        output.WriteLine(Row("redundancy", r.Redundancy, iv?.Redundancy));
        output.WriteLine(Row("synergy", r.Synergy, iv?.Synergy));
        output.WriteLine(Row($"I(T; {names[0]})", r.MiX1, iv?.MiX1));
        output.WriteLine(Row($"I(T; {names[1]})", r.MiX2, iv?.MiX2));
        output.WriteLine(Row($"I(T; {names[0]}, {names[1]})", r.MiJoint, iv?.MiJoint));
        if (r.MonteCarloError is { } mcError)
            output.WriteLine(string.Format(ci, "  Monte Carlo standard error of every atom: {0:G3} bits (--mc-draws, --seed)", mcError));
        if (iv is not null) output.WriteLine(string.Format(ci, "  intervals: {0:P0} percentile bootstrap, {1} resamples", iv.Level, iv.Replicates));
        var d = r.Diagnostics;
        if (d.Ridge > 0) output.WriteLine(string.Format(ci, "  note: ridge {0:G3} added to the correlation matrix (near-singular covariance)", d.Ridge));
        if (!d.Converged) output.WriteLine(string.Format(ci, "  warning: union solver stopped after {0} iterations with gap {1:G3} bits", d.SolverIterations, d.OptimalityGap));
        WriteNormality(output, normality, "(target, X1, X2)", targetTransformed);
    }

    /// <summary>The joint normality block under the atoms; <paramref name="what"/> names the joint, e.g. "(target, X1, X2)".</summary>
    static void WriteNormality(TextWriter output, (MultivariateNormality? Test, string? Error)? normality, string what, bool targetTransformed)
    {
        var ci = CultureInfo.InvariantCulture;
        if (normality is not { } nt) return;
        if (nt.Test is not { } mvn)
        {
            output.WriteLine($"Joint normality of {what}: not tested: {nt.Error}");
            return;
        }
        var m = mvn.Mardia;
        output.WriteLine($"Joint normality of {what}, the PID's assumption " + string.Format(ci, "(n = {0}, p = {1}; target after its transform)", mvn.Samples, mvn.Dimensions));
        output.WriteLine(string.Format(ci, "  {0,-22} chi2({1:G6}) = {2:G5}, p = {3:G3} (small-sample {4:G3})", "Mardia skewness", m.SkewnessDegreesOfFreedom, m.SkewnessStatistic, m.SkewnessPValue, m.CorrectedSkewnessPValue));
        output.WriteLine(string.Format(ci, "  {0,-22} b2 = {1:G5}, z = {2:G4}, p = {3:G3} (exact moments {4:G3})", "Mardia kurtosis", m.Kurtosis, m.KurtosisStatistic, m.KurtosisPValue, m.CorrectedKurtosisPValue));
        output.WriteLine(string.Format(ci, "  {0,-22} HZ = {1:G5}, p = {2:G3}", "Henze-Zirkler", mvn.HenzeZirkler.Statistic, mvn.HenzeZirkler.PValue));
        output.WriteLine(mvn.IsRejected(0.05)
            ? "  warning: joint normality rejected at 5%: the atoms are exact only for Gaussian data; read them as approximate" +
              (targetTransformed ? "" : " (a skewed target may pass after --transform inverse-normal)")
            : "  joint normality not rejected at 5%");
    }
}
