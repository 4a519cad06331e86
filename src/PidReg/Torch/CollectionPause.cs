using System.Runtime;

namespace PidReg.Torch;

/// <summary>
/// Holds off the .NET garbage collector while a block of TorchSharp work runs (a training epoch, a prediction), so no
/// <see cref="TorchSharp.Scalar"/> can be finalized while libtorch still reads it.
/// </summary>
/// <remarks>
/// Why: TorchSharp 0.107 passes a Scalar's native pointer to libtorch and then drops the Scalar, so a collection during
/// the native call (from any thread) may run its finalizer and free the value mid-op. Many of its own methods make such
/// temporaries (<c>a + b</c> is <c>a.add(b, alpha: 1)</c>, <c>square()</c> is <c>pow(2)</c>). Multi-seed fits crashed
/// inside libtorch ("Scalar.h … toFloat", "INTERNAL ASSERT FAILED … equal") on their second fit. The kit keeps its own
/// Scalars alive (tested by reading its IL), and this pause covers the temporaries TorchSharp makes inside itself:
/// within it the runtime does not collect unless the block allocates more than <see cref="BudgetBytes"/> of managed
/// memory (an epoch allocates a few MB of tensor handles), so collections happen between blocks, where no native op is
/// in flight. Nested or concurrent pauses are no-ops; the outermost one ends the region.
/// </remarks>
internal sealed class CollectionPause : IDisposable
{
    /// <summary>Managed allocation allowed inside one pause before the runtime collects anyway.</summary>
    public const long BudgetBytes = 128L << 20;

    static readonly Lock Gate = new();
    readonly bool owner;

    CollectionPause(bool owner) => this.owner = owner;

    /// <summary>Starts a pause (a no-op when one is already active). Dispose it when the block ends.</summary>
    public static CollectionPause Begin()
    {
        lock (Gate)
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) return new CollectionPause(owner: false);
            try
            {
                return new CollectionPause(GC.TryStartNoGCRegion(BudgetBytes));
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
            {
                // Another thread started one between our check and the call, or the runtime refuses this budget: the
                // block then runs as before, with collections allowed.
                return new CollectionPause(owner: false);
            }
        }
    }

    /// <summary>True while this pause holds the runtime's no-collection region.</summary>
    public bool IsActive => owner && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;

    /// <summary>Ends the region if this pause started it and the budget was not exceeded (which ends it by itself).</summary>
    public void Dispose()
    {
        if (!owner) return;
        lock (Gate)
        {
            if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion) return;
            try
            {
                GC.EndNoGCRegion();
            }
            catch (InvalidOperationException)
            {
                // The budget ran out and the runtime collected: the region is already over.
            }
        }
    }
}
