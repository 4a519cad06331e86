using PidReg.Baselines;
using PidReg.Evaluation;
using PidReg.Information;
using PidReg.Model;
using PidReg.Training;

namespace PidReg.Tests.Evaluation;

public class ModelsTests
{
    static readonly PidRegOptions Base = new() { HiddenDim = 16, LatentDim = 3, Epochs = 7, Seed = 99 };

    [Fact]
    public void TheRegistryListsPidRegItsAblationsTheReferenceModeAndTheSixBaselines()
    {
        Assert.Equal(
            new[] {"pidreg", "pidreg-equal-weights", "pidreg-no-synergy", "pidreg-no-bottleneck", "pidreg-no-gauss", "pidreg-cs", "pidreg-no-cmi",
             "pidreg-plugin", "pidreg-coinflip", "pidreg-product-synergy", "pidreg-modality-synergy", "pidreg-always-product", "pidreg-sum", "pidreg-reference", "unimodal1", "unimodal2", "early", "late", "tfn", "lmf"},
            Models.Names);
        foreach (var name in Models.Names)
        {
            using var model = Models.Create(name, Base);
            Assert.Equal(name.StartsWith("pidreg", StringComparison.Ordinal) ? "pidreg" : name, model.Name);
        }
    }

    [Fact]
    public void TheReferenceModeSwitchesExactlyTheReferencesChoices()
    {
        using var model = (PidRegRegressor)Models.Create("pidreg-reference", Base);
        var changed = typeof(PidRegOptions).GetProperties().Where(p => !Equals(p.GetValue(model.Options), p.GetValue(Base))).Select(p => p.Name).Order();
        Assert.Equal(new[] { nameof(PidRegOptions.CmiEstimator), nameof(PidRegOptions.FusionLayout), nameof(PidRegOptions.PidEstimate), nameof(PidRegOptions.RedundancyAssignment),
            nameof(PidRegOptions.SynergyRouting), nameof(PidRegOptions.TargetTransform), nameof(PidRegOptions.UseCsLoss), nameof(PidRegOptions.WeightAveragingEpochs) }, changed);
        Assert.Equal(SynergyRouting.Product, model.Options.SynergyRouting);
        Assert.Equal(FusionLayout.Sum, model.Options.FusionLayout);
        Assert.Equal(PidEstimate.PlugIn, model.Options.PidEstimate);
        Assert.Equal(RedundancyAssignment.CoinFlip, model.Options.RedundancyAssignment);
        Assert.Equal(0, model.Options.WeightAveragingEpochs);
        Assert.Equal(Base.Seed, model.Options.Seed);  // capacity, schedule and seed stay
    }

    [Theory]
    [InlineData("pidreg-equal-weights", nameof(PidRegOptions.UsePidWeights))]
    [InlineData("pidreg-no-bottleneck", nameof(PidRegOptions.UseBottleneck))]
    [InlineData("pidreg-no-gauss", nameof(PidRegOptions.UseGaussianityLoss))]
    [InlineData("pidreg-no-cmi", nameof(PidRegOptions.UseCmiLoss))]
    public void EachSwitchAblationTurnsOffExactlyItsSwitch(string name, string property)
    {
        using var model = (PidRegRegressor)Models.Create(name, Base);
        var changed = typeof(PidRegOptions).GetProperties().Where(p => !Equals(p.GetValue(model.Options), p.GetValue(Base))).Select(p => p.Name);
        Assert.Equal(new[] { property }, changed);
        Assert.Equal(false, typeof(PidRegOptions).GetProperty(property)!.GetValue(model.Options));
    }

    [Fact]
    public void TheCsAblationAddsBackExactlyThePapersCsTerms()
    {
        using var model = (PidRegRegressor)Models.Create("pidreg-cs", Base);
        Assert.Equal(Base with { UseCsLoss = true }, model.Options);
        Assert.False(Base.UseCsLoss);
    }

    [Fact]
    public void FusionAblationsSwitchOnlyTheSynergyRouting()
    {
        foreach (var (name, routing, feature) in new[] { ("pidreg-product-synergy", SynergyRouting.Product, true),
                     ("pidreg-modality-synergy", SynergyRouting.Modalities, true), ("pidreg-always-product", SynergyRouting.ModalitiesAndProduct, true), ("pidreg-no-synergy", SynergyRouting.Product, false) })
        {
            using var model = (PidRegRegressor)Models.Create(name, Base);
            var changed = typeof(PidRegOptions).GetProperties().Where(p => !Equals(p.GetValue(model.Options), p.GetValue(Base))).Select(p => p.Name).Order();
            Assert.Equal(feature ? [nameof(PidRegOptions.SynergyRouting)] : new[] { nameof(PidRegOptions.SynergyRouting), nameof(PidRegOptions.UseSynergyFeature) }, changed);
            Assert.Equal(routing, model.Options.SynergyRouting);
        }
        Assert.Equal(SynergyRouting.ConditionalProduct, Base.SynergyRouting);
    }

    [Fact]
    public void TheSumAblationSumsThePathsAsThePaperDoes()
    {
        using var sum = (PidRegRegressor)Models.Create("pidreg-sum", Base);
        Assert.Equal(Base with { FusionLayout = FusionLayout.Sum }, sum.Options);
        Assert.Equal(FusionLayout.Concatenate, Base.FusionLayout);
    }

    [Fact]
    public void EstimatorAblationsSwitchToTheReferenceChoices()
    {
        using var plugin = (PidRegRegressor)Models.Create("pidreg-plugin", Base);
        Assert.Equal(Base with { PidEstimate = PidEstimate.PlugIn }, plugin.Options);
        using var coin = (PidRegRegressor)Models.Create("pidreg-coinflip", Base);
        Assert.Equal(Base with { RedundancyAssignment = RedundancyAssignment.CoinFlip }, coin.Options);
        using var full = (PidRegRegressor)Models.Create("pidreg", Base);
        Assert.Equal(Base, full.Options);
    }

    [Fact]
    public void BaselinesInheritPidRegsCapacityTrainingSettingsAndSeed()
    {
        using var tfn = (BaselineRegressor)Models.Create("tfn", Base);
        Assert.Equal(BaselineKind.TensorFusion, tfn.Kind);
        Assert.Equal((16, 3, 7, 99, Base.BatchSize, Base.LearningRate, Base.EarlyStoppingPatience),
            (tfn.Options.HiddenDim, tfn.Options.LatentDim, tfn.Options.Epochs, tfn.Options.Seed, tfn.Options.BatchSize, tfn.Options.LearningRate, tfn.Options.EarlyStoppingPatience));
    }

    [Theory]
    [InlineData("TFN")]
    [InlineData("transformer")]
    [InlineData("")]
    public void AnUnknownNameIsAnErrorListingTheValidOnes(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => Models.Create(name));
        Assert.Contains($"unknown model '{name}'", ex.Message);
        Assert.Contains("pidreg-coinflip", ex.Message);
        Assert.Contains("lmf", ex.Message);
    }

    [Fact]
    public void ModelListsAreParsedAndChecked()
    {
        Assert.Equal(new[] { "pidreg", "early", "tfn" }, Models.ParseList("pidreg, early,tfn"));
        Assert.Contains("unknown model 'earl'", Assert.Throws<ArgumentException>(() => Models.ParseList("pidreg,earl")).Message);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => Models.ParseList("tfn,tfn")).Message);
        Assert.Contains("no model names", Assert.Throws<ArgumentException>(() => Models.ParseList(" , ")).Message);
    }

    [Fact]
    public void InvalidSharedOptionsNameTheField()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Models.Create("early", Base with { HiddenDim = 1 }));
        Assert.Equal(nameof(PidRegOptions.HiddenDim), ex.ParamName);
        var rank = Assert.Throws<ArgumentOutOfRangeException>(() => new BaselineRegressor(BaselineKind.LowRankFusion, new BaselineOptions { Rank = 0 }));
        Assert.Contains("BaselineOptions.Rank", rank.Message);
    }
}
