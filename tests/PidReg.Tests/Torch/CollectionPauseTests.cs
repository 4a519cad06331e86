using System.Runtime;
using PidReg.Torch;

namespace PidReg.Tests.Torch;

/// <summary>The pause that keeps TorchSharp's Scalar temporaries from being finalized mid-op: its region, nesting and ends.</summary>
[Collection(TorchSeedCollection.Name)]
public class CollectionPauseTests
{
    [Fact]
    public void APauseHoldsTheNoCollectionRegionUntilDisposed()
    {
        using (var pause = CollectionPause.Begin())
        {
            Assert.True(pause.IsActive);
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void ANestedPauseIsANoOpAndTheOuterOneEndsTheRegion()
    {
        using (var outer = CollectionPause.Begin())
        {
            using (var inner = CollectionPause.Begin())
                Assert.False(inner.IsActive);
            Assert.True(outer.IsActive);  // the inner dispose left the region alone
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void AllocatingPastTheBudgetEndsTheRegionAndDisposeStillSucceeds()
    {
        var pause = CollectionPause.Begin();
        Assert.True(pause.IsActive);
        var chunks = new List<byte[]>();
        for (long total = 0; total <= CollectionPause.BudgetBytes + (16L << 20); total += 1 << 20)
            chunks.Add(new byte[1 << 20]);
        Assert.False(pause.IsActive);  // the runtime collected and left the region
        pause.Dispose();
        GC.KeepAlive(chunks);
        using var next = CollectionPause.Begin();
        Assert.True(next.IsActive);  // and a new pause can start
    }
}
