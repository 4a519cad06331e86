using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using PidReg.Information;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg bench pid`: median wall-clock times of the scalar closed form and the union solver at four sizes (target,
/// modality 1, modality 2): the per-batch PID of the paper's latents (1, 64, 64), a small one (1, 8, 8) and vector targets
/// (3, 16, 16), (3, 64, 64); and of a port of the reference's sign-gradient iteration at (3, 64, 64) for the speed-up. Covariances are
/// sample covariances of p + 30 seeded Gaussian draws (generic, full rank, moderately conditioned).
/// </summary>
internal static class BenchPidCommand
{
    static readonly PidDims[] Sizes = [new(1, 64, 64), new(1, 8, 8), new(3, 16, 16), new(3, 64, 64)];
    static readonly PidDims ReferenceSize = new(3, 64, 64);

    public static Command Create()
    {
        var repeats = new Option<int>("--repeats") { Description = "Timed calls per case (median reported).", DefaultValueFactory = _ => 200 };
        var referenceRepeats = new Option<int>("--reference-repeats") { Description = "Timed calls of the reference port (slow).", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("pid", "Time the closed-form PID and the vector-target solver.") { repeats, referenceRepeats, json };
        command.SetAction(parse => CommandGuard.Run("bench pid", parse.InvocationConfiguration.Error, () =>
        {
            CliLimits.Check("--repeats", parse.GetValue(repeats), 1, CliLimits.MaxRepeats);
            CliLimits.Check("--reference-repeats", parse.GetValue(referenceRepeats), 0, CliLimits.MaxRepeats);
            Run(parse.InvocationConfiguration.Output, parse.GetValue(repeats), parse.GetValue(referenceRepeats), parse.GetValue(json));
            return 0;
        }));
        return command;
    }

    static void Run(TextWriter output, int repeats, int referenceRepeats, bool json)
    {
        var rows = new List<(PidDims Dims, double? ClosedMs, double SolverMs, int Iterations, bool Converged)>();
        foreach (var dims in Sizes)
        {
            var cov = RandomCovariance(new Random(dims.Total), dims.Total, dims.Total + 30);
            double? closed = dims.Target == 1 ? Median(repeats, () => GaussianPid.FromCovariance(cov, dims)) : null;
            var solved = GaussianPid.Compute(cov, dims, 0, PidEstimate.PlugIn, forceSolver: true);
            double solver = Median(repeats, () => GaussianPid.Compute(cov, dims, 0, PidEstimate.PlugIn, forceSolver: true));
            rows.Add((dims, closed, solver, solved.Diagnostics.SolverIterations, solved.Diagnostics.Converged));
        }
        var refCov = RandomCovariance(new Random(ReferenceSize.Total), ReferenceSize.Total, ReferenceSize.Total + 30);
        double? referenceMs = null;
        int referenceIterations = 0;
        double referenceUnion = double.NaN;
        if (referenceRepeats > 0)
        {
            var r = ReferenceSignGradientSolver.Solve(refCov, ReferenceSize);
            (referenceIterations, referenceUnion) = (r.Iterations, r.UnionBits);
            referenceMs = Median(referenceRepeats, () => ReferenceSignGradientSolver.Solve(refCov, ReferenceSize), warmup: false);
        }
        var ours = rows.Single(r => r.Dims == ReferenceSize);
        double ourUnion = GaussianPid.FromCovariance(refCov, ReferenceSize).Diagnostics.UnionInformation;

        if (json)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteNumber("repeats", repeats);
                w.WriteStartArray("cases");
                foreach (var r in rows)
                {
                    w.WriteStartObject();
                    w.WriteString("dims", r.Dims.ToString());
                    if (r.ClosedMs is { } c) w.WriteNumber("closedFormMedianMs", c);
                    else w.WriteNull("closedFormMedianMs");
                    w.WriteNumber("solverMedianMs", r.SolverMs);
                    w.WriteNumber("solverIterations", r.Iterations);
                    w.WriteBoolean("solverConverged", r.Converged);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartObject("reference");
                w.WriteString("dims", ReferenceSize.ToString());
                w.WriteNumber("repeats", referenceRepeats);
                if (referenceMs is { } rm)
                {
                    w.WriteNumber("medianMs", rm);
                    w.WriteNumber("iterations", referenceIterations);
                    w.WriteNumber("unionBits", referenceUnion);
                    w.WriteNumber("solverUnionBits", ourUnion);
                    w.WriteNumber("speedup", rm / ours.SolverMs);
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(ci, "PID timings, median of {0} calls (ms)", repeats));
        output.WriteLine("  dims         closed form   solver   iterations");
        foreach (var r in rows)
            output.WriteLine(string.Format(ci, "  {0,-10} {1,12} {2,9:F3} {3,10}", r.Dims, r.ClosedMs is { } c ? c.ToString("F4", ci) : "-", r.SolverMs, r.Iterations));
        if (referenceMs is { } ms)
            output.WriteLine(string.Format(ci, "  reference sign-gradient port at {0}: {1:F1} ms ({2} iterations, union {3:F6} vs solver {4:F6} bits); solver speed-up {5:F0}x",
                ReferenceSize, ms, referenceIterations, referenceUnion, ourUnion, ms / ours.SolverMs));
    }

    static double Median(int repeats, Action action, bool warmup = true)
    {
        if (warmup) for (int i = 0; i < 3; i++) action();
        var times = new double[repeats];
        var sw = new Stopwatch();
        for (int i = 0; i < repeats; i++)
        {
            sw.Restart();
            action();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return repeats % 2 == 1 ? times[repeats / 2] : 0.5 * (times[repeats / 2 - 1] + times[repeats / 2]);
    }

    static double[,] RandomCovariance(Random rng, int p, int n)
    {
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var mix = Matrix<double>.Build.Dense(p, p, (_, _) => Normal());
        var z = Matrix<double>.Build.Dense(n, p, (_, _) => Normal()) * mix;
        var centred = z - Matrix<double>.Build.Dense(n, p, (_, j) => z.Column(j).Average());
        return (centred.TransposeThisAndMultiply(centred) / (n - 1)).ToArray();
    }
}
