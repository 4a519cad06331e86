using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// The one extension point of the training loop (<see cref="Trainer"/>): what a model trains, how one batch becomes a
/// loss, what happens when an epoch's batches are done, and how its epochs are reported. A baseline trains its network
/// on the MSE alone; PIDReg (<see cref="PidRegObjective"/>) adds its regularisers, its batch PID and its two stages. The
/// loop itself (seeding, optimizers, schedule, weight average, batches, validation, early stopping, the best epoch) is
/// the same for every model.
/// </summary>
/// <typeparam name="TReport">The model's epoch report.</typeparam>
/// <typeparam name="THistory">The model's training history.</typeparam>
internal abstract class TrainingObjective<TReport, THistory> : IDisposable
{
    /// <param name="who">Names the run in messages ("PIDReg training").</param>
    /// <param name="network">What trains; the loop moves it to the device and switches train/eval.</param>
    /// <param name="parameterGroups">One Adam optimizer per group, in order; the first is the one the plateau schedule lowers.</param>
    /// <param name="clippedParameters">Whose gradient norm is clipped to <see cref="TrainingOptions.GradientClip"/>.</param>
    /// <param name="termNames">The loss terms of <see cref="BatchLoss.Terms"/>, the MSE first.</param>
    protected TrainingObjective(string who, nn.Module network, IReadOnlyList<(IEnumerable<Parameter> Parameters, double LearningRate)> parameterGroups,
        IEnumerable<Parameter> clippedParameters, IReadOnlyList<string> termNames)
    {
        Who = who;
        Network = network;
        ParameterGroups = parameterGroups;
        ClippedParameters = clippedParameters;
        TermNames = termNames;
    }

    /// <summary>Names the run in messages.</summary>
    public string Who { get; }

    /// <summary>The network being trained.</summary>
    public nn.Module Network { get; }

    /// <summary>Parameter groups, one Adam optimizer each; the first is scheduled.</summary>
    public IReadOnlyList<(IEnumerable<Parameter> Parameters, double LearningRate)> ParameterGroups { get; }

    /// <summary>Parameters whose gradient norm is clipped.</summary>
    public IEnumerable<Parameter> ClippedParameters { get; }

    /// <summary>Names of the loss terms, the MSE first.</summary>
    public IReadOnlyList<string> TermNames { get; }

    /// <summary>Standardised prediction (B, t) of modality batches (B, d_m) with the current weights: validation's forward pass.</summary>
    public abstract Tensor Forward(IReadOnlyList<Tensor> x);

    /// <summary>The loss of one training batch. The default: the MSE of <see cref="Forward"/>, the only term.</summary>
    public virtual BatchLoss Loss(Batch batch)
    {
        var mse = nn.functional.mse_loss(Forward(batch.X), batch.Y);
        return new BatchLoss(mse, mse.detach().to_type(ScalarType.Float64).unsqueeze(0));  // (1)
    }

    /// <summary>After an epoch's last batch, before validation (PIDReg: the epoch's atoms set the weights; the stage may switch).</summary>
    public virtual void EndEpoch(int epoch)
    {
    }

    /// <summary>The report of a finished epoch.</summary>
    public abstract TReport Report(EpochTotals totals);

    /// <summary>The history of a finished run.</summary>
    public abstract THistory History(IReadOnlyList<TReport> reports, int bestEpoch, bool stoppedEarly);

    /// <summary>Frees what the objective holds besides the network (which outlives it); the loop calls it when training ends.</summary>
    public virtual void Dispose()
    {
    }
}
