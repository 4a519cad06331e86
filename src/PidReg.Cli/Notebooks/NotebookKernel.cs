using System.Collections.Concurrent;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// The .NET Interactive C# kernel, the engine of VS Code Polyglot Notebooks and of the dotnet-interactive Jupyter
/// kernel, hosted in this process and set up as dotnet-interactive sets it up: <c>#r "nuget:"</c> and <c>#i</c>,
/// the kernel helpers (<c>display</c>), value sharing, HTML as the default output, and the interactive extensions
/// that packages carry. Each cell's events become its nbformat outputs.
/// </summary>
internal sealed class NotebookKernel : IDisposable
{
    /// <summary>The kernel name of C# cells.</summary>
    public const string CSharp = "csharp";

    /// <summary>The script a package's interactive-extensions/dotnet folder may hold, run after its assemblies' extensions.</summary>
    public const string ExtensionScript = "extension.dib";

    /// <summary>dotnet-interactive's words before the path of an assembly whose kernel extensions it loads.</summary>
    public const string ExtensionsNote = "Loading extensions from";

    /// <summary>dotnet-interactive's words before the path of an extension script it runs.</summary>
    public const string ExtensionScriptNote = "Loading extension script from";

    readonly CompositeKernel kernel;
    readonly HashSet<string> extensionFolders = new(StringComparer.Ordinal);
    readonly List<IDisposable> subscriptions = [];

    public NotebookKernel()
    {
        // What dotnet-interactive does for browser front ends (Jupyter, VS Code): HTML by default, strings as text.
        Formatter.DefaultMimeType = "text/html";
        Formatter.SetPreferredMimeTypesFor(typeof(string), "text/plain");
        var csharp = new CSharpKernel()
            .UseNugetDirective((k, packages) =>
            {
                k.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseValueSharing();
        kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = CSharp;
        LoadExtensionsOfAddedPackages();
    }

    /// <summary>
    /// Runs <paramref name="code"/> as one cell; its outputs go to <paramref name="outputs"/>, each line it prints
    /// also to <paramref name="echo"/>, and the text of each display it updates (a progress display such as the kit's
    /// TrainingProgress: "epoch 37/200 ...") to <paramref name="progress"/>. True when the cell completed.
    /// </summary>
    public async Task<bool> ExecuteAsync(string code, int executionCount, CellOutputs outputs, Action<string>? echo, Action<string>? progress = null)
    {
        var command = new SubmitCode(code, CSharp);
        using var events = kernel.KernelEvents.Subscribe(e =>
        {
            switch (e)
            {
                case StandardOutputValueProduced o:
                    Stream("stdout", o.FormattedValues);
                    break;
                case StandardErrorValueProduced o:
                    Stream("stderr", o.FormattedValues);
                    break;
                case DisplayedValueProduced d:
                    outputs.Display(d.ValueId, d.FormattedValues);
                    break;
                case DisplayedValueUpdated d:
                    outputs.Update(d.ValueId, d.FormattedValues);
                    // An updated display is how a cell reports progress; the terminal gets its text.
                    if (progress is not null && DisplayText.Of(d.FormattedValues) is { Length: > 0 } text) progress(text);
                    break;
                case ReturnValueProduced r:
                    outputs.Result(executionCount, r.FormattedValues);
                    break;
                case ErrorProduced error:
                    outputs.Stream("stderr", error.Message + "\n");
                    break;
                case CommandFailed failed when failed.Command == command:
                    // The shape dotnet-interactive's Jupyter kernel gives a failure.
                    outputs.Error("Error", failed.Message, [failed.Message]);
                    echo?.Invoke(failed.Message);
                    break;
            }
        });
        var result = await kernel.SendAsync(command);
        return result.Events.OfType<CommandSucceeded>().Any(s => s.Command == command);

        void Stream(string name, IReadOnlyCollection<FormattedValue> values)
        {
            var text = values.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? "";
            outputs.Stream(name, text);
            if (echo is not null)
                foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries)) echo(line.TrimEnd('\r'));
        }
    }

    // As dotnet-interactive does: after a command that added packages, load the kernel extensions they ship in
    // interactive-extensions/dotnet, inside that command's context: the IKernelExtension types of its assemblies
    // (Microsoft.Data.Analysis brings its DataFrame view), then its extension.dib script (the kit's own package runs
    // KernelSetup.Initialize that way).
    void LoadExtensionsOfAddedPackages()
    {
        var added = new ConcurrentQueue<PackageAdded>();
        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (added.TryDequeue(out var package))
                if (package.PackageReference.PackageRoot is { } root)
                    await LoadExtensionsAsync(Path.Combine(root, "interactive-extensions", "dotnet"), context);
        });
        subscriptions.Add(kernel.KernelEvents.Subscribe(e =>
        {
            if (e is PackageAdded package) added.Enqueue(package);
        }));
    }

    async Task LoadExtensionsAsync(string folder, KernelInvocationContext context)
    {
        if (!Directory.Exists(folder) || !extensionFolders.Add(folder)) return;
        foreach (var dll in Directory.GetFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll);
            var extensions = assembly.ExportedTypes
                .Where(t => !t.IsAbstract && !t.IsInterface && !t.IsGenericTypeDefinition && typeof(IKernelExtension).IsAssignableFrom(t))
                .ToList();
            if (extensions.Count == 0) continue;
            KernelInvocationContextExtensions.Display(context, $"{ExtensionsNote} `{assembly.Location}`", "text/plain");
            foreach (var type in extensions)
            {
                try
                {
                    await ((IKernelExtension)Activator.CreateInstance(type)!).OnLoadAsync(kernel);
                }
                catch (Exception e)
                {
                    context.Publish(new ErrorProduced($"Failed to load kernel extension \"{type.Name}\" from assembly {assembly.Location}: {e.Message}", context.Command));
                }
            }
        }
        var script = new FileInfo(Path.Combine(folder, ExtensionScript));
        if (!script.Exists) return;
        KernelInvocationContextExtensions.Display(context, $"{ExtensionScriptNote} `{script.FullName}`", "text/plain");
        await kernel.LoadAndRunInteractiveDocument(script, context.Command);
    }

    public void Dispose()
    {
        foreach (var subscription in subscriptions) subscription.Dispose();
        kernel.Dispose();
    }
}
