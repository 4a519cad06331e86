namespace PidReg.Training;

/// <summary>Where the network trains. The PID and covariance work always runs on the CPU in float64.</summary>
public enum ComputeDevice
{
    /// <summary>The CPU (default; the only device of the TorchSharp-cpu build).</summary>
    Cpu,

    /// <summary>The first CUDA device; training fails with a clear error when TorchSharp sees none.</summary>
    Cuda,
}
