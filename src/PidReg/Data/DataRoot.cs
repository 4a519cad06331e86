namespace PidReg.Data;

/// <summary>
/// Finds the kit's data/ folder: the environment variable PIDREG_DATA when set, otherwise the first
/// folder named data that contains supercon/, searching upward from the app's base directory and
/// then from the current directory (so tests, the CLI and notebooks all find the repository's data/).
/// </summary>
public static class DataRoot
{
    /// <summary>Environment variable that overrides the search.</summary>
    public const string EnvironmentVariable = "PIDREG_DATA";

    /// <summary>The data folder; throws DirectoryNotFoundException saying where it looked and how to fix it.</summary>
    public static string Find() =>
        Find(Environment.GetEnvironmentVariable(EnvironmentVariable), [AppContext.BaseDirectory, Directory.GetCurrentDirectory()]);

    /// <summary>The search with its inputs made explicit (for tests): the override value and the start folders.</summary>
    internal static string Find(string? env, IReadOnlyList<string> starts)
    {
        if (!string.IsNullOrWhiteSpace(env))
            return Directory.Exists(env)
                ? Path.GetFullPath(env)
                : throw new DirectoryNotFoundException($"{EnvironmentVariable} is set to '{env}', which is not a folder.");
        foreach (var start in starts)
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (Directory.Exists(Path.Combine(candidate, DatasetNames.Supercon))) return candidate;
            }
        throw new DirectoryNotFoundException(
            $"Could not find the kit's data folder (a 'data' folder containing '{DatasetNames.Supercon}/') above {string.Join(" or ", starts)}. "
            + $"Run from inside the repository or set {EnvironmentVariable} to its data folder.");
    }

    /// <summary>The folder of one dataset: data/&lt;name&gt;.</summary>
    public static string For(string datasetFolder) => Path.Combine(Find(), datasetFolder);
}
