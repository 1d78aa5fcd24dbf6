using AmpsDevice.Dashboard.History;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Dashboard.Tests.Support;
using AmpsDevice.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;
using static AmpsDevice.Dashboard.Tests.History.Messages;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>Retention: a dry run says what would go and deletes nothing; the prune deletes exactly that, and keeps a session that ended after the cutoff whole.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HistoryPrunerTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Cutoff = T0.AddDays(30);

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_dry_run_deletes_nothing_and_the_prune_deletes_what_it_said_keeping_a_session_that_ended_after_the_cutoff_whole(DatabaseEngine engine)
    {
        using var db = await TestDatabase.CreateAsync(engine, postgres);
        await SeedAsync(db.Database);
        var pruner = new HistoryPruner(db.Database);

        var plan = await pruner.PlanAsync(Cutoff);
        Assert.Equal((1L, 1L, 2L, 1L, 3L, 1L, false), (plan.Sessions, plan.Patients, plan.States, plan.Events, plan.Telemetry, plan.Status, plan.Applied));
        Assert.Equal(2, (await Queries(db).SearchAsync(new SessionSearch())).Count);

        var done = await pruner.ApplyAsync(Cutoff);
        Assert.Equal(plan with { Applied = true }, done);
        var kept = Assert.Single(await Queries(db).SearchAsync(new SessionSearch()));
        Assert.Equal("s-kept", kept.SessionId);
        var detail = (await Queries(db).SessionAsync("dev-a", "s-kept"))!;
        Assert.Equal([1L, 2L], detail.Telemetry.Select(t => t.Seq));   // begins before the cutoff, kept with its session
        Assert.Single(detail.Events);
        Assert.Equal(0, (await pruner.PlanAsync(Cutoff)).Telemetry);
    }

    [Fact]
    public async Task The_prune_command_with_dry_run_says_what_it_would_delete_and_deletes_nothing()
    {
        using var data = new TempDirectory("history-prune");
        using (var database = new Database(data.Path))
        {
            await Migrations.ApplyAsync(database);
            await SeedAsync(database);
        }

        var now = new FakeTimeProvider(Cutoff.AddDays(365));
        var (code, output, _) = await RunAsync(now, "history", "prune", "--older-than", "365d", "--dry-run", "--data", data.Path);
        Assert.Equal(0, code);
        Assert.Equal("history older than 2027-01-01 09:00Z: would delete 1 sessions of 1 patients (started 2026-12-02 to 2026-12-02), 2 session states, " +
            "1 events, 3 telemetry messages, 1 status reports (dry run: nothing deleted)", output.Trim());
        (code, output, _) = await RunAsync(now, "history", "prune", "--older-than", "365d", "--data", data.Path);
        Assert.Equal(0, code);
        Assert.StartsWith("history older than 2027-01-01 09:00Z: deleted 1 sessions", output, StringComparison.Ordinal);
        (code, output, _) = await RunAsync(now, "history", "prune", "--older-than", "365d", "--dry-run", "--data", data.Path);
        Assert.Contains("would delete 0 sessions", output, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("365")]
    [InlineData("0d")]
    [InlineData("1y")]
    [InlineData("-3d")]
    public async Task An_age_that_is_not_days_weeks_or_hours_is_refused_naming_it(string age)
    {
        var (code, _, error) = await RunAsync(TimeProvider.System, "history", "prune", "--older-than", age, "--dry-run");
        Assert.Equal(2, code);
        Assert.Contains($"--older-than: '{age}' is not an age such as 365d, 52w or 48h", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_without_an_age_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync(TimeProvider.System, "history", "prune", "--dry-run");
        Assert.Equal(2, code);
        Assert.Contains("history prune needs --older-than AGE", error, StringComparison.Ordinal);
    }

    /// <summary>An old session (ended before the cutoff) and one that began before it and ended after, with idle telemetry in between.</summary>
    private static async Task SeedAsync(Database database)
    {
        var writer = new HistoryWriter(database);
        await writer.WriteAsync(
        [
            Status("dev-a", "boot-1", T0),
            Session("dev-a", SessionState.Running, T0, sessionId: "s-old"),
            Event("dev-a", EventKind.PainRating, T0.AddSeconds(5), sessionId: "s-old", value: 3),
            Telemetry("dev-a", "boot-1", 1, T0.AddSeconds(1)),
            Session("dev-a", SessionState.Completed, T0.AddSeconds(60), sessionId: "s-old"),
            Telemetry("dev-a", "boot-1", 2, T0.AddDays(1)),                                         // idle, old
            Telemetry("dev-b", "boot-9", 1, T0.AddDays(2)),                                         // another device, idle, old
            Session("dev-a", SessionState.Running, Cutoff.AddSeconds(-1), sessionId: "s-kept", patient: "p-002"),
            Telemetry("dev-a", "boot-2", 1, Cutoff.AddSeconds(-1)),
            Telemetry("dev-a", "boot-2", 2, Cutoff.AddSeconds(1)),
            Event("dev-a", EventKind.PainRating, Cutoff.AddSeconds(-0.5), sessionId: "s-kept", value: 2),
            Session("dev-a", SessionState.Completed, Cutoff.AddSeconds(30), sessionId: "s-kept", patient: "p-002"),
        ]);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(TimeProvider time, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DashboardCliRunner.RunAsync(args, TextReader.Null, output, error, time);
        return (code, output.ToString(), error.ToString());
    }

    private static HistoryQueries Queries(TestDatabase db) => new(db.Database, new FakeTimeProvider(Cutoff.AddDays(1)));
}
