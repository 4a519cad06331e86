using System.CommandLine;
using System.Text.Json;
using PidReg.Cli.Commands;
using PidReg.Tests.Training;

namespace PidReg.Tests.Cli;

[Collection(TorchSeedCollection.Name)]
public class BenchTrainCommandTests
{
    // The JSON contract of the speed report, on a tiny run: no timing is asserted, only its shape.
    [Fact]
    public void BenchJsonHasThePhaseBreakdownAndTheEarlyFusionRatioForBothStages()
    {
        var (exit, output, error) = CommandConsole.Invoke(new RootCommand { BenchTrainCommand.Create() },
            "train", "--rows", "400", "--epochs", "2", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var phases = root.GetProperty("phaseSecondsPerEpoch").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["encoders", "batchPid", "predictor", "cs", "cmi", "gaussianity", "lossReadout", "backward", "optimizerStep", "validation"], phases);
        Assert.All(root.GetProperty("phaseSecondsPerEpoch").EnumerateObject(), p => Assert.True(p.Value.GetDouble() >= 0, p.Name));
        Assert.Equal(2, root.GetProperty("earlyFusionEpochSeconds").GetArrayLength());
        double ratio = root.GetProperty("ratioToEarlyFusion").GetDouble();
        Assert.Equal(root.GetProperty("secondsPerEpochAfterFirst").GetDouble() / root.GetProperty("earlyFusionSecondsPerEpochAfterFirst").GetDouble(), ratio, 12);
        double stage2 = root.GetProperty("stage2SecondsPerEpoch").GetDouble();
        Assert.True(stage2 > 0);
        Assert.Equal(stage2 / root.GetProperty("earlyFusionSecondsPerEpochAfterFirst").GetDouble(), root.GetProperty("stage2RatioToEarlyFusion").GetDouble(), 12);
        double network = root.GetProperty("networkOnlySecondsPerEpoch").GetDouble();
        Assert.True(network > 0);
        Assert.Equal(network / root.GetProperty("earlyFusionSecondsPerEpochAfterFirst").GetDouble(), root.GetProperty("networkOnlyRatioToEarlyFusion").GetDouble(), 12);
        Assert.Equal(phases, root.GetProperty("stage2RunPhaseSecondsPerEpoch").EnumerateObject().Select(p => p.Name).ToArray());
    }
}
