using System.Diagnostics;

namespace PidReg.Training;

/// <summary>
/// Wall time per phase of the training step, summed over all batches (for `pidreg bench train`). The trainer calls
/// <see cref="Lap"/> after each phase; with no profile attached it does nothing. CPU torch runs each op to completion
/// before returning, so a phase's time is its own.
/// </summary>
internal sealed class TrainingProfile
{
    /// <summary>The phases in step order; their names are the JSON keys of the bench.</summary>
    public const string Encoders = "encoders", BatchPid = "batchPid", Predictor = "predictor", Cs = "cs", Cmi = "cmi",
        Gaussianity = "gaussianity", LossReadout = "lossReadout", Backward = "backward", OptimizerStep = "optimizerStep",
        Validation = "validation";

    static readonly string[] Order = [Encoders, BatchPid, Predictor, Cs, Cmi, Gaussianity, LossReadout, Backward, OptimizerStep, Validation];

    readonly Dictionary<string, double> seconds = Order.ToDictionary(name => name, _ => 0.0);
    readonly Stopwatch clock = new();

    /// <summary>Seconds per phase, in step order.</summary>
    public IEnumerable<(string Phase, double Seconds)> Phases => Order.Select(name => (name, seconds[name]));

    /// <summary>Starts timing the next phase (call at the start of each batch).</summary>
    public void Start() => clock.Restart();

    /// <summary>Adds the time since the last <see cref="Start"/> or <see cref="Lap"/> to <paramref name="phase"/>.</summary>
    public void Lap(string phase)
    {
        seconds[phase] += clock.Elapsed.TotalSeconds;
        clock.Restart();
    }
}
