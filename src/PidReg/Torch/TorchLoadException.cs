namespace PidReg.Torch;

/// <summary>TorchSharp's native backend could not load; the message names the cause and a fix.</summary>
public sealed class TorchLoadException(string message, Exception inner) : Exception(message, inner);
