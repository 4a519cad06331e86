namespace PidReg.Torch;

/// <summary>Makes sure libtorch is loadable before the kit's first torch call.</summary>
public static class TorchRuntime
{
    static readonly Lock Gate = new();
    static bool loaded;

    /// <summary>Loads TorchSharp's native backend once per process; throws a clear error when it cannot.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (loaded) return;
            _ = TorchSharp.torch.get_default_dtype();
            loaded = true;
        }
    }
}
