using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.History;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Protocol.Messages;
using Microsoft.Extensions.Time.Testing;
using static AmpsDevice.Dashboard.Tests.History.Messages;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>What arrives twice, late, out of order or after a reboot is stored as the device meant it, on both engines.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HistoryWriterTests(PostgresServer postgres)
{
    private const string Dev = "dev-a";

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_message_delivered_twice_is_stored_once_and_counted_once(DatabaseEngine engine)
    {
        using var db = await TestDatabase.CreateAsync(engine, postgres);
        var writer = new HistoryWriter(db.Database);
        var batch = new[]
        {
            Status(Dev, "boot-1", T0),
            Session(Dev, SessionState.Running, T0.AddSeconds(1)),
            Telemetry(Dev, "boot-1", 1, T0.AddSeconds(1)),
            Event(Dev, EventKind.PainRating, T0.AddSeconds(2), value: 4),
            Event(Dev, EventKind.SafetyTrip, T0.AddSeconds(3), rule: "pad-over-temperature", message: "pad1 at 41.2 °C"),
        };
        await writer.WriteAsync(batch);
        await writer.WriteAsync(batch);                 // a reconnect: every message again
        await writer.WriteAsync([batch[2], batch[2]]);  // a QoS 1 repeat inside one batch

        await using var connection = await db.Database.OpenAsync();
        foreach (var table in new[] { "history_status", "history_sessions", "history_states", "history_telemetry" })
        {
            Assert.Equal(1, await connection.ScalarAsync($"SELECT COUNT(*) FROM {table}"));
        }

        Assert.Equal(2, await connection.ScalarAsync("SELECT COUNT(*) FROM history_events"));
        var session = Assert.Single(await Queries(db).PatientAsync("p-001"));
        Assert.Equal((4, 1, 3), (session.MaxPain, session.SafetyTrips, session.PlanLevel));
        var detail = await Queries(db).SessionAsync(Dev, "s-1");
        var trip = Assert.Single(detail!.Events, e => e.Kind == "safety-trip");
        Assert.Equal(("pad-over-temperature", "pad1 at 41.2 °C"), (trip.Rule, trip.Message));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_reboot_mid_session_keeps_both_parts_in_order_and_ends_the_session_as_interrupted(DatabaseEngine engine)
    {
        using var db = await TestDatabase.CreateAsync(engine, postgres);
        var writer = new HistoryWriter(db.Database);
        await writer.WriteAsync([Session(Dev, SessionState.Running, T0), .. Enumerable.Range(1, 3).Select(i => Telemetry(Dev, "boot-a", i, T0.AddSeconds(i)))]);
        // The device restarts: a new boot id, seq from 1 again, later in time; its first session report is idle.
        await writer.WriteAsync([.. Enumerable.Range(1, 2).Select(i => Telemetry(Dev, "boot-b", i, T0.AddSeconds(10 + i))), Session(Dev, SessionState.Idle, T0.AddSeconds(13), sessionId: null)]);

        var detail = await Queries(db).SessionAsync(Dev, "s-1");
        Assert.Equal(["boot-a:1", "boot-a:2", "boot-a:3", "boot-b:1", "boot-b:2"], detail!.Telemetry.Select(t => $"{t.BootId}:{t.Seq}"));
        Assert.Equal(["boot-a", "boot-b"], detail.Parts.Select(p => p.BootId));
        Assert.Empty(detail.Gaps);
        Assert.Equal(HistoryWriter.Interrupted, detail.Summary.Outcome);
        Assert.Equal(T0.AddSeconds(13), detail.Summary.EndedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Late_and_out_of_order_messages_leave_the_session_as_if_they_had_come_in_order_and_gaps_stay_gaps(DatabaseEngine engine)
    {
        using var db = await TestDatabase.CreateAsync(engine, postgres);
        var writer = new HistoryWriter(db.Database);
        await writer.WriteAsync([Session(Dev, SessionState.Completed, T0.AddSeconds(30)), Telemetry(Dev, "boot-1", 5, T0.AddSeconds(5))]);
        await writer.WriteAsync([Session(Dev, SessionState.Paused, T0.AddSeconds(20)), Telemetry(Dev, "boot-1", 4, T0.AddSeconds(4), late: true)]);
        await writer.WriteAsync([Session(Dev, SessionState.Running, T0.AddSeconds(1)), Telemetry(Dev, "boot-1", 8, T0.AddSeconds(8))]);
        await writer.WriteAsync([Event(Dev, EventKind.PainRating, T0.AddSeconds(9), value: 6), Event(Dev, EventKind.PainRating, T0.AddSeconds(3), value: 2)]);

        var detail = await Queries(db).SessionAsync(Dev, "s-1");
        var s = detail!.Summary;
        Assert.Equal(("completed", "completed", T0.AddSeconds(1), T0.AddSeconds(30), 6), (s.State, s.Outcome, s.StartedAt, s.EndedAt, s.MaxPain));
        Assert.Equal(["running", "paused", "completed"], detail.States.Select(x => x.State));
        Assert.Equal([4L, 5, 8], detail.Telemetry.Select(t => t.Seq));
        Assert.True(detail.Telemetry[0].Late);
        var gap = Assert.Single(detail.Gaps);
        Assert.Equal(("boot-1", 6L, 7L), (gap.BootId, gap.FirstMissing, gap.LastMissing));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_real_outcome_arriving_late_replaces_interrupted(DatabaseEngine engine)
    {
        using var db = await TestDatabase.CreateAsync(engine, postgres);
        var writer = new HistoryWriter(db.Database);
        await writer.WriteAsync([Session(Dev, SessionState.Running, T0), Session(Dev, SessionState.Running, T0.AddSeconds(60), sessionId: "s-2")]);
        Assert.Equal(HistoryWriter.Interrupted, (await Queries(db).SessionAsync(Dev, "s-1"))!.Summary.Outcome);

        await writer.WriteAsync([Session(Dev, SessionState.Stopped, T0.AddSeconds(40))]);
        var s = (await Queries(db).SessionAsync(Dev, "s-1"))!.Summary;
        Assert.Equal(("stopped", T0.AddSeconds(40)), (s.Outcome, s.EndedAt));
        Assert.Null((await Queries(db).SessionAsync(Dev, "s-2"))!.Summary.Outcome);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Search_finds_sessions_by_patient_device_date_and_outcome(DatabaseEngine engine)
    {
        using var db = await TestDatabase.CreateAsync(engine, postgres);
        var writer = new HistoryWriter(db.Database);
        await writer.WriteAsync(
        [
            Session("dev-a", SessionState.Completed, T0, sessionId: "a-1", patient: "p-001"),
            Session("dev-b", SessionState.SafetyStop, T0.AddDays(1), sessionId: "b-1", patient: "p-001"),
            Session("dev-b", SessionState.Completed, T0.AddDays(2), sessionId: "b-2", patient: "p-002"),
        ]);
        var queries = Queries(db);
        Assert.Equal(["b-1", "a-1"], (await queries.SearchAsync(new SessionSearch(PatientId: "p-001"))).Select(s => s.SessionId));
        Assert.Equal(["b-2", "b-1"], (await queries.SearchAsync(new SessionSearch(DeviceId: "dev-b"))).Select(s => s.SessionId));
        Assert.Equal(["b-1"], (await queries.SearchAsync(new SessionSearch(Outcome: "safety-stop"))).Select(s => s.SessionId));
        Assert.Equal(["b-1"], (await queries.SearchAsync(new SessionSearch(From: T0.AddHours(12), To: T0.AddDays(2)))).Select(s => s.SessionId));
        Assert.Empty(await queries.PatientAsync("p-999"));
        Assert.Null(await queries.SessionAsync("dev-a", "nope"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_batch_mixing_devices_and_kinds_with_repeats_inside_itself_stores_each_message_once_and_counts_it_once(DatabaseEngine engine)
    {
        using var db = await TestDatabase.CreateAsync(engine, postgres);
        var batch = MixedBatchWithRepeats();
        await new HistoryWriter(db.Database).WriteAsync(batch);

        var queries = Queries(db);
        var a = await queries.SessionAsync("dev-a", "s-1");
        var b = await queries.SessionAsync("dev-b", "s-1");
        Assert.Equal(("completed", T0.AddSeconds(0.5), T0.AddSeconds(5), 5, 1, 1), (a!.Summary.Outcome, a.Summary.StartedAt, a.Summary.EndedAt, a.Summary.MaxPain, a.Summary.SafetyTrips, a.Summary.Withdrawals));
        Assert.Equal(["running", "completed"], a.States.Select(x => x.State));
        Assert.Equal(["boot-1:1", "boot-1:2"], a.Telemetry.Select(t => $"{t.BootId}:{t.Seq}"));
        Assert.Equal(["pain-rating", "pain-rating", "safety-trip", "withdrawal"], a.Events.Select(e => e.Kind));
        Assert.Equal((null, 1, 0), (b!.Summary.Outcome, b.Summary.SafetyTrips, b.Summary.Withdrawals));
        Assert.Equal(["boot-1:1"], b.Telemetry.Select(t => $"{t.BootId}:{t.Seq}"));
        await using var connection = await db.Database.OpenAsync();
        Assert.Equal(2, await connection.ScalarAsync("SELECT COUNT(*) FROM history_status"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A_batch_leaves_exactly_the_rows_its_messages_leave_written_one_transaction_each(DatabaseEngine engine)
    {
        using var batched = await TestDatabase.CreateAsync(engine, postgres);
        using var oneByOne = await TestDatabase.CreateAsync(engine, postgres);
        var messages = MixedBatchWithRepeats();
        await new HistoryWriter(batched.Database).WriteAsync(messages);
        foreach (var message in messages)
        {
            await new HistoryWriter(oneByOne.Database).WriteAsync([message]);
        }

        foreach (var table in new[] { "history_status", "history_sessions", "history_states", "history_events", "history_telemetry" })
        {
            Assert.Equal(await RowsAsync(oneByOne, table), await RowsAsync(batched, table));
        }
    }

    /// <summary>
    /// Two devices with the same session id, boot id and seq; an event before its session's first state; every
    /// kind of message, and repeats of telemetry, session states and counted events inside the batch.
    /// </summary>
    private static DeviceMessage[] MixedBatchWithRepeats() =>
    [
        Status("dev-a", "boot-1", T0),
        Status("dev-b", "boot-1", T0),
        Event("dev-a", EventKind.PainRating, T0.AddSeconds(0.5), value: 3),
        Session("dev-a", SessionState.Running, T0.AddSeconds(1)),
        Session("dev-b", SessionState.Running, T0.AddSeconds(1)),
        Telemetry("dev-a", "boot-1", 1, T0.AddSeconds(1)),
        Telemetry("dev-b", "boot-1", 1, T0.AddSeconds(1)),
        Telemetry("dev-a", "boot-1", 1, T0.AddSeconds(1)),
        Session("dev-a", SessionState.Running, T0.AddSeconds(1)),
        Telemetry("dev-a", "boot-1", 2, T0.AddSeconds(2)),
        Event("dev-a", EventKind.PainRating, T0.AddSeconds(2), value: 5),
        Event("dev-a", EventKind.PainRating, T0.AddSeconds(2), value: 5),
        Event("dev-a", EventKind.SafetyTrip, T0.AddSeconds(3), rule: "pad-over-temperature", message: "pad1 at 41.2 °C"),
        Event("dev-b", EventKind.SafetyTrip, T0.AddSeconds(3), rule: "pad-over-temperature", message: "pad1 at 41.3 °C"),
        Event("dev-a", EventKind.SafetyTrip, T0.AddSeconds(3), rule: "pad-over-temperature", message: "pad1 at 41.2 °C"),
        Event("dev-a", EventKind.Withdrawal, T0.AddSeconds(4)),
        Event("dev-a", EventKind.Withdrawal, T0.AddSeconds(4)),
        Session("dev-a", SessionState.Completed, T0.AddSeconds(5)),
        Session("dev-a", SessionState.Completed, T0.AddSeconds(5)),
    ];

    /// <summary>Every row of <paramref name="table"/>, each as its values in column order, sorted.</summary>
    private static async Task<List<string>> RowsAsync(TestDatabase db, string table)
    {
        await using var connection = await db.Database.OpenAsync();
        var rows = await connection.QueryAsync(
            FormattableString.Invariant($"SELECT * FROM {table}"),
            row => string.Join(" | ", Enumerable.Range(0, row.FieldCount).Select(i => Convert.ToString(row.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private static HistoryQueries Queries(TestDatabase db) => new(db.Database, new FakeTimeProvider(T0.AddHours(1)));
}
