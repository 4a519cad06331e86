namespace PidReg.Tests.Training;

internal static class TrainingTestSetup
{
    /// <summary>Loads torch and uses one intra-op thread: tests share 2 cores, where spinning thread pools only lose time.</summary>
    public static void Prepare()
    {
        PidReg.Torch.TorchRuntime.EnsureLoaded();
        TorchSharp.torch.set_num_threads(1);
    }
}
