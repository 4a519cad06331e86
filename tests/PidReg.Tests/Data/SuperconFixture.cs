using PidReg.Data;

namespace PidReg.Tests.Data;

/// <summary>Builds the SuperCon reconstruction once for all tests that need it.</summary>
public sealed class SuperconFixture
{
    public SuperconFixture()
    {
        Folder = DataRoot.For("supercon");
        Elements = ElementTable.Read(Path.Combine(Folder, "elements.csv"));
        Reconstruction = SuperconReconstruction.Build(Folder);
    }

    public string Folder { get; }
    public ElementTable Elements { get; }
    public SuperconReconstruction Reconstruction { get; }
}

/// <summary>Test classes that share one SuperCon build.</summary>
[CollectionDefinition(Name)]
public sealed class SuperconCollection : ICollectionFixture<SuperconFixture>
{
    public const string Name = "SuperCon reconstruction";
}
