using PidReg.Data;
using PidReg.Evaluation;
using PidReg.Training;

namespace PidReg.Tests.Evaluation;

/// <summary>The catalogue of the README's grids and its quick shrink.</summary>
public class PaperGridsTests
{
    [Fact]
    public void TheFullGridsAreTheOnesBehindTheReadmesTables()
    {
        Assert.Equal(["supercon", "brain-age", "diabetes", "bimodal-mnist"], PaperGrids.All.Select(g => g.Name));
        Assert.Equal([DatasetNames.Supercon, DatasetNames.BrainAge, DatasetNames.Diabetes, DatasetNames.BimodalMnist], PaperGrids.All.Select(g => g.Dataset));
        foreach (var grid in PaperGrids.All.Take(3)) Assert.Equal(Models.Names, grid.Models);
        Assert.Equal([(3, 200), (3, 200), (3, 60), (2, 60)], PaperGrids.All.Select(g => (g.Seeds, g.Epochs)));
        Assert.Equal(["pidreg", "pidreg-product-synergy", "pidreg-reference", "early"], PaperGrids.All[3].Models);
        Assert.All(PaperGrids.All, g => Assert.Null(g.Rows));
        // Everything but the epochs is the paper's.
        Assert.All(PaperGrids.All, g => Assert.Equal(new PidRegOptions() with { Epochs = g.Epochs }, g.ModelOptions()));
    }

    [Fact]
    public void QuickShrinksEveryGridButKeepsItsDataSetAndModels()
    {
        Assert.Equal(PaperGrids.All.Select(g => (g.Name, g.Dataset, string.Join(",", g.Models), g.Table)),
            PaperGrids.Quick.Select(g => (g.Name, g.Dataset, string.Join(",", g.Models), g.Table)));
        Assert.All(PaperGrids.Quick, g =>
        {
            Assert.Equal((1, PaperGrids.QuickEpochs, PaperGrids.QuickRows), (g.Seeds, g.Epochs, g.Rows));
            var o = g.ModelOptions();
            Assert.Equal((PaperGrids.QuickHiddenDim, PaperGrids.QuickLatentDim, PaperGrids.QuickBatchSize), (o.HiddenDim, o.LatentDim, o.BatchSize));
            // PIDReg's bias-corrected batch PID can train on the quick batches and the quick rows' training part.
            Assert.True((o with { SynergyRouting = PidReg.Model.SynergyRouting.ConditionalProduct }).MinimumBatchRows(1, 2) <= o.BatchSize);
            Assert.True(FitRequirements.MinimumRowsBeforeSplit(o.BatchSize) <= g.Rows);
        });
    }

    [Theory]
    [InlineData("", "diabetes", 1, 1, "Name")]
    [InlineData("a b", "diabetes", 1, 1, "Name")]
    [InlineData("x", "no-such-set", 1, 1, "unknown data set")]
    [InlineData("x", "diabetes", 0, 1, "Seeds")]
    [InlineData("x", "diabetes", 1, 0, "Epochs")]
    public void ValidateNamesTheBadField(string name, string dataset, int seeds, int epochs, string named)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new PaperGrid(name, dataset, ["early"], seeds, epochs, "").Validate());
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void ValidateRefusesAnUnknownModelAndTooFewRows()
    {
        Assert.Contains("unknown model 'nope'", Assert.Throws<ArgumentException>(() => new PaperGrid("x", "diabetes", ["nope"], 1, 1, "").Validate()).Message);
        Assert.Contains("Rows", Assert.Throws<ArgumentOutOfRangeException>(() => new PaperGrid("x", "diabetes", ["early"], 1, 1, "") { Rows = 2 }.Validate()).Message);
    }
}
