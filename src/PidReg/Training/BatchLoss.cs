using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>The loss of one batch.</summary>
/// <param name="Total">What is minimised (a scalar with a graph).</param>
/// <param name="Terms">
/// The reported terms, detached float64 (k) in the order of <see cref="TrainingObjective{TReport, THistory}.TermNames"/>:
/// the loop reads them from the device once per epoch, not once per batch.
/// </param>
internal sealed record BatchLoss(Tensor Total, Tensor Terms);
