using System.Diagnostics;

namespace PidReg.Cli.Notebooks;

/// <summary>Starts this program again as a child process, whether it runs as its apphost, through <c>dotnet</c> or inside a test host.</summary>
internal static class ChildProcess
{
    /// <summary>A start info for <c>pidreg ARGS</c>, with nothing shared with the parent but the environment.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var assembly = typeof(ChildProcess).Assembly.Location;
        var folder = Path.GetDirectoryName(assembly)!;
        var appHost = Path.Combine(folder, Path.GetFileNameWithoutExtension(assembly) + (OperatingSystem.IsWindows() ? ".exe" : ""));
        ProcessStartInfo info;
        if (File.Exists(appHost)) info = new ProcessStartInfo(appHost);
        else
        {
            // A dotnet tool install has no apphost: run the assembly with the muxer that runs us (or the one on PATH).
            var muxer = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
                : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
            info = new ProcessStartInfo(muxer);
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(assembly);
        }
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.UseShellExecute = false;
        return info;
    }
}
