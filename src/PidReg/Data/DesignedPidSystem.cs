using System.Globalization;

namespace PidReg.Data;

/// <summary>
/// A scalar target T and two scalar sources X1, X2, each a linear combination of independent standard normal sources:
/// [T, X1, X2]ᵀ = <see cref="Loadings"/> · z with z ~ N(0, I). Its covariance, and so every Gaussian PID of it, is exact;
/// <see cref="Sample"/> draws rows from the same equations. Built by <see cref="DesignedPidSystems"/>.
/// </summary>
public sealed class DesignedPidSystem
{
    readonly double[,] loadings;   // 3 × sources: rows T, X1, X2

    internal DesignedPidSystem(string name, string equations, double[,] loadings)
    {
        Name = name;
        Equations = equations;
        this.loadings = loadings;
    }

    /// <summary>Short name, e.g. "copy".</summary>
    public string Name { get; }

    /// <summary>The structural equations in words and symbols, e.g. "X1 = X2 = T + 0.5·n".</summary>
    public string Equations { get; }

    /// <summary>3 × k loadings of [T, X1, X2] on k independent standard normal sources (a copy).</summary>
    public double[,] Loadings => (double[,])loadings.Clone();

    /// <summary>The exact 3 × 3 covariance of [T, X1, X2] (Loadings · Loadingsᵀ), ordered as a PID covariance with dims 1,1,1.</summary>
    public double[,] Covariance
    {
        get
        {
            int k = loadings.GetLength(1);
            var cov = new double[3, 3];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    for (int s = 0; s < k; s++)
                        cov[i, j] += loadings[i, s] * loadings[j, s];
            return cov;
        }
    }

    /// <summary>Draws rows of (T, X1, X2) from the equations; the same seed gives the same rows.</summary>
    /// <param name="rows">Number of rows. Range ≥ 1.</param>
    /// <param name="seed">Seed of the source draws.</param>
    public (double[,] Target, double[,] X1, double[,] X2) Sample(int rows, int seed)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "must be at least 1");
        var rng = new Random(seed);
        int k = loadings.GetLength(1);
        var blocks = new[] { new double[rows, 1], new double[rows, 1], new double[rows, 1] };
        var z = new double[k];
        for (int r = 0; r < rows; r++)
        {
            for (int s = 0; s < k; s++) z[s] = RandomNormal.Next(rng);
            for (int i = 0; i < 3; i++)
            {
                double v = 0;
                for (int s = 0; s < k; s++) v += loadings[i, s] * z[s];
                blocks[i][r, 0] = v;
            }
        }
        return (blocks[0], blocks[1], blocks[2]);
    }

    /// <summary>"name: equations".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: {Equations}");
}
