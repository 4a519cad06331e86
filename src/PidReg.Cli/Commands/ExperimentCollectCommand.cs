using System.CommandLine;
using System.Globalization;
using PidReg.Cli.Grid;
using PidReg.Evaluation;

namespace PidReg.Cli.Commands;

/// <summary>
/// `pidreg experiment collect DIR [--json]`: the table of a grid whose runs were written to DIR by `experiment --runs`
/// (one or many shards), in the format of `experiment`. Refuses a folder holding runs of several configurations or
/// missing some runs of its grid, naming them: a table of part of a grid would pass for the whole one.
/// </summary>
internal static class ExperimentCollectCommand
{
    const int MaxNamed = 10;

    public static Command Create()
    {
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "The --runs folder the shards wrote to." };
        var json = new Option<bool>("--json") { Description = "Print the rows as a JSON array instead of a markdown table." };
        var command = new Command("collect", "Make the table of an experiment from the run files its shards wrote (--runs DIR).") { folder, json };
        command.SetAction(parseResult => CommandGuard.Run("experiment collect", () => Run(parseResult.GetValue(folder)!, parseResult.GetValue(json))));
        return command;
    }

    static int Run(DirectoryInfo folder, bool json)
    {
        var files = RunFile.ReadAll(folder.FullName);
        if (files.Count == 0)
            throw new InvalidDataException($"{folder.FullName} holds no run files; run `pidreg experiment ... --shard K/N --runs {folder.FullName}` first.");
        var configurations = files.GroupBy(f => f.Settings.Hash).ToArray();
        if (configurations.Length > 1)
        {
            var (a, b) = (configurations[0].First(), configurations[1].First());
            throw new InvalidDataException($"{folder.FullName} holds runs of {configurations.Length} configurations, which make no one table: "
                + string.Join("; ", configurations.Select(c => $"{c.Key[..12]} ({c.Count()} file(s), e.g. {Path.GetFileName(c.First().Path)})"))
                + $". {Path.GetFileName(a.Path)} and {Path.GetFileName(b.Path)} differ in {string.Join("; ", GridSettings.Differences(a.Settings.Json, b.Settings.Json))}."
                + " Move each configuration's files to a folder of its own.");
        }
        var settings = files[0].Settings;
        var runner = new ExperimentRunner(settings.ExperimentOptions);
        var plan = runner.Plan(settings.Models);
        var finished = files.Where(f => f.Run is not null).ToDictionary(f => f.Key.Index, f => f.Run!);
        var failed = files.Where(f => f.Error is not null).ToDictionary(f => f.Key.Index, f => f.Error!);
        var missing = plan.Where(k => !finished.ContainsKey(k.Index)).ToArray();
        if (missing.Length > 0)
        {
            var named = missing.Take(MaxNamed).Select(k => $"{k.Model} seed {k.Seed} " + (failed.TryGetValue(k.Index, out var error) ? $"(failed: {error})" : "(not run)"));
            throw new InvalidDataException($"{missing.Length} of the grid's {plan.Count} runs are not in {folder.FullName}: {string.Join("; ", named)}"
                + (missing.Length > MaxNamed ? $"; and {missing.Length - MaxNamed} more" : "")
                + ". Run the missing shards (or the failed ones again): a run already in the folder is skipped.");
        }
        var result = runner.Aggregate(settings.Title, settings.Models, plan.Select(k => finished[k.Index]));
        ExperimentCommand.Print(result, settings.Title, runner.Options.Seeds, json);
        return CommandGuard.Ok;
    }
}
