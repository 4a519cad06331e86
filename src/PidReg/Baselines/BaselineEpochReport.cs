using PidReg.Training;

namespace PidReg.Baselines;

/// <summary>One epoch of baseline training; losses are means on the standardised target.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Mse">Training MSE (batch mean).</param>
/// <param name="ValidationMse">MSE on the validation set (evaluation mode).</param>
/// <param name="LearningRate">Learning rate during this epoch.</param>
/// <param name="Seconds">Wall time of the epoch including validation.</param>
public sealed record BaselineEpochReport(int Epoch, double Mse, double ValidationMse, double LearningRate, double Seconds) : IEpochReport;
