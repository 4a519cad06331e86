using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PidReg.Training;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) with PyTorch's update order and defaults (β = (0.9, 0.999), ε = 1e-8, no weight decay):
/// m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; p ← p − (lr / (1 − β1ᵗ)) m / (√v / √(1 − β2ᵗ) + ε).
/// Why not torch.optim.Adam: TorchSharp 0.107's Adam passes its numbers to libtorch as implicitly converted
/// <see cref="Scalar"/> temporaries, which the garbage collector may finalize while the native op still reads them
/// (a multi-seed brain-age experiment crashed inside libtorch with "INTERNAL ASSERT FAILED … Scalar.h"). Here every
/// Scalar is held by a field or a <c>using</c> local until its op has returned. The arithmetic is the same, op for op,
/// so results equal torch.optim.Adam's bit for bit (tested).
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;
    readonly Parameter[] parameters;
    readonly Tensor[] firstMoments, secondMoments;  // m, v per parameter, outside every dispose scope
    readonly Scalar beta1 = Beta1.ToScalar(), oneMinusBeta1 = (1 - Beta1).ToScalar();
    readonly Scalar beta2 = Beta2.ToScalar(), oneMinusBeta2 = (1 - Beta2).ToScalar(), epsilon = Epsilon.ToScalar();
    long step;

    /// <summary>Optimizes <paramref name="parameters"/> with learning rate <paramref name="learningRate"/> (&gt; 0).</summary>
    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "must be finite and > 0");
        this.parameters = parameters.ToArray();
        LearningRate = learningRate;
        using var _ = no_grad();
        firstMoments = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        secondMoments = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>The current learning rate; <see cref="PlateauSchedule"/> lowers it.</summary>
    public double LearningRate { get; set; }

    /// <summary>
    /// Sets every existing gradient to zero, as torch.optim.Adam.zero_grad() does in TorchSharp 0.107 and in the
    /// reference's PyTorch 1.13 (set_to_none = false): a parameter that then gets no gradient still moves by its momentum.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>One update from the current gradients; parameters without a gradient are left alone.</summary>
    public void Step()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        step++;
        double biasCorrection1 = 1 - Math.Pow(Beta1, step);
        double biasCorrection2 = 1 - Math.Pow(Beta2, step);
        using var rootBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var negativeStepSize = (-(LearningRate / biasCorrection1)).ToScalar();
        for (int i = 0; i < parameters.Length; i++)
        {
            var grad = parameters[i].grad;
            if (grad is null) continue;
            firstMoments[i].mul_(beta1).add_(grad, alpha: oneMinusBeta1);
            secondMoments[i].mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2);
            var denominator = secondMoments[i].sqrt().div_(rootBiasCorrection2).add_(epsilon);
            parameters[i].addcdiv_(firstMoments[i], denominator, value: negativeStepSize);
        }
    }

    /// <summary>Frees the moment tensors and the Scalars.</summary>
    public void Dispose()
    {
        foreach (var t in firstMoments.Concat(secondMoments)) t.Dispose();
        foreach (var s in new[] { beta1, oneMinusBeta1, beta2, oneMinusBeta2, epsilon }) s.Dispose();
    }
}
