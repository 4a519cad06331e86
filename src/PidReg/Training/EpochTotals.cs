namespace PidReg.Training;

/// <summary>What the training loop measured in one epoch, for the model's report.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TermMeans">Each loss term's mean over the batches, in the order of the objective's term names (the MSE first).</param>
/// <param name="ValidationMse">Validation MSE of the weights the run keeps.</param>
/// <param name="LearningRate">The network's learning rate during the epoch.</param>
/// <param name="Seconds">Wall time of the epoch including validation.</param>
internal sealed record EpochTotals(int Epoch, IReadOnlyList<double> TermMeans, double ValidationMse, double LearningRate, double Seconds);
