namespace PidReg.Data;

/// <summary>
/// Simulated stand-ins (Kind "stand-in") for sets the kit cannot obtain, with the real sets' modality
/// names, dimensions and target range, so notebooks run end to end. The values are NOT real data: each
/// modality is a random linear embedding of a few latent factors, some driven by a shared latent
/// target, plus noise; numbers from them say nothing about the real benchmarks.
/// </summary>
public static class StandIns
{
    /// <summary>CMU-MOSI as in MultiBench (mosi_raw.pkl): 2,199 segments, GloVe text 300, COVAREP audio 5, Facet vision 20, sentiment in [-3, 3].</summary>
    public static StandInSpec Mosi { get; } = new(DatasetNames.Mosi, 2199, [("text", 300, 1.0), ("audio", 5, 0.4), ("vision", 20, 0.3)], "sentiment", 3,
        "CMU-MOSI STAND-IN (simulated; shapes as MultiBench mosi_raw.pkl, time-averaged)");

    /// <summary>CMU-MOSEI as in MultiBench (mosei_senti_data.pkl): 22,777 segments, text 300, audio 74, vision 35, sentiment in [-3, 3].</summary>
    public static StandInSpec Mosei { get; } = new(DatasetNames.Mosei, 22777, [("text", 300, 1.0), ("audio", 74, 0.4), ("vision", 35, 0.3)], "sentiment", 3,
        "CMU-MOSEI STAND-IN (simulated; shapes as MultiBench mosei_senti_data.pkl, time-averaged)");

    /// <summary>
    /// Vision&amp;Touch (Lee et al. 2019, MultiBench robotics): "vision" 128 (image encoder features), "force"
    /// 192 (6-axis force/torque x 32 steps), "proprio" 8; target end-effector displacement (one value; rows chosen by us).
    /// </summary>
    public static StandInSpec VisionTouch { get; } = new(DatasetNames.VisionTouch, 10000, [("vision", 128, 0.6), ("force", 192, 0.6), ("proprio", 8, 0.8)], "displacement", 1,
        "Vision&Touch STAND-IN (simulated; modality widths chosen to match the MultiBench robotics task)");

    /// <summary>Draws a stand-in (seeded; maxRows 0 = the spec's rows).</summary>
    public static MultimodalDataset Generate(StandInSpec spec, int seed = 42, int maxRows = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int n = maxRows > 0 ? Math.Min(maxRows, spec.Rows) : spec.Rows;
        const int factors = 4;
        var rng = new Random(seed);
        var latent = new double[n];
        var y = new double[n, 1];
        for (int i = 0; i < n; i++)
        {
            latent[i] = RandomNormal.Next(rng);
            // tanh squashes into the real target's bounded range, as sentiment scores are.
            y[i, 0] = spec.TargetScale * Math.Tanh(0.8 * latent[i]);
        }
        var mods = new List<Modality>();
        foreach (var (name, dims, signal) in spec.Modalities)
        {
            var w = new double[factors, dims];
            for (int k = 0; k < factors; k++)
                for (int j = 0; j < dims; j++) w[k, j] = RandomNormal.Next(rng) / Math.Sqrt(factors);
            var x = new double[n, dims];
            var f = new double[factors];
            for (int i = 0; i < n; i++)
            {
                f[0] = signal * latent[i] + RandomNormal.Next(rng);
                for (int k = 1; k < factors; k++) f[k] = RandomNormal.Next(rng);
                for (int j = 0; j < dims; j++)
                {
                    double v = 0.5 * RandomNormal.Next(rng);
                    for (int k = 0; k < factors; k++) v += f[k] * w[k, j];
                    x[i, j] = v;
                }
            }
            mods.Add(new Modality(name, x));
        }
        return new MultimodalDataset(spec.Name, DatasetKinds.StandIn, mods, y, [spec.Target],
            description: spec.About + $": {n} simulated rows, seed {seed}. Not real data.");
    }
}
