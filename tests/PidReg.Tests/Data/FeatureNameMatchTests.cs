using PidReg.Baselines;
using PidReg.Data;
using PidReg.Training;

namespace PidReg.Tests.Data;

/// <summary>Predict compares the columns of a data set with those of the fit, not only their number.</summary>
[Collection(TorchSeedCollection.Name)]
public class FeatureNameMatchTests
{
    public FeatureNameMatchTests() => Training.TrainingTestSetup.Prepare();

    static MultimodalDataset Data(string[] x1, string[] x2, int rows = 120)
    {
        var rng = new Random(3);
        var (a, b, y) = (new double[rows, x1.Length], new double[rows, x2.Length], new double[rows, 1]);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < x1.Length; j++) a[i, j] = rng.NextDouble();
            for (int j = 0; j < x2.Length; j++) b[i, j] = rng.NextDouble();
            y[i, 0] = a[i, 0] + b[i, 0];
        }
        return new MultimodalDataset("names", DatasetKinds.Synthetic,
            [new Modality("x1", a) { FeatureNames = x1 }, new Modality("x2", b) { FeatureNames = x2 }], y);
    }

    [Fact]
    public void OtherColumnsOfTheSameWidthAreNamed()
    {
        var fitted = new[] { new[] { "a1", "a2" }, new[] { "b1", "b2" } };
        var e = Assert.Throws<ArgumentException>(() => FeatureNameMatch.Check("Model", fitted, Data(["a1", "a2"], ["b1", "c9"])));
        Assert.Contains("modality 'x2' (X2)", e.Message);
        Assert.Contains("not in the fit: 'c9'", e.Message);
        Assert.Contains("missing: 'b2'", e.Message);
    }

    [Fact]
    public void TheSameColumnsInAnotherOrderAreNamed()
    {
        var fitted = new[] { new[] { "a1", "a2" }, new[] { "b1", "b2" } };
        var e = Assert.Throws<ArgumentException>(() => FeatureNameMatch.Check("Model", fitted, Data(["a2", "a1"], ["b1", "b2"])));
        Assert.Contains("another order", e.Message);
        Assert.Contains("position 0 is 'a2', the fit had 'a1'", e.Message);
    }

    [Fact]
    public void UnknownNamesAreNotCompared() =>
        FeatureNameMatch.Check("Model", [null, null], Data(["a1", "a2"], ["b1", "b2"]));

    [Fact]
    public void PredictOfAFittedBaselineComparesNames()
    {
        using var model = new BaselineRegressor(BaselineKind.EarlyFusion, new BaselineOptions { Epochs = 2 });
        var train = Data(["a1", "a2"], ["b1", "b2"]);
        model.Fit(train, train);
        model.Predict(train);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(Data(["a1", "a2"], ["b2", "b1"])));
        Assert.Contains("another order", e.Message);
    }

    [Fact]
    public void PredictOfAFittedPidRegComparesNames()
    {
        using var model = new PidRegRegressor(Training.PidRegRegressorTests.Small with { Epochs = 2 });
        var train = Data(["a1", "a2"], ["b1", "b2"]);
        model.Fit(train, train);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(Data(["z1", "a2"], ["b1", "b2"])));
        Assert.Contains("modality 'x1' (X1)", e.Message);
        Assert.Contains("not in the fit: 'z1'", e.Message);
    }
}
