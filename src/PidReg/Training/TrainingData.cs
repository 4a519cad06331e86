using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>Standardised float32 tensors the training loop reads: one (n, d_m) per modality, in order, and the target Y (n, t).</summary>
public sealed record TrainingData(IReadOnlyList<Tensor> X, Tensor Y)
{
    /// <summary>Rows n.</summary>
    public long Rows => Y.shape[0];

    /// <summary>Checks shapes and finiteness; <paramref name="name"/> ("training", "validation") goes into the message.</summary>
    public void Validate(string name)
    {
        foreach (var (label, t) in X.Select((x, m) => ($"modality {m + 1}", x)).Append(("target", Y)))
        {
            if (t.dim() != 2)
                throw new ArgumentException($"Trainer: {name} {label} must be a (rows, columns) matrix, got [{string.Join(", ", t.shape)}].");
            if (t.shape[0] != Rows)
                throw new ArgumentException($"Trainer: {name} {label} has {t.shape[0]} rows but the target has {Rows}.");
            using var scope = NewDisposeScope();
            if (!t.isfinite().all().item<bool>())
            {
                long row = t.isfinite().logical_not().any(1).nonzero()[0, 0].item<long>();
                throw new ArgumentException($"Trainer: {name} {label} contains NaN or infinity (first at row {row}); clean or impute the data before training.");
            }
        }
    }

    /// <summary>The same data on <paramref name="device"/>: this when it is there already, else copies the caller disposes.</summary>
    public TrainingData On(Device device) =>
        X.Append(Y).All(t => t.device_type == device.type) ? this : new(X.Select(t => t.to(device)).ToArray(), Y.to(device));

    /// <summary>Frees every tensor.</summary>
    public void Dispose()
    {
        foreach (var t in X) t.Dispose();
        Y.Dispose();
    }
}
