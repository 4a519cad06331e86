using System.Globalization;

namespace PidReg.Training;

/// <summary>
/// When a training has diverged, one rule for PIDReg's trainer and the baselines' loop. Losses are in standardised
/// units, where predicting the training mean scores an MSE of about 1. A run has diverged when a loss is not a finite
/// number, or the validation MSE exceeds <see cref="Ceiling"/>, or it exceeds both <see cref="Growth"/> × the best so
/// far and <see cref="Floor"/>. The floor keeps a run that was nearly perfect (best 1e-4) from being called diverged for
/// a bad epoch that is still better than predicting the mean ten times over.
/// </summary>
public static class DivergenceRule
{
    /// <summary>A validation MSE a million times that of predicting the mean is never a result.</summary>
    public const double Ceiling = 1e6;

    /// <summary>Three orders of magnitude above the best epoch so far.</summary>
    public const double Growth = 1e3;

    /// <summary>Ten times the MSE of predicting the mean.</summary>
    public const double Floor = 10;

    /// <summary>
    /// Throws <see cref="TrainingDivergedException"/> when the epoch's losses meet the rule. <paramref name="who"/>
    /// names the model in the message; <paramref name="learningRate"/> is the rate the run used.
    /// </summary>
    public static void Check(string who, int epoch, double trainMse, double validationMse, double bestValidation, double learningRate)
    {
        string? why = null;
        if (!double.IsFinite(trainMse)) why = $"the training MSE became {Format(trainMse)}";
        else if (!double.IsFinite(validationMse)) why = $"the validation MSE became {Format(validationMse)}";
        else if (validationMse > Ceiling) why = $"the validation MSE reached {Format(validationMse)} (above {Format(Ceiling)}, in standardised units where predicting the mean scores 1)";
        else if (double.IsFinite(bestValidation) && validationMse > Growth * bestValidation && validationMse > Floor)
            why = $"the validation MSE grew to {Format(validationMse)}, more than {Format(Growth)} × the best so far ({Format(bestValidation)})";
        if (why is not null) throw Diverged(who, epoch, why, learningRate);
    }

    /// <summary>The exception for a divergence seen mid-epoch (a batch loss that is not finite, degenerate latents).</summary>
    public static TrainingDivergedException Diverged(string who, int epoch, string why, double learningRate) =>
        new(epoch, $"{who}: training diverged at epoch {epoch}: {why}; nothing was saved or reported. " +
            $"Use a smaller learning rate (--learning-rate {Format(learningRate / 10)}, a tenth of {Format(learningRate)}), " +
            "and check the inputs for extreme values.");

    static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
