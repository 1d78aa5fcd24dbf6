using System.CommandLine;
using System.Globalization;
using AmpsDevice.Dashboard.Cli;
using AmpsDevice.Protocol.CommandLine;

namespace AmpsDevice.Dashboard.History;

/// <summary>
/// <c>ampsdashboard history prune --older-than AGE [--dry-run] [--data DIR] [--database CONN]</c>: deletes the
/// history older than AGE (<c>365d</c>, <c>52w</c>, <c>48h</c>), or with <c>--dry-run</c> says what it would delete
/// and deletes nothing. Exit codes: 0 done, 2 usage error.
/// </summary>
public static class HistoryVerb
{
    public const string Description = "The clinic's stored history of every session: prune deletes what is older than an age.";

    public static Command Command(StorageOptions storage, TimeProvider time) => new("history", Description)
    {
        Prune(storage, time),
        HelpVerb.Command(),
    };

    private static Command Prune(StorageOptions storage, TimeProvider time)
    {
        var command = new Command("prune",
            "Deletes the history older than AGE, or with --dry-run says what it would delete and deletes nothing. A session goes whole " +
            "(with its states and events) once it ended before the cutoff; one that ended after it is kept whole. The audit is not touched.");
        var olderThan = new Option<TimeSpan?>("--older-than")
        {
            Description = "How old the history to delete is: a whole number of days, weeks or hours, such as 365d, 52w or 48h (required)",
            HelpName = "AGE",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (ParseAge(text) is { } age)
                {
                    return age;
                }

                result.AddError($"--older-than: '{text}' is not an age such as 365d, 52w or 48h");
                return null;
            },
        };
        var dryRun = CliOptions.Flag("--dry-run", "Say what would be deleted, and delete nothing");
        command.Add(olderThan);
        command.Add(dryRun);
        CliOptions.Require(command, "history prune needs --older-than AGE", olderThan);
        command.SetAction(async (result, ct) =>
        {
            using var database = await storage.OpenAsync(result);
            var pruner = new HistoryPruner(database);
            var cutoff = time.GetUtcNow() - result.GetValue(olderThan)!.Value;
            var report = result.GetValue(dryRun) ? await pruner.PlanAsync(cutoff, ct) : await pruner.ApplyAsync(cutoff, ct);
            await result.InvocationConfiguration.Output.WriteLineAsync(report.Describe());
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>365d, 52w, 48h (whole numbers, at least 1).</summary>
    private static TimeSpan? ParseAge(string text)
    {
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return null;
        }

        return text[^1] switch
        {
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7.0 * n),
            'h' => TimeSpan.FromHours(n),
            _ => null,
        };
    }
}
