using PidReg.Data;

namespace PidReg.Tests.Training;

/// <summary>Small two-modality datasets with a known information structure, built from a seeded System.Random.</summary>
internal static class SyntheticModalities
{
    public enum Structure
    {
        /// <summary>y depends on X1 only; X2 is pure noise.</summary>
        SecondIsNoise,
        /// <summary>X1 and X2 are noisy views of the same signal s; y = s + noise.</summary>
        SameSignal,
        /// <summary>X1 carries s1, X2 carries s2 (independent); y = s1 + s2: the target needs both.</summary>
        NeedsBoth,
    }

    /// <summary>One draw of the generating process, split into consecutive training and validation rows.</summary>
    public static (MultimodalDataset Train, MultimodalDataset Validation) MakeSplit(Structure structure, int trainRows, int validationRows, int seed)
    {
        var all = Make(structure, trainRows + validationRows, seed);
        return (all.Subset(Enumerable.Range(0, trainRows).ToArray()), all.Subset(Enumerable.Range(trainRows, validationRows).ToArray()));
    }

    public static MultimodalDataset Make(Structure structure, int rows, int seed, int width1 = 6, int width2 = 5)
    {
        var rng = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var load1 = Enumerable.Range(0, width1).Select(_ => Gauss()).ToArray();
        var load2 = Enumerable.Range(0, width2).Select(_ => Gauss()).ToArray();
        var x1 = new double[rows, width1];
        var x2 = new double[rows, width2];
        var y = new double[rows, 1];
        for (int i = 0; i < rows; i++)
        {
            double s1 = Gauss(), s2 = Gauss();
            double signal2 = structure switch
            {
                Structure.SecondIsNoise => 0,
                Structure.SameSignal => s1,
                _ => s2,
            };
            for (int j = 0; j < width1; j++) x1[i, j] = load1[j] * s1 + 0.2 * Gauss();
            for (int j = 0; j < width2; j++) x2[i, j] = structure == Structure.SecondIsNoise ? Gauss() : load2[j] * signal2 + 0.2 * Gauss();
            y[i, 0] = 3 + 2 * (structure == Structure.NeedsBoth ? s1 + s2 : s1) + 0.1 * Gauss();
        }
        return new MultimodalDataset("synthetic-" + structure, DatasetKinds.Synthetic,
            [new Modality("x1", x1), new Modality("x2", x2)], y);
    }

    /// <summary>Three modalities, X_m carrying an independent s_m; y = s1 + s2 + s3: the target needs all three.</summary>
    public static MultimodalDataset MakeThree(int rows, int seed, int width1 = 4, int width2 = 3, int width3 = 5)
    {
        var rng = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        int[] widths = [width1, width2, width3];
        var loads = widths.Select(w => Enumerable.Range(0, w).Select(_ => Gauss()).ToArray()).ToArray();
        var x = widths.Select(w => new double[rows, w]).ToArray();
        var y = new double[rows, 1];
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int m = 0; m < 3; m++)
            {
                double s = Gauss();
                sum += s;
                for (int j = 0; j < widths[m]; j++) x[m][i, j] = loads[m][j] * s + 0.2 * Gauss();
            }
            y[i, 0] = 1 + sum + 0.1 * Gauss();
        }
        return new MultimodalDataset("synthetic-three", DatasetKinds.Synthetic,
            [new Modality("a", x[0]), new Modality("b", x[1]), new Modality("c", x[2])], y);
    }
}
