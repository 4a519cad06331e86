namespace PidReg.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread, at once. <see cref="Progress{T}"/> posts each
/// report to the thread pool instead, so reports would arrive late and out of order: an epoch counted after its run has
/// ended, or epoch 3 before epoch 2.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
