namespace PidReg.Tests;

/// <summary>
/// The torch RNG is process-global: every test class that seeds it or trains joins this collection,
/// so none of them runs in parallel with another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class TorchSeedCollection
{
    public const string Name = "Torch global state";
}
