using PidReg.Model;

namespace PidReg.Training;

/// <summary>
/// One epoch of training. Losses are batch means on the standardised target; a switched-off term is 0.
/// <see cref="Atoms"/> is the epoch average of the batch PIDs, null when the PID was not computed (stage 2).
/// </summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Stage">1 while the PID sets the weights, 2 once they are frozen.</param>
/// <param name="Mse">Training MSE.</param>
/// <param name="Cs">CS(R1) + CS(R2).</param>
/// <param name="Cmi">CMI1 + CMI2.</param>
/// <param name="Gaussianity">−log W'.</param>
/// <param name="Total">The weighted loss that was minimised.</param>
/// <param name="ValidationMse">MSE on the validation set (evaluation mode).</param>
/// <param name="Atoms">Epoch-averaged atoms (bits).</param>
/// <param name="Weights">The fusion weights the model holds after this epoch.</param>
/// <param name="Lambda1">λ1 after this epoch.</param>
/// <param name="Lambda2">λ2 after this epoch.</param>
/// <param name="LearningRate">Learning rate of encoders and predictor during this epoch.</param>
/// <param name="Seconds">Wall time of the epoch including validation.</param>
public sealed record EpochReport(
    int Epoch, int Stage, double Mse, double Cs, double Cmi, double Gaussianity, double Total, double ValidationMse,
    PidAtoms? Atoms, FusionWeights Weights, double Lambda1, double Lambda2, double LearningRate, double Seconds) : IEpochReport;
