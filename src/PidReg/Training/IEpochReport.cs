namespace PidReg.Training;

/// <summary>What every model's epoch report says, whatever else it adds (PIDReg: its loss terms, atoms, weights, stage).</summary>
public interface IEpochReport
{
    /// <summary>1-based epoch number.</summary>
    int Epoch { get; }

    /// <summary>Training MSE (mean over the batches, standardised target).</summary>
    double Mse { get; }

    /// <summary>MSE on the validation set (evaluation mode, the weights the run keeps).</summary>
    double ValidationMse { get; }

    /// <summary>Learning rate of the network during this epoch.</summary>
    double LearningRate { get; }

    /// <summary>Wall time of the epoch including validation.</summary>
    double Seconds { get; }
}
