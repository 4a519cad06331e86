using PidReg.Data;
using PidReg.Information;
using PidReg.Model;
using PidReg.Training;
using static PidReg.Tests.Training.SyntheticModalities;
using static TorchSharp.torch;

namespace PidReg.Tests.Training;

/// <summary>PIDReg over three modalities: the lattice explanation, the path weights, per-row Shapley values and checkpoints.</summary>
[Collection(TorchSeedCollection.Name)]
public class PidRegManyModalitiesTests
{
    public PidRegManyModalitiesTests() => TrainingTestSetup.Prepare();

    // x1 carries s1, x2 carries s2, y = 3 + 2 (s1 + s2): the pair needs both; "noise" is independent of everything.
    static (MultimodalDataset Train, MultimodalDataset Validation) WithNoiseModality(int seed)
    {
        var pair = Make(Structure.NeedsBoth, 800, seed);
        var rng = new Random(seed + 100);
        var noise = new double[pair.RowCount, 4];
        for (int i = 0; i < pair.RowCount; i++)
            for (int j = 0; j < 4; j++) noise[i, j] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var all = new MultimodalDataset("synthetic-with-noise", DatasetKinds.Synthetic, [.. pair.Modalities, new Modality("noise", noise)], pair.Target);
        return (all.Subset([.. Enumerable.Range(0, 600)]), all.Subset([.. Enumerable.Range(600, 200)]));
    }

    static double R2(IMultimodalRegressor model, MultimodalDataset data) =>
        PidReg.Evaluation.Metrics.Regression(data.Target, model.Predict(data)).R2;

    [Fact]
    public void AModalityOfPureNoiseGetsLittleWeightOnEveryPathAndCostsNoAccuracy()
    {
        var (train, validation) = WithNoiseModality(1);
        using var three = new PidRegRegressor(PidRegRegressorTests.Small).Fit(train, validation);
        var e = three.Explain();

        Assert.Equal(["x1", "x2", "noise", "x1*x2", "x1*noise", "x2*noise", "x1*x2*noise"], e.PathWeights.Paths.Select(p => p.Name));
        Assert.Equal(1, e.PathWeights.Weights.Sum(), 9);
        Assert.All(e.PathWeights.ByName.Where(p => p.Key.Contains("noise", StringComparison.Ordinal)),
            p => Assert.True(p.Value <= 0.1, $"path {p.Key} weighs {p.Value}: {e.PathWeights}"));
        Assert.Equal(18, e.LatticeAtoms!.Count);
        Assert.Null(e.Atoms);
        Assert.Null(e.Weights);
        Assert.Equal(3, e.Lambdas.Count);

        using var two = new PidRegRegressor(PidRegRegressorTests.Small).Fit(train.WithModalities("x1", "x2"), validation.WithModalities("x1", "x2"));
        double r2Three = R2(three, validation), r2Two = R2(two, validation.WithModalities("x1", "x2"));
        Assert.True(r2Two > 0.9, $"two modalities R² {r2Two}");
        Assert.True(Math.Abs(r2Three - r2Two) < 0.03, $"R² with the noise modality {r2Three}, without {r2Two}");
    }

    [Fact]
    public void ShapleyValuesOverThreeModalitiesEqualTheAverageOverEveryOrderAndAddUpToThePrediction()
    {
        var (train, validation) = WithNoiseModality(2);
        using var model = new PidRegRegressor(PidRegRegressorTests.Small with { Epochs = 5 }).Fit(train, validation);
        var rows = validation.Subset([.. Enumerable.Range(0, 12)]);
        var attribution = model.Attribute(rows, reference: train);
        var predicted = model.Predict(rows);

        // The definition: the mean over the 3! orders of each modality's marginal effect, v(S) the head with the latents
        // of S present and the others at the training rows' mean latents.
        var latents = model.Latents(rows);
        var reference = model.Latents(train).Select(z => Enumerable.Range(0, z.GetLength(1)).Select(j => Enumerable.Range(0, z.GetLength(0)).Average(i => z[i, j])).ToArray()).ToArray();
        int[][] orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        for (int i = 0; i < rows.RowCount; i++)
        {
            double Value(int mask) => Head(model, [.. Enumerable.Range(0, 3).Select(m => (mask >> m & 1) == 1 ? Row(latents[m], i) : reference[m])]);
            var expected = new double[3];
            foreach (var order in orders)
            {
                int mask = 0;
                foreach (int m in order)
                {
                    expected[m] += (Value(mask | 1 << m) - Value(mask)) / orders.Length;
                    mask |= 1 << m;
                }
            }
            for (int m = 0; m < 3; m++) Assert.Equal(expected[m], attribution.Contributions[i, m], 1e-4);
            Assert.Equal(predicted[i, 0] - attribution.Baseline, Enumerable.Range(0, 3).Sum(m => attribution.Contributions[i, m]), 1e-4);
        }
        Assert.Equal(["x1", "x2", "noise"], attribution.Modalities);
        // The noise modality moves the predictions least.
        var moved = attribution.MeanAbsolute();
        Assert.True(moved[2] < Math.Min(moved[0], moved[1]), string.Join(", ", moved));
    }

    // The fitted model's prediction (original scale) for one row of latents.
    static double Head(PidRegRegressor model, double[][] latents)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var z = latents.Select(l => tensor(l.Select(v => (float)v).ToArray(), [1, l.Length])).ToArray();
        float standardised = model.Model.Head(z, model.Model.FusionWeights).cpu().data<float>()[0];
        return model.Fitted.TargetScaling.Inverse([standardised], 1)[0, 0];
    }

    static double[] Row(double[,] z, int i) => [.. Enumerable.Range(0, z.GetLength(1)).Select(j => z[i, j])];

    [Fact]
    public void TheLatentLatticePidOfTwoModalitiesIsTheMmiPidOfTheLatentsAndThreeGiveEighteenAtoms()
    {
        var (train, validation) = MakeSplit(Structure.NeedsBoth, 600, 200, 3);
        using var two = new PidRegRegressor(PidRegRegressorTests.Small with { Epochs = 5 }).Fit(train, validation);
        var lattice = two.LatentLatticePid(validation);
        var pair = two.LatentPid(validation, new PidSampleOptions { Estimate = two.Options.PidEstimate, TargetTransform = two.Options.TargetTransform, Measure = PidMeasure.Mmi });
        Assert.Equal(pair.UniqueX1, lattice["{1}"], 9);
        Assert.Equal(pair.UniqueX2, lattice["{2}"], 9);
        Assert.Equal(pair.Redundancy, lattice["{1}{2}"], 9);
        Assert.Equal(pair.Synergy, lattice["{12}"], 9);

        var (train3, validation3) = WithNoiseModality(3);
        using var three = new PidRegRegressor(PidRegRegressorTests.Small with { Epochs = 5 }).Fit(train3, validation3);
        var atoms = three.LatentLatticePid(validation3);
        Assert.Equal(18, atoms.Atoms.Count);
        Assert.Equal(atoms.MiJoint, atoms.Total, 9);
        Assert.Contains("use LatentLatticePid", Assert.Throws<ArgumentException>(() => three.LatentPid(validation3)).Message);
        Assert.Contains("defined here for two modalities", Assert.Throws<ArgumentException>(() => three.LocalLatentInformation(validation3, train3)).Message);
        Assert.Null(three.ExplainRows(validation3, train3).Local);
        Assert.Equal(1 + 3 * three.Options.LatentDim, three.LatentNormality(validation3).Dimensions);  // (y′, Z1, Z2, Z3)
    }

    [Fact]
    public void TheBatchPidOfMoreModalitiesNeedsLargerBatchesAndSaysSoBeforeTraining()
    {
        var o = new PidRegOptions();  // latent size 64, batches of 256
        // The PID of M latents: 1 + M·64 dimensions; the default's verdict on a pair's product: 1 + 3·64, whatever M.
        var always = o with { SynergyRouting = SynergyRouting.ModalitiesAndProduct };
        Assert.Equal((129 + 1, 193 + 1, 257 + 1), (always.MinimumBatchRows(1, 2), always.MinimumBatchRows(1, 3), always.MinimumBatchRows(1, 4)));
        Assert.Equal((193 + 1, 193 + 1, 257 + 1), (o.MinimumBatchRows(1, 2), o.MinimumBatchRows(1, 3), o.MinimumBatchRows(1, 4)));
        Assert.Contains("product given the latents (the verdict on the product path) of a 193-dimensional covariance (target 1 + 3 × latent size 64", o.MinimumBatchReason(1, 2));
        Assert.Contains("--model pidreg-always-product", o.MinimumBatchReason(1, 2));
        Assert.DoesNotContain("pidreg-always-product", o.MinimumBatchReason(1, 4));
        Assert.Equal(4, (o with { PidEstimate = PidEstimate.PlugIn }).MinimumBatchRows(1, 4));

        var (train, validation) = WithNoiseModality(5);
        var four = new MultimodalDataset("four", DatasetKinds.Synthetic, [.. train.Modalities, new Modality("copy", train.Modalities[0].Values)], train.Target);
        var fourValidation = new MultimodalDataset("four", DatasetKinds.Synthetic, [.. validation.Modalities, new Modality("copy", validation.Modalities[0].Values)], validation.Target);
        using var model = new PidRegRegressor(o);
        var e = Assert.Throws<ArgumentException>(() => model.Fit(four, fourValidation));
        Assert.Contains("batches of 256 rows (--batch-size, PidRegOptions.BatchSize) are too small for the bias-corrected batch PID of a 257-dimensional covariance (target 1 + 4 × latent size 64, so 258 rows per batch)", e.Message);
        Assert.False(model.IsFitted);
    }

    [Fact]
    public void AThreeModalityCheckpointLoadsWithItsPathsAndPredictsTheSame()
    {
        var (train, validation) = WithNoiseModality(4);
        using var model = new PidRegRegressor(PidRegRegressorTests.Small with { Epochs = 4 }).Fit(train, validation);
        var folder = Path.Combine(Path.GetTempPath(), "pidreg-three-" + Guid.NewGuid().ToString("N"));
        try
        {
            model.Save(folder);
            using var loaded = PidRegRegressor.Load(folder);
            Assert.Equal(model.Predict(validation), loaded.Predict(validation));
            Assert.Equal(model.Explain(), loaded.Explain());
            Assert.Equal(["x1", "x2", "noise"], loaded.Model.ModalityNames);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
