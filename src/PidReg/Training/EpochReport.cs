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
/// <param name="Atoms">Epoch-averaged atoms (bits) of two modalities; null in stage 2 and for more modalities (see <see cref="LatticeAtoms"/>).</param>
/// <param name="Weights">The fusion weights the model holds after this epoch, for two modalities; null for more (see <see cref="PathWeights"/>).</param>
/// <param name="Lambda1">λ1 after this epoch.</param>
/// <param name="Lambda2">λ2 after this epoch.</param>
/// <param name="LearningRate">Learning rate of encoders and predictor during this epoch.</param>
/// <param name="Seconds">Wall time of the epoch including validation.</param>
public sealed record EpochReport(
    int Epoch, int Stage, double Mse, double Cs, double Cmi, double Gaussianity, double Total, double ValidationMse,
    PidAtoms? Atoms, FusionWeights? Weights, double Lambda1, double Lambda2, double LearningRate, double Seconds) : IEpochReport
{
    /// <summary>
    /// The fusion weights after this epoch keyed by path ("a", "b", "a*b", …, in path order), for any number of modalities;
    /// null in reports read from checkpoints written before models took a list of modalities.
    /// </summary>
    public IReadOnlyDictionary<string, double>? PathWeights { get; init; }

    /// <summary>Epoch-averaged lattice atoms (bits) keyed by antichain ("{1}{2}", "{1}", …); null when <see cref="Atoms"/> would be (stage 2) or in older reports.</summary>
    public IReadOnlyDictionary<string, double>? LatticeAtoms { get; init; }

    /// <summary>λ_m of every bottleneck after this epoch, in modality order; null in older reports (<see cref="Lambda1"/>, <see cref="Lambda2"/> hold the first two).</summary>
    public IReadOnlyList<double>? Lambdas { get; init; }

    /// <summary>Equal when every value is, the path weights, lattice atoms and λs compared entry by entry (so a report read back from a checkpoint equals the one written).</summary>
    public bool Equals(EpochReport? other) =>
        other is not null
        && (Epoch, Stage, Mse, Cs, Cmi, Gaussianity, Total, ValidationMse, Atoms, Weights, Lambda1, Lambda2, LearningRate, Seconds)
            .Equals((other.Epoch, other.Stage, other.Mse, other.Cs, other.Cmi, other.Gaussianity, other.Total, other.ValidationMse, other.Atoms, other.Weights,
                other.Lambda1, other.Lambda2, other.LearningRate, other.Seconds))
        && SameEntries(PathWeights, other.PathWeights) && SameEntries(LatticeAtoms, other.LatticeAtoms)
        && (Lambdas is null ? other.Lambdas is null : other.Lambdas is not null && Lambdas.SequenceEqual(other.Lambdas));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Epoch, Stage, Mse, Total, ValidationMse, Weights, Lambda1, Seconds);

    // Same keys in the same order with equal values.
    static bool SameEntries(IReadOnlyDictionary<string, double>? a, IReadOnlyDictionary<string, double>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);
}
