namespace PidReg.Tests.Notebooks;

/// <summary>The test classes that read the shared notebook runs.</summary>
[CollectionDefinition(Name)]
public sealed class NotebookRunsCollection : ICollectionFixture<NotebookRuns>
{
    public const string Name = "Notebook runs";
}
