using System.Globalization;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Storage;

namespace AmpsDevice.Dashboard.History;

/// <summary>
/// <c>ampsdashboard history prune --older-than AGE [--dry-run] [--data DIR] [--database CONN]</c>: deletes the
/// history older than AGE (<c>365d</c>, <c>52w</c>, <c>48h</c>), or with <c>--dry-run</c> says what it would delete
/// and deletes nothing. Exit codes: 0 done, 2 usage error.
/// </summary>
public static class HistoryCommand
{
    private const string Usage = """
        usage: ampsdashboard history prune --older-than AGE [--dry-run] [--data DIR] [--database CONN]
               AGE: a number of days, weeks or hours: 365d, 52w, 48h
        """;

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "history";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        TimeSpan? age = null;
        var dryRun = false;
        var configArgs = new List<string>();
        var positional = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--older-than" when i + 1 < args.Length:
                    if (ParseAge(args[++i]) is not { } parsed)
                    {
                        await stderr.WriteLineAsync($"--older-than: '{args[i]}' is not an age such as 365d, 52w or 48h\n{Usage}");
                        return 2;
                    }

                    age = parsed;
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--data" when i + 1 < args.Length:
                    configArgs.Add($"--{DashboardOptions.SectionName}:DataDirectory={args[++i]}");
                    break;
                case "--database" when i + 1 < args.Length:
                    configArgs.Add($"--{DashboardOptions.SectionName}:Database={args[++i]}");
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal):
                    await stderr.WriteLineAsync($"unknown or incomplete option '{a}'\n{Usage}");
                    return 2;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional is not ["prune"] || age is null)
        {
            await stderr.WriteLineAsync(age is null && positional is ["prune"] ? $"history prune needs --older-than AGE\n{Usage}" : Usage);
            return 2;
        }

        var options = CommandLineOptions.Load(configArgs);
        using var database = new Database(options.Database, options.DataDirectory);
        await Migrations.ApplyAsync(database);
        var pruner = new HistoryPruner(database);
        var cutoff = time.GetUtcNow() - age.Value;
        var report = dryRun ? await pruner.PlanAsync(cutoff) : await pruner.ApplyAsync(cutoff);
        await stdout.WriteLineAsync(Describe(report));
        return 0;
    }

    /// <summary>365d, 52w, 48h (whole numbers, at least 1).</summary>
    public static TimeSpan? ParseAge(string text)
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

    public static string Describe(PruneReport r)
    {
        var verb = r.Applied ? "deleted" : "would delete";
        var span = r.OldestSession is { } oldest && r.NewestSession is { } newest
            ? string.Create(CultureInfo.InvariantCulture, $" (started {oldest:yyyy-MM-dd} to {newest:yyyy-MM-dd})")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"history older than {r.Cutoff.UtcDateTime:yyyy-MM-dd HH:mm}Z: {verb} {r.Sessions} sessions of {r.Patients} patients{span}, {r.States} session states, " +
            $"{r.Events} events, {r.Telemetry} telemetry messages, {r.Status} status reports") + (r.Applied ? "" : " (dry run: nothing deleted)");
    }
}
