namespace PidReg.Training;

/// <summary>
/// PyTorch's ReduceLROnPlateau in mode "min" with its default relative threshold (1e-4) and no cooldown: an epoch
/// improves when its metric is below best × (1 − 1e-4); after more than <c>patience</c> epochs without improvement the
/// learning rate is multiplied by <c>factor</c>, never below <c>minLearningRate</c>. It drives
/// <see cref="AdamOptimizer"/>, which replaces torch.optim.Adam (see there why); the decisions equal
/// torch.optim.lr_scheduler.ReduceLROnPlateau's (tested).
/// </summary>
internal sealed class PlateauSchedule(AdamOptimizer optimizer, double factor, int patience, double minLearningRate)
{
    const double RelativeThreshold = 1e-4, MinChange = 1e-8;
    double best = double.PositiveInfinity;
    int badEpochs;

    /// <summary>Records one epoch's metric (lower is better) and lowers the optimizer's learning rate on a plateau.</summary>
    public void Step(double metric)
    {
        if (metric < best * (1 - RelativeThreshold))
        {
            best = metric;
            badEpochs = 0;
        }
        else
        {
            badEpochs++;
        }
        if (badEpochs <= patience) return;
        double lowered = Math.Max(optimizer.LearningRate * factor, minLearningRate);
        if (optimizer.LearningRate - lowered > MinChange) optimizer.LearningRate = lowered;
        badEpochs = 0;
    }
}
