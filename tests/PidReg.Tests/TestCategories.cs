namespace PidReg.Tests;

/// <summary>
/// Trait names for <c>dotnet test --filter</c>. <see cref="Slow"/> marks the tests that start a notebook kernel, headless
/// Chromium, Jupyter or worker processes, or train on a full dataset: they take most of the suite's time, and
/// <c>--filter "Category!=Slow"</c> leaves them out for a quick loop. The full suite (the README's test command, which CI
/// runs) runs them all.
/// </summary>
public static class TestCategories
{
    /// <summary>The trait's name.</summary>
    public const string Category = "Category";

    /// <summary>The trait's value on the slow tests.</summary>
    public const string Slow = "Slow";
}
