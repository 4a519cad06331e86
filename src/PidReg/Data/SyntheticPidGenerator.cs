using MathNet.Numerics.Distributions;
using PidReg.Information;

namespace PidReg.Data;

/// <summary>
/// Synthetic two-modality regression data whose PID is known. Independent unit-variance sources
/// drive latent components
/// <code>
/// r  = √Redundancy·y0 + e_r        (copied into both modalities)
/// u1 = √Unique1·y0 + e_u1,  u2 = √Unique2·y0 + e_u2
/// s1 = √Synergy·y0 + 2·e_s, s2 = e_s + 0.3·d   (X2 holds X1's noise: only the pair cancels it)
/// </code>
/// plus nuisance sources, embedded into Dims1 / Dims2 observed dimensions by random matrices with
/// orthonormal columns, plus independent observation noise. The target is y = y0 (nonlinear variants:
/// y = y0 + √Synergy·g(z1, z2) with z1 in X1, z2 in X2, and no linear synergy pair). Everything observed
/// is linear in the sources and g, so the population covariance of [y, X1, X2] is exact
/// (<see cref="PopulationCovariance"/>) and its Gaussian PID gives the true atoms (<see cref="TrueAtoms"/>);
/// for the Gaussian variant these are the true atoms of the data, for the others they are what a
/// Gaussian PID can see (see <see cref="SyntheticVariant"/>).
/// </summary>
public sealed class SyntheticPidGenerator
{
    // Loadings of the synergy pair: X1 sees the target under 2x the noise X2 reports (with a little of its own).
    const double SynergyNoiseLoading = 2.0, SynergyPrivateNoise = 0.3;

    readonly double[,] mixing;   // (1 + Dims1 + Dims2) x (sources + 1 for g)
    readonly int sourceCount, z1Index, z2Index;
    PidResult? trueAtoms;

    /// <summary>Builds the mixing matrix (deterministic given <see cref="SyntheticPidOptions.EmbeddingSeed"/>).</summary>
    public SyntheticPidGenerator(SyntheticPidOptions? options = null)
    {
        Options = (options ?? new SyntheticPidOptions()).Validate();
        var o = Options;
        bool nonlinear = IsNonlinear;
        // Source columns: y0, e_r, e_u1, e_u2, e_s, d, [z1, z2], nuisance1, nuisance2, obs1, obs2; then g.
        int col = 6;
        z1Index = nonlinear ? col++ : -1;
        z2Index = nonlinear ? col++ : -1;
        int nuis1 = col; col += o.Nuisance1;
        int nuis2 = col; col += o.Nuisance2;
        int obs1 = col; col += o.Dims1;
        int obs2 = col; col += o.Dims2;
        sourceCount = col;
        int gIndex = col;
        mixing = new double[1 + o.Dims1 + o.Dims2, sourceCount + 1];

        mixing[0, 0] = 1;
        if (nonlinear) mixing[0, gIndex] = Math.Sqrt(o.Synergy);
        double linearSynergy = nonlinear ? 0 : Math.Sqrt(o.Synergy);

        // Latent rows as loadings on the sources.
        double[] Latent(params (int Source, double Weight)[] terms)
        {
            var row = new double[sourceCount + 1];
            foreach (var (s, w) in terms) row[s] += w;
            return row;
        }
        var shared = Latent((0, Math.Sqrt(o.Redundancy)), (1, 1));
        var l1 = new List<double[]> { shared, Latent((0, Math.Sqrt(o.Unique1)), (2, 1)), Latent((0, linearSynergy), (4, SynergyNoiseLoading)) };
        var l2 = new List<double[]> { shared, Latent((0, Math.Sqrt(o.Unique2)), (3, 1)), Latent((4, 1), (5, SynergyPrivateNoise)) };
        if (nonlinear) { l1.Add(Latent((z1Index, 1))); l2.Add(Latent((z2Index, 1))); }
        for (int k = 0; k < o.Nuisance1; k++) l1.Add(Latent((nuis1 + k, 1)));
        for (int k = 0; k < o.Nuisance2; k++) l2.Add(Latent((nuis2 + k, 1)));

        var rng = new Random(o.EmbeddingSeed);
        Embed(1, OrthonormalColumns(o.Dims1, l1.Count, rng), l1, obs1);
        Embed(1 + o.Dims1, OrthonormalColumns(o.Dims2, l2.Count, rng), l2, obs2);

        void Embed(int firstRow, double[,] w, List<double[]> latents, int obsStart)
        {
            for (int i = 0; i < w.GetLength(0); i++)
            {
                for (int k = 0; k < latents.Count; k++)
                    for (int s = 0; s <= sourceCount; s++)
                        mixing[firstRow + i, s] += w[i, k] * latents[k][s];
                mixing[firstRow + i, obsStart + i] = o.ObservationNoise;
            }
        }

        int n = mixing.GetLength(0), m = mixing.GetLength(1);
        var cov = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int k = 0; k < m; k++) s += mixing[i, k] * mixing[j, k];
                cov[i, j] = cov[j, i] = s;
            }
        PopulationCovariance = cov;
    }

    /// <summary>The (validated) options.</summary>
    public SyntheticPidOptions Options { get; }

    /// <summary>Exact covariance of [y, X1, X2], ordered as <see cref="Dims"/> (target first).</summary>
    public double[,] PopulationCovariance { get; }

    /// <summary>Block sizes (1, Dims1, Dims2) of <see cref="PopulationCovariance"/>.</summary>
    public PidDims Dims => new(1, Options.Dims1, Options.Dims2);

    /// <summary>The Gaussian PID of the population covariance (bits): the analytic atoms.</summary>
    public PidResult TrueAtoms => trueAtoms ??= GaussianPid.FromCovariance(PopulationCovariance, Dims);

    bool IsNonlinear => Options.Variant is SyntheticVariant.Multiplicative or SyntheticVariant.Xor;

    /// <summary>Draws n rows (seeded: same seed, bit-identical rows) as a dataset with modalities "x1", "x2" and target "y".</summary>
    public MultimodalDataset Sample(int n, int seed)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "must be ≥ 1");
        var o = Options;
        var rng = new Random(seed);
        var y = new double[n, 1];
        var x1 = new double[n, o.Dims1];
        var x2 = new double[n, o.Dims2];
        var source = new double[sourceCount + 1];
        double tScale = Math.Sqrt((o.DegreesOfFreedom - 2) / o.DegreesOfFreedom);
        for (int r = 0; r < n; r++)
        {
            for (int s = 0; s < sourceCount; s++)
                source[s] = o.Variant == SyntheticVariant.HeavyTailed
                    ? StudentT.Sample(rng, 0, 1, o.DegreesOfFreedom) * tScale
                    : RandomNormal.Next(rng);
            source[sourceCount] = o.Variant switch
            {
                SyntheticVariant.Multiplicative => source[z1Index] * source[z2Index],
                SyntheticVariant.Xor => Math.Sign(source[z1Index]) * Math.Sign(source[z2Index]),
                _ => 0,
            };
            y[r, 0] = Dot(0, source);
            for (int i = 0; i < o.Dims1; i++) x1[r, i] = Dot(1 + i, source);
            for (int i = 0; i < o.Dims2; i++) x2[r, i] = Dot(1 + o.Dims1 + i, source);
        }
        return new MultimodalDataset(DatasetNames.Synthetic, DatasetKinds.Synthetic, [new Modality("x1", x1), new Modality("x2", x2)], y, ["y"],
            description: $"synthetic PID data ({o.Variant}; R={o.Redundancy}, U1={o.Unique1}, U2={o.Unique2}, S={o.Synergy}; {o.Dims1}+{o.Dims2} dims; seed {seed})");
    }

    double Dot(int row, double[] source)
    {
        double s = 0;
        for (int k = 0; k < source.Length; k++) s += mixing[row, k] * source[k];
        return s;
    }

    // Gram-Schmidt on a Gaussian matrix: random directions that lose no latent information.
    static double[,] OrthonormalColumns(int rows, int cols, Random rng)
    {
        var w = new double[rows, cols];
        for (int j = 0; j < cols; j++)
        {
            for (int i = 0; i < rows; i++) w[i, j] = RandomNormal.Next(rng);
            for (int pass = 0; pass < 2; pass++)
                for (int k = 0; k < j; k++)
                {
                    double dot = 0;
                    for (int i = 0; i < rows; i++) dot += w[i, j] * w[i, k];
                    for (int i = 0; i < rows; i++) w[i, j] -= dot * w[i, k];
                }
            double norm = 0;
            for (int i = 0; i < rows; i++) norm += w[i, j] * w[i, j];
            norm = Math.Sqrt(norm);
            for (int i = 0; i < rows; i++) w[i, j] /= norm;
        }
        return w;
    }
}
