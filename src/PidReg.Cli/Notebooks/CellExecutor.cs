using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace PidReg.Cli.Notebooks;

/// <summary>
/// Runs the C# cells of one notebook in one Roslyn script state, the way a kernel does: variables, methods
/// and types carry from cell to cell, top-level await works, <c>#load</c> and <c>#r "file.dll"</c> resolve
/// against the notebook's folder. Compile errors and exceptions become error outputs carrying the
/// cell-relative line.
/// </summary>
internal sealed class CellExecutor(string notebookDirectory)
{
    static readonly string[] Imports = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks"];

    // Reading ~170 framework assemblies' metadata is the slow part of the first compile; share it per process.
    static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    readonly ScriptGlobals globals = new();
    readonly Dictionary<string, int> cellByPath = new(StringComparer.Ordinal);
    readonly ScriptOptions options = ScriptOptions.Default
        .WithReferences(References.Value)
        .WithImports(Imports)
        .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(notebookDirectory))
        .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(notebookDirectory))
        .WithEmitDebugInformation(true)
        .WithFileEncoding(Encoding.UTF8);

    ScriptState<object>? state;

    /// <summary>
    /// Executes <paramref name="code"/> as cell number <paramref name="cellNumber"/> (1-based position in the
    /// notebook), writing to <paramref name="outputs"/>. A cell still running after <paramref name="timeout"/>
    /// is abandoned (it cannot be aborted; the state stays as it was before the cell).
    /// </summary>
    public async Task<CellStatus> ExecuteAsync(string code, int cellNumber, int executionCount, CellOutputs outputs, TimeSpan timeout, TextWriter? echo)
    {
        var path = Path.Combine(notebookDirectory, $"cell{cellNumber}.csx");
        cellByPath[path] = cellNumber;
        globals.Outputs = outputs;
        ConsoleCapture.Begin(outputs, echo);
        try
        {
            state ??= await CSharpScript.RunAsync("", options, globals, typeof(ScriptGlobals));
            var previous = state;
            var run = Task.Run(() => previous.ContinueWithAsync(code, options.WithFilePath(path), _ => true));
            if (await Task.WhenAny(run, Task.Delay(timeout)) != run)
            {
                outputs.Error("TimeoutException", $"cell {cellNumber} did not finish within {timeout.TotalSeconds:0.###} s (--timeout)",
                    [$"TimeoutException: cell {cellNumber} was still running after {timeout.TotalSeconds:0.###} s and was abandoned."]);
                return CellStatus.TimedOut;
            }
            var next = await run;
            if (next.Exception is { } exception)
            {
                state = next;
                ReportException(exception, cellNumber, outputs);
                return CellStatus.Failed;
            }
            state = next;
            if (next.ReturnValue is not null) outputs.Result(next.ReturnValue, executionCount);
            return CellStatus.Completed;
        }
        catch (CompilationErrorException e)
        {
            var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var first = errors.FirstOrDefault() ?? e.Diagnostics.First();
            outputs.Error("CompilationError", $"{Where(first, cellNumber)}: {first.Id}: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}",
                errors.Select(d => $"{Where(d, cellNumber)}: error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
            return CellStatus.Failed;
        }
        finally
        {
            Console.Out.Flush();
            ConsoleCapture.End();
            globals.Outputs = null;
        }
    }

    /// <summary>Reports an error found before compiling (a directive the runner cannot honour).</summary>
    public static void ReportDirectiveError(string message, int cellNumber, int line, CellOutputs outputs) =>
        outputs.Error("DirectiveError", $"cell {cellNumber}, line {line}: {message}", [$"DirectiveError at cell {cellNumber}, line {line}: {message}"]);

    static string Where(Diagnostic d, int cellNumber)
    {
        var span = d.Location.GetMappedLineSpan();
        var file = Path.GetFileName(span.Path);
        // Diagnostics inside a #load-ed file name that file; those of the cell itself give the cell line.
        var place = string.IsNullOrEmpty(file) || file == $"cell{cellNumber}.csx" ? $"cell {cellNumber}" : file;
        return $"{place}, line {span.StartLinePosition.Line + 1}, column {span.StartLinePosition.Character + 1}";
    }

    void ReportException(Exception exception, int cellNumber, CellOutputs outputs)
    {
        while (exception is TargetInvocationException or AggregateException { InnerExceptions.Count: 1 } && exception.InnerException is not null)
            exception = exception.InnerException;
        var trace = new List<string>();
        string? location = null;
        foreach (var frame in new StackTrace(exception, true).GetFrames())
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType;
            var file = frame.GetFileName();
            if (file is not null && cellByPath.TryGetValue(file, out var cell))
            {
                var where = $"cell {cell}, line {frame.GetFileLineNumber()}";
                // The line of the running cell is what the reader looks for first; deeper frames follow in the trace.
                if (cell == cellNumber) location ??= where;
                var name = type?.Name.Contains("<Initialize>", StringComparison.Ordinal) == true ? "(cell code)" : $"{type?.Name}.{method?.Name}";
                trace.Add($"   at {name} in {where}");
            }
            else if (type is not null && !IsPlumbing(type))
                trace.Add($"   at {type.FullName}.{method!.Name}" + (file is null ? "" : $" in {Path.GetFileName(file)}:line {frame.GetFileLineNumber()}"));
        }
        outputs.Error(exception.GetType().Name, (location is null ? $"cell {cellNumber}" : location) + ": " + exception.Message,
            [$"{exception.GetType().FullName}: {exception.Message}", .. trace]);
    }

    // Frames of the async machinery and of Roslyn say nothing about the notebook's code.
    static bool IsPlumbing(Type type) =>
        type.Namespace is { } ns && (ns.StartsWith("System.Runtime", StringComparison.Ordinal) || ns.StartsWith("System.Threading", StringComparison.Ordinal)
                                     || ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));

    static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var kit = new[]
        {
            typeof(ScriptGlobals).Assembly, typeof(PidReg.Notebooks.IHtmlDisplay).Assembly, typeof(TorchSharp.torch).Assembly,
            typeof(Plotly.NET.GenericChart).Assembly, typeof(Plotly.NET.CSharp.Chart).Assembly, typeof(Microsoft.FSharp.Core.Unit).Assembly,
            typeof(Microsoft.Data.Analysis.DataFrame).Assembly, typeof(MathNet.Numerics.Control).Assembly,
            typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly,
        }.Select(a => a.Location);
        return Directory.GetFiles(framework, "*.dll")
            .Where(f => IsManagedAssembly(f))
            .Concat(kit)
            .Distinct(StringComparer.Ordinal)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToList();
    }

    static bool IsManagedAssembly(string path)
    {
        try
        {
            _ = AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
