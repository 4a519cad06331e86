namespace PidReg.Training;

/// <summary>What every model's training history says: the epochs in order, the restored best epoch and how training ended.</summary>
public interface ITrainingHistory
{
    /// <summary>One report per epoch, in order.</summary>
    IReadOnlyList<IEpochReport> Reports { get; }

    /// <summary>Epoch with the lowest validation MSE; its weights were restored.</summary>
    int BestEpoch { get; }

    /// <summary>True when early stopping ended training before the epoch limit.</summary>
    bool StoppedEarly { get; }

    /// <summary>Mean wall seconds per epoch.</summary>
    double SecondsPerEpoch { get; }
}
