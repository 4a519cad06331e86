using PidReg.Training;
using static PidReg.Tests.Training.SyntheticModalities;

namespace PidReg.Tests.Training;

[Collection(TorchSeedCollection.Name)]
public class ModalityAttributionTests
{
    public ModalityAttributionTests() => TrainingTestSetup.Prepare();

    [Fact]
    public void ContributionsAddUpToThePredictionMinusTheBaselineForEveryRow()
    {
        var (train, validation) = MakeSplit(Structure.NeedsBoth, 600, 200, 3);
        using var regressor = new PidRegRegressor(PidRegRegressorTests.Small).Fit(train, validation);
        var attribution = regressor.Attribute(validation, reference: train);
        var predicted = regressor.Predict(validation);
        Assert.Equal(["x1", "x2"], attribution.Modalities);
        for (int i = 0; i < validation.RowCount; i++)
        {
            // The efficiency axiom of Shapley values, and the same predictions Predict gives.
            Assert.Equal(attribution.Predictions[i] - attribution.Baseline, attribution.Contributions[i, 0] + attribution.Contributions[i, 1], 4);
            Assert.Equal(predicted[i, 0], attribution.Predictions[i], 4);
        }
        // y = 3 + 2 (s1 + s2): each modality moves predictions by about as much as the other.
        var meanAbs = attribution.MeanAbsolute();
        Assert.All(meanAbs, v => Assert.True(v > 0.5, $"mean |contribution| {v:F3}: a needed modality barely moves predictions"));
    }

    [Fact]
    public void AModalityOfPureNoiseContributesLittle()
    {
        var (train, validation) = MakeSplit(Structure.SecondIsNoise, 600, 200, 4);
        using var regressor = new PidRegRegressor(PidRegRegressorTests.Small).Fit(train, validation);
        var meanAbs = regressor.Attribute(validation, reference: train).MeanAbsolute();
        Assert.True(meanAbs[1] < 0.15 * meanAbs[0], $"noise modality moves predictions by {meanAbs[1]:F3}, the signal by {meanAbs[0]:F3}");
        // Rows agree with the signal they carry: the signal modality's contribution tracks the centred target.
        var x1Contribution = regressor.Attribute(validation, reference: train).Of("x1");
        double meanY = Enumerable.Range(0, validation.RowCount).Average(i => validation.Target[i, 0]);
        double correlation = Correlation(x1Contribution, Enumerable.Range(0, validation.RowCount).Select(i => validation.Target[i, 0] - meanY).ToArray());
        Assert.True(correlation > 0.9, $"x1's contribution correlates {correlation:F3} with the target");
    }

    [Fact]
    public void LocalInformationAveragesToTheGlobalPlugInTermsOfTheReferenceRows()
    {
        var (train, validation) = MakeSplit(Structure.NeedsBoth, 600, 200, 5);
        using var regressor = new PidRegRegressor(PidRegRegressorTests.Small).Fit(train, validation);
        var rows = regressor.ExplainRows(train, reference: train);
        var global = regressor.LatentPid(train, new PidReg.Information.PidSampleOptions
        {
            Estimate = PidReg.Information.PidEstimate.PlugIn, Measure = PidReg.Information.PidMeasure.Mmi, TargetTransform = regressor.Options.TargetTransform,
        });
        Assert.Equal(global.MiX1, rows.Local!.MiX1.Average(), 6);
        Assert.Equal(global.MiX2, rows.Local.MiX2.Average(), 6);
        Assert.Equal(global.MiJoint, rows.Local.MiJoint.Average(), 6);
        Assert.Equal(train.RowCount, rows.Attribution.RowCount);
        // Held-out rows are evaluated under the training rows' Gaussian: one local value per row, all finite.
        var held = regressor.LocalLatentInformation(validation, reference: train);
        Assert.Equal(validation.RowCount, held.Count);
        Assert.All(held.MiJoint, v => Assert.True(double.IsFinite(v)));
        // Too small a reference cannot fit a Gaussian over target + 2 latents: the message says what to give.
        Assert.Contains("more rows", Assert.Throws<ArgumentException>(() => regressor.LocalLatentInformation(validation, reference: validation.Subset([0, 1, 2, 3, 4]))).Message);
    }

    [Fact]
    public void AnUnfittedModelOrAMissingTargetColumnIsAClearError()
    {
        var data = Make(Structure.SameSignal, 50, 1);
        var unfitted = new PidRegRegressor(PidRegRegressorTests.Small);
        Assert.Contains("call Fit", Assert.Throws<InvalidOperationException>(() => unfitted.Attribute(data)).Message);
        var (train, validation) = MakeSplit(Structure.SameSignal, 300, 100, 2);
        using var regressor = new PidRegRegressor(PidRegRegressorTests.Small with { Epochs = 2 }).Fit(train, validation);
        Assert.Contains("target column", Assert.Throws<ArgumentOutOfRangeException>(() => regressor.Attribute(data, targetColumn: 1)).Message);
        Assert.Contains("no modality 'x3'", Assert.Throws<ArgumentException>(() => regressor.Attribute(data).Of("x3")).Message);
    }

    static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average();
        double sab = a.Zip(b).Sum(p => (p.First - ma) * (p.Second - mb));
        return sab / Math.Sqrt(a.Sum(v => (v - ma) * (v - ma)) * b.Sum(v => (v - mb) * (v - mb)));
    }
}
