using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Model;
using PidReg.Notebooks;

namespace PidReg.Tests.Notebooks;

/// <summary>The tables a notebook shows for the comparison, the modality-selection report and a registry entry.</summary>
public sealed class ResultTablesTests
{
    static string Encode(string text) => HtmlFormatter.Encode(text);

    [Fact]
    public void AComparisonShowsMeanAndSdPerModelAndThePublishedNumberUnderItsLabel()
    {
        var result = WalkthroughTests.MadeUpResult(sentiment: false, paper: new Dictionary<string, double> { ["pidreg"] = 10.37 });
        var html = HtmlFormatter.TryFormat(result)!;

        Assert.Contains("<tr><th>model</th><th>seeds</th><th>RMSE</th><th>MAE</th><th>R&#178;</th><th>s / epoch</th><th>parameters</th><th>paper RMSE (K)</th></tr>", html);
        var pidreg = result.Rows[0];
        Assert.Contains($"<tr><td>pidreg</td><td>3</td><td>{Encode(pidreg.Rmse.ToString(3))}</td><td>{Encode(pidreg.Mae.ToString(3))}</td>", html);
        Assert.Contains("<td>1,234</td><td>10.37</td></tr>", html);
        Assert.Contains("<td>1,234</td><td></td></tr>", html);
        Assert.DoesNotContain("Acc-2", html);
    }

    [Fact]
    public void ASentimentComparisonAddsItsColumnsAndFailuresAreListed()
    {
        var result = WalkthroughTests.MadeUpResult(sentiment: true) with { Failures = [new ExperimentFailure("early", 1236, "diverged")] };
        var html = HtmlFormatter.TryFormat(result)!;
        Assert.Contains("<th>R&#178;</th><th>Acc-2</th><th>F1</th><th>Acc-7</th><th>s / epoch</th>", html);
        Assert.Contains("<p>failed: early seed 1236: diverged</p>", html);
    }

    [Fact]
    public void ASelectionReportSaysWhetherThePidRankingAgreesAndShowsARowPerModality()
    {
        var fused = new RegressionScores(1, 0.8, 0.9, 0.95);
        var report = new ModalitySelectionReport(new PidAtoms(0.3, 0, 0.4, 0.1, 0.7, 0.4), fused, 0.002,
        [
            new ModalityAccount("thickness", 0.3, 0.25, 0.55, 0.69, new RegressionScores(2, 1.5, 0.5, 0.7), 0.4, 1, 0.001, 0.5),
            new ModalityAccount("volumes", 0, 0.15, 0.15, 0.19, new RegressionScores(1.2, 0.9, 0.85, 0.92), 0.05, 0.2, 0.001, 0.5),
        ]);
        var html = HtmlFormatter.TryFormat(report)!;
        Assert.Contains("fused PIDReg: " + Encode(fused.ToString()), html);
        Assert.Contains("PID ranking agrees with the measured cost of dropping: True", html);
        Assert.Contains("<tr><td>thickness</td><td>0.3000</td><td>0.5500</td><td>0.690</td><td>0.5000</td><td>0.4000</td><td>1.0000</td><td>50.0 %</td></tr>", html);
    }

    [Fact]
    public void ARegistryEntrySaysWhereTheRealFilesGo()
    {
        var info = new DatasetInfo("mosi", DatasetKinds.StandIn, 2199, [("text", 300), ("audio", 5)], "sentiment", false, "data/mosi/mosi.npz", "stand-in until supplied");
        Assert.Equal("<table class=\"pidreg-table\"><thead><tr><th>name</th><th>kind</th><th>real files present</th><th>location</th><th>modalities</th><th>note</th></tr></thead>"
                     + "<tbody><tr><td>mosi</td><td>stand-in</td><td>False</td><td>data/mosi/mosi.npz</td><td>text[300], audio[5]</td><td>stand-in until supplied</td></tr></tbody></table>",
            HtmlFormatter.TryFormat(info));
    }
}
