using TorchSharp;
using static TorchSharp.torch;

namespace PidReg.Regularizers;

/// <summary>
/// The paper's Gaussianity term −log W': whiten the batch matrix [y′, Z1, Z2] (SVD of the centred matrix),
/// then take the Shapiro–Francia statistic of all its entries. If the joint law is Gaussian, every whitened
/// entry is N(0, 1), so W' → 1 and the loss → 0.
/// </summary>
public static class GaussianityLoss
{
    /// <summary>−log W' of the whitened [parts...] (each (B, k)); needs B ≥ 3.</summary>
    public static Tensor Compute(params Tensor[] parts)
    {
        var joint = cat(parts, 1);                                   // (B, p)
        long rows = joint.shape[0];
        if (rows < 3) throw new ArgumentException($"GaussianityLoss: need at least 3 rows, got {rows}.");
        var centered = joint - joint.mean([0], keepdim: true);      // (B, p)
        Tensor whitening;
        using (no_grad())
        {
            // The whitening map is a constant: gradients through the SVD itself blow up at near-equal
            // singular values, and the loss only needs to push the data, not the basis.
            var (_, s, vh) = linalg.svd(centered.detach(), fullMatrices: false);  // s (k), vh (k, p)
            using var rankTolerance = 1e-6.ToScalar();      // kept-alive Scalars: see KernelMath.Zero
            using var rootDof = Math.Sqrt(rows - 1).ToScalar();
            var keep = s > s.max().mul(rankTolerance);                             // rank-deficient batches (B ≤ p)
            var basis = vh.index(keep).t();                                        // (p, r)
            whitening = (basis / s.index(keep)).mul_(rootDof);                     // (p, r)
        }
        var whitened = centered.mm(whitening);                       // (B, r)
        using var floor = 1e-12.ToScalar();  // a kept-alive Scalar: see KernelMath.Zero
        return -ShapiroFrancia.Statistic(whitened).clamp_min(floor).log();
    }
}
