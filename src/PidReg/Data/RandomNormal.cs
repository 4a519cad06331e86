namespace PidReg.Data;

/// <summary>Standard normal draws from System.Random (Box-Muller), bit-identical for a given seed on every platform.</summary>
internal static class RandomNormal
{
    public static double Next(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
