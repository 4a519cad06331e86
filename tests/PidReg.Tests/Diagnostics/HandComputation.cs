namespace PidReg.Tests.Diagnostics;

/// <summary>
/// The normality statistics straight from their formulas with plain loops on a small matrix, independent of the
/// library's route (which whitens with a Cholesky factor): the 3 × 3 inverse by cofactors, every gᵢⱼ and Dᵢⱼ
/// written out.
/// </summary>
internal static class HandComputation
{
    /// <summary>Eight rows of three columns, picked by hand: skewed enough that the statistics are not near zero.</summary>
    public static double[,] Matrix { get; } = new double[,]
    {
        { 1.0, 2.0, 0.5 }, { 2.5, 1.0, 1.5 }, { 0.3, 0.7, 2.2 }, { 4.0, 3.1, 0.1 },
        { 1.7, 2.9, 1.1 }, { 0.9, 0.2, 0.8 }, { 3.3, 1.8, 2.9 }, { 2.2, 4.4, 1.9 },
    };

    /// <summary>(xᵢ − x̄)ᵀ S⁻¹ (xⱼ − x̄) for every i, j, S with divisor n.</summary>
    public static double[,] MahalanobisInner(double[,] x, out double[,] inverse)
    {
        int n = x.GetLength(0);
        var mean = new double[3];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < 3; j++) mean[j] += x[i, j] / n;
        var s = new double[3, 3];
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
                for (int i = 0; i < n; i++) s[a, b] += (x[i, a] - mean[a]) * (x[i, b] - mean[b]) / n;
        double det = s[0, 0] * (s[1, 1] * s[2, 2] - s[1, 2] * s[2, 1])
                   - s[0, 1] * (s[1, 0] * s[2, 2] - s[1, 2] * s[2, 0])
                   + s[0, 2] * (s[1, 0] * s[2, 1] - s[1, 1] * s[2, 0]);
        inverse = new double[3, 3];
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
            {
                // Cofactor of s[b, a]: rows other than b, columns other than a, cyclically ordered so the sign is built in.
                int r0 = (b + 1) % 3, r1 = (b + 2) % 3, c0 = (a + 1) % 3, c1 = (a + 2) % 3;
                inverse[a, b] = (s[r0, c0] * s[r1, c1] - s[r0, c1] * s[r1, c0]) / det;
            }
        var g = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int a = 0; a < 3; a++)
                    for (int b = 0; b < 3; b++)
                        g[i, j] += (x[i, a] - mean[a]) * inverse[a, b] * (x[j, b] - mean[b]);
        return g;
    }

    /// <summary>Mardia's b₁ = (1/n²) Σᵢⱼ gᵢⱼ³ and b₂ = (1/n) Σᵢ gᵢᵢ².</summary>
    public static (double B1, double B2) Mardia(double[,] x)
    {
        var g = MahalanobisInner(x, out _);
        int n = x.GetLength(0);
        double b1 = 0, b2 = 0;
        for (int i = 0; i < n; i++)
        {
            b2 += g[i, i] * g[i, i] / n;
            for (int j = 0; j < n; j++) b1 += Math.Pow(g[i, j], 3) / ((double)n * n);
        }
        return (b1, b2);
    }

    /// <summary>Henze–Zirkler's HZ and β, with Dᵢⱼ from the differences xᵢ − xⱼ themselves.</summary>
    public static (double Hz, double Beta) HenzeZirkler(double[,] x)
    {
        var g = MahalanobisInner(x, out var inverse);
        int n = x.GetLength(0), p = 3;
        double beta = Math.Pow((2 * p + 1) / 4.0, 1.0 / (p + 4)) * Math.Pow(n, 1.0 / (p + 4)) / Math.Sqrt(2);
        double b2 = beta * beta, first = 0, second = 0;
        for (int i = 0; i < n; i++)
        {
            second += Math.Exp(-b2 / (2 * (1 + b2)) * g[i, i]);
            for (int j = 0; j < n; j++)
            {
                double d = 0;
                for (int a = 0; a < 3; a++)
                    for (int b = 0; b < 3; b++) d += (x[i, a] - x[j, a]) * inverse[a, b] * (x[i, b] - x[j, b]);
                first += Math.Exp(-b2 / 2 * d);
            }
        }
        double hz = first / n - 2 * Math.Pow(1 + b2, -p / 2.0) * second + n * Math.Pow(1 + 2 * b2, -p / 2.0);
        return (hz, beta);
    }
}
