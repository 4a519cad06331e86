using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PidReg.Data;
using PidReg.Training;

namespace PidReg.Tests.Training;

/// <summary>Checkpoints across versions and devices, and the settings' JSON that run folders are keyed by.</summary>
[Collection(TorchSeedCollection.Name)]
public class CheckpointFileTests
{
    public CheckpointFileTests() => TrainingTestSetup.Prepare();

    static string Fixture => Path.Combine(AppContext.BaseDirectory, "Training", "Fixtures", "two-modality-checkpoint");

    static string CopyOfFixture()
    {
        var directory = Path.Combine(Path.GetTempPath(), "pidreg-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        foreach (var file in new[] { "pidreg.json", "weights.bin" }) File.Copy(Path.Combine(Fixture, file), Path.Combine(directory, file));
        return directory;
    }

    [Fact]
    public void ACheckpointOfTheTwoModalityFormatLoadsAndPredictsWhatItPredictedWhenWritten()
    {
        // Written by `pidreg fit` on diabetes (x1 = age..bp, x2 = s1..s6; 30 epochs, batch 64, latent 8, hidden 32) before
        // checkpoints held a list of modalities; predictions.csv is what that run predicted for every row.
        using var model = PidRegRegressor.Load(Fixture);
        Assert.Equal(["x1", "x2"], model.ModalityNames);
        Assert.Equal(10, model.History.FrozenAtEpoch);
        // The fit predicted each part of the split as one batch; float32 GEMM blocking depends on the batch size, so the
        // same batches are predicted again.
        var rows = File.ReadLines(Path.Combine(Fixture, "predictions.csv")).Skip(1).Select(line => line.Split(','))
            .Select(cells => (Row: int.Parse(cells[0], CultureInfo.InvariantCulture), Part: cells[1], Predicted: double.Parse(cells[2], CultureInfo.InvariantCulture)))
            .ToArray();
        var data = Datasets.Load(DatasetNames.Diabetes);
        foreach (var part in rows.GroupBy(r => r.Part))
        {
            var predicted = model.Predict(data.Subset(part.Select(r => r.Row).ToArray()));
            Assert.Equal(part.Select(r => r.Predicted), Enumerable.Range(0, predicted.GetLength(0)).Select(i => predicted[i, 0]));
        }
    }

    [Fact]
    public void ACheckpointTrainedOnCudaNamesTheFixOnAMachineWithoutCudaAndLoadsOntoTheCpu()
    {
        var directory = CopyOfFixture();
        try
        {
            var state = Path.Combine(directory, "pidreg.json");
            var json = JsonNode.Parse(File.ReadAllText(state))!;
            json["Options"]!["Device"] = "Cuda";
            File.WriteAllText(state, json.ToJsonString());
            if (!TorchSharp.torch.cuda.is_available())
            {
                var ex = Assert.Throws<InvalidOperationException>(() => PidRegRegressor.Load(directory));
                Assert.Contains("was trained on Cuda", ex.Message);
                Assert.Contains("--device cpu", ex.Message);
            }
            using var onCpu = PidRegRegressor.Load(directory, ComputeDevice.Cpu);
            Assert.Equal(ComputeDevice.Cpu, onCpu.Options.Device);
            using var original = PidRegRegressor.Load(Fixture);
            var data = Datasets.Load(DatasetNames.Diabetes);
            Assert.Equal(original.Predict(data), onCpu.Predict(data));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void PidRegOptionsKeepTheirJsonFieldsInTheirFormerOrder()
    {
        // An experiment's run folder is keyed by a hash of this text: the fields and their order are a contract.
        string[] former =
        [
            "HiddenDim", "LatentDim", "Dropout1", "Dropout2", "InitialTheta", "Epochs", "BatchSize", "LearningRate", "ThetaLearningRate",
            "PlateauFactor", "PlateauPatience", "MinLearningRate", "PredictorGradientClip", "EarlyStoppingPatience", "WeightAveragingEpochs",
            "CsWeight", "CmiWeight", "GaussianityWeight", "StabilityWindow", "StabilityToleranceBits", "StabilityPatience", "PidEstimate",
            "TargetTransform", "RedundancyAssignment", "SynergyRouting", "FusionLayout", "CmiEstimator", "ClampInputsToTrainingRange",
            "UsePidWeights", "UseSynergyFeature", "UseBottleneck", "UseGaussianityLoss", "UseCsLoss", "UseCmiLoss", "Seed", "Threads", "Device",
        ];
        var node = JsonSerializer.SerializeToNode(new PidRegOptions())!.AsObject();
        Assert.Equal(former, node.Select(p => p.Key));
        Assert.Equal(1.0, (double)node["PredictorGradientClip"]!);
    }
}
