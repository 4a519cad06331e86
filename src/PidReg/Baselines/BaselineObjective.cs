using PidReg.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Baselines;

/// <summary>How a baseline trains in the shared loop: the MSE of its prediction alone, one optimizer over every parameter, all of them clipped.</summary>
internal sealed class BaselineObjective(Module<IReadOnlyList<Tensor>, Tensor> network, double learningRate)
    : TrainingObjective<BaselineEpochReport, BaselineHistory>("Baseline training", network, [(network.parameters(), learningRate)], network.parameters(), ["MSE"])
{
    /// <inheritdoc />
    public override Tensor Forward(IReadOnlyList<Tensor> x) => network.forward(x);  // (B, t)

    /// <inheritdoc />
    public override BaselineEpochReport Report(EpochTotals t) => new(t.Epoch, t.TermMeans[0], t.ValidationMse, t.LearningRate, t.Seconds);

    /// <inheritdoc />
    public override BaselineHistory History(IReadOnlyList<BaselineEpochReport> reports, int bestEpoch, bool stoppedEarly) => new(reports, bestEpoch, stoppedEarly);
}
