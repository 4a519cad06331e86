namespace PidReg.Training;

/// <summary>
/// Training stopped because its loss diverged (<see cref="DivergenceRule"/>): nothing it learned is a result, so no
/// weights are kept. The message names the epoch, the value and a fix (a smaller learning rate).
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="epoch"/> (1-based).</summary>
    public TrainingDivergedException(int epoch, string message) : base(message) => Epoch = epoch;

    /// <summary>The epoch in which the divergence was seen (1-based).</summary>
    public int Epoch { get; }
}
