using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace PidReg.Model;

/// <summary>
/// The noise bottleneck (paper step 2): Z = λ R + (1 − λ) ε with ε = μ_B + σ_B ξ, ξ ~ N(0, I), μ_B and σ_B the
/// per-dimension batch mean and sd of R (treated as constants). λ = clamp(sigmoid(θ), 0.001, 0.999) with θ
/// learnable. At evaluation, or when disabled, Z = R.
/// </summary>
public sealed class NoiseBottleneck : Module<Tensor, Tensor>
{
    /// <summary>λ is kept away from 0 and 1 so the latent never becomes pure noise or loses all noise.</summary>
    public const double MinLambda = 0.001, MaxLambda = 0.999;

    private readonly Parameter theta;
    private readonly bool enabled;

    /// <summary>Creates the bottleneck with θ = initialTheta (paper: 4.0, so λ ≈ 0.982 at the start).</summary>
    public NoiseBottleneck(string name, double initialTheta, bool enabled = true) : base(name)
    {
        theta = new Parameter(tensor(new[] { (float)initialTheta }), requires_grad: enabled);  // (1)
        this.enabled = enabled;
        RegisterComponents();
    }

    /// <summary>θ, trained by its own optimizer.</summary>
    public Parameter Theta => theta;

    /// <summary>The current λ as a tensor (1) that carries θ's gradient.</summary>
    public Tensor Lambda() => theta.sigmoid().clamp(MinLambdaScalar, MaxLambdaScalar);  // (1)

    // Kept alive for the process (see PidReg.Regularizers.KernelMath.Zero).
    static readonly Scalar MinLambdaScalar = MinLambda.ToScalar(), MaxLambdaScalar = MaxLambda.ToScalar();

    /// <summary>R (B, d) → Z (B, d).</summary>
    public override Tensor forward(Tensor r)
    {
        if (!training || !enabled) return r.alias();
        Tensor noise;
        using (no_grad())
        {
            var mean = r.mean([0], keepdim: true);                  // (1, d)
            var sd = r.std(0, keepdim: true, unbiased: false);      // (1, d)
            noise = mean + sd * randn_like(r);                      // (B, d)
        }
        var lambda = Lambda();                                      // (1)
        return lambda * r + lambda.neg().add(PidReg.Regularizers.KernelMath.One) * noise;  // (B, d); no temporary Scalar (see KernelMath.Zero)
    }
}
