using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>Standardised float32 tensors for <see cref="Trainer"/>: X1 (n, d1), X2 (n, d2), Y (n, t).</summary>
public sealed record TrainingData(Tensor X1, Tensor X2, Tensor Y)
{
    /// <summary>Rows n.</summary>
    public long Rows => Y.shape[0];

    /// <summary>Checks shapes and finiteness; <paramref name="name"/> ("training", "validation") goes into the message.</summary>
    public void Validate(string name)
    {
        foreach (var (label, t) in new[] { ("X1", X1), ("X2", X2), ("target", Y) })
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
}
