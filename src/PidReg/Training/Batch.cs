using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>One training batch on the training device, and where it stands in the run (for messages).</summary>
/// <param name="X">One (B, d_m) tensor per modality.</param>
/// <param name="Y">Standardised target (B, t).</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Index">0-based batch within the epoch.</param>
/// <param name="LearningRate">The network's learning rate in this epoch.</param>
/// <param name="Profile">When set, the phases of the step are timed into it.</param>
internal sealed record Batch(IReadOnlyList<Tensor> X, Tensor Y, int Epoch, int Index, double LearningRate, TrainingProfile? Profile);
