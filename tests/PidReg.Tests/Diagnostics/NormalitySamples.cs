using MathNet.Numerics.Distributions;

namespace PidReg.Tests.Diagnostics;

/// <summary>Seeded samples for the normality tests: a Gaussian null and clearly non-Gaussian alternatives.</summary>
public static class NormalitySamples
{
    /// <summary>The kinds of sample, each n × 3.</summary>
    public enum Kind
    {
        /// <summary>Correlated Gaussian (the null).</summary>
        Gaussian,
        /// <summary>Heavy tails: the multivariate t with 3 degrees of freedom (elliptical, same correlation).</summary>
        StudentT3,
        /// <summary>A skewed marginal: column 0 is Exp(1), the others Gaussian and correlated with it.</summary>
        ExponentialMarginal,
        /// <summary>Gaussian marginals under a Clayton copula (θ = 2, lower-tail dependence) for columns 0 and 1; column 2 independent.</summary>
        ClaytonCopula,
        /// <summary>Gaussian marginals under a t copula (3 dof, correlation 0.5) for all three columns.</summary>
        TCopula,
    }

    /// <summary>n rows of <paramref name="kind"/> from <paramref name="rng"/>.</summary>
    public static double[,] Draw(Kind kind, int n, Random rng)
    {
        var x = new double[n, 3];
        for (int i = 0; i < n; i++)
        {
            double z0 = Normal.Sample(rng, 0, 1), z1 = Normal.Sample(rng, 0, 1), z2 = Normal.Sample(rng, 0, 1);
            // Correlation 0.5 between every pair: zⱼ' = √0.5 zⱼ + √0.5 c with a shared c.
            double c = Normal.Sample(rng, 0, 1), h = Math.Sqrt(0.5);
            double[] r = [h * z0 + h * c, h * z1 + h * c, h * z2 + h * c];
            switch (kind)
            {
                case Kind.Gaussian:
                    break;
                case Kind.StudentT3:
                {
                    double scale = Math.Sqrt(3 / ChiSquared.Sample(rng, 3));
                    for (int j = 0; j < 3; j++) r[j] *= scale;
                    break;
                }
                case Kind.ExponentialMarginal:
                    r[0] = Exponential.Sample(rng, 1) + 0.5 * r[1];
                    break;
                case Kind.ClaytonCopula:
                {
                    // Conditional inversion: v = (u^(−θ)(w^(−θ/(1+θ)) − 1) + 1)^(−1/θ) (Nelsen 2006, §4.6).
                    const double theta = 2;
                    double u = rng.NextDouble(), w = rng.NextDouble();
                    u = Math.Max(u, 1e-12);
                    w = Math.Max(w, 1e-12);
                    double v = Math.Pow(Math.Pow(u, -theta) * (Math.Pow(w, -theta / (1 + theta)) - 1) + 1, -1 / theta);
                    r = [Normal.InvCDF(0, 1, u), Normal.InvCDF(0, 1, v), z2];
                    break;
                }
                case Kind.TCopula:
                {
                    double scale = Math.Sqrt(3 / ChiSquared.Sample(rng, 3));
                    for (int j = 0; j < 3; j++) r[j] = Normal.InvCDF(0, 1, StudentT.CDF(0, 1, 3, r[j] * scale));
                    break;
                }
            }
            for (int j = 0; j < 3; j++) x[i, j] = r[j];
        }
        return x;
    }

    /// <summary>Kolmogorov–Smirnov distance between the empirical CDF of <paramref name="pValues"/> and U(0, 1).</summary>
    public static double KsUniform(IEnumerable<double> pValues)
    {
        var u = pValues.Order().ToArray();
        int n = u.Length;
        double d = 0;
        for (int i = 0; i < n; i++) d = Math.Max(d, Math.Max((i + 1.0) / n - u[i], u[i] - (double)i / n));
        return d;
    }
}
