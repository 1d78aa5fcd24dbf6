using System.Data.Common;
using System.Globalization;
using AmpsDevice.Dashboard.Storage;

namespace AmpsDevice.Dashboard.History;

/// <summary>What a prune deletes, or would delete: rows per table, and the sessions' span and patients.</summary>
public sealed record PruneReport(
    DateTimeOffset Cutoff,
    long Sessions,
    long Patients,
    DateTimeOffset? OldestSession,
    DateTimeOffset? NewestSession,
    long States,
    long Events,
    long Telemetry,
    long Status,
    bool Applied)
{
    /// <summary>One line, as <c>history prune</c> prints it and the daily retention logs it.</summary>
    public string Describe()
    {
        var verb = Applied ? "deleted" : "would delete";
        var span = OldestSession is { } oldest && NewestSession is { } newest
            ? string.Create(CultureInfo.InvariantCulture, $" (started {oldest:yyyy-MM-dd} to {newest:yyyy-MM-dd})")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"history older than {Cutoff.UtcDateTime:yyyy-MM-dd HH:mm}Z: {verb} {Sessions} sessions of {Patients} patients{span}, {States} session states, " +
            $"{Events} events, {Telemetry} telemetry messages, {Status} status reports") + (Applied ? "" : " (dry run: nothing deleted)");
    }
}

/// <summary>
/// Retention: deletes what the history holds from before a cutoff (device time). A session goes whole, with its
/// states and events, once it ended before the cutoff; one that ended after it is kept whole, with its telemetry,
/// even where that begins before the cutoff. Telemetry, events and status reports outside any kept session go
/// once older than the cutoff. The audit (who commanded what) is not touched: it is the dashboard's own record.
/// </summary>
public sealed class HistoryPruner(Database database)
{
    // Sessions that ended (or were last heard of) before the cutoff.
    private const string OldSessions = "COALESCE(ended_us, state_us, started_us) < @CutoffUs AND started_us < @CutoffUs";

    private const string OldStates = $"""
        EXISTS (SELECT 1 FROM history_sessions s WHERE s.device_id = history_states.device_id AND s.session_id = history_states.session_id
                AND COALESCE(s.ended_us, s.state_us, s.started_us) < @CutoffUs AND s.started_us < @CutoffUs)
        """;

    private const string OldEvents = """
        at_us < @CutoffUs AND NOT EXISTS (SELECT 1 FROM history_sessions s WHERE s.device_id = history_events.device_id
            AND s.session_id = history_events.session_id AND COALESCE(s.ended_us, s.state_us, s.started_us) >= @CutoffUs)
        """;

    private const string OldTelemetry = """
        at_us < @CutoffUs AND NOT EXISTS (SELECT 1 FROM history_sessions s WHERE s.device_id = history_telemetry.device_id
            AND s.started_us - @LeadUs <= history_telemetry.at_us AND COALESCE(s.ended_us, s.state_us, s.started_us) >= @CutoffUs)
        """;

    /// <summary>Counts what <see cref="ApplyAsync"/> would delete; deletes nothing.</summary>
    public async Task<PruneReport> PlanAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await CountAsync(connection, null, cutoff, applied: false, ct);
    }

    /// <summary>Deletes everything older than <paramref name="cutoff"/>, in one transaction; returns what it deleted.</summary>
    public async Task<PruneReport> ApplyAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var report = await CountAsync(connection, transaction, cutoff, applied: true, ct);
        var p = Parameters(cutoff);
        await connection.ExecuteAsync($"DELETE FROM history_telemetry WHERE {OldTelemetry}", p, transaction, ct);
        await connection.ExecuteAsync($"DELETE FROM history_events WHERE {OldEvents}", p, transaction, ct);
        await connection.ExecuteAsync($"DELETE FROM history_states WHERE {OldStates}", p, transaction, ct);
        await connection.ExecuteAsync("DELETE FROM history_status WHERE at_us < @CutoffUs", p, transaction, ct);
        await connection.ExecuteAsync($"DELETE FROM history_sessions WHERE {OldSessions}", p, transaction, ct);
        await transaction.CommitAsync(ct);
        return report;
    }

    private static async Task<PruneReport> CountAsync(DbConnection connection, DbTransaction? transaction, DateTimeOffset cutoff, bool applied, CancellationToken ct)
    {
        var p = Parameters(cutoff);
        async Task<long> Count(string sql) => await connection.ScalarAsync(sql, p, transaction, ct);
        var span = (await connection.QueryAsync(
            $"SELECT COUNT(*), COUNT(DISTINCT patient_id), MIN(started_us), MAX(started_us) FROM history_sessions WHERE {OldSessions}",
            p,
            r => (Sessions: r.Long(0), Patients: r.Long(1), Oldest: r.LongOrNull(2), Newest: r.LongOrNull(3)),
            transaction,
            ct)).Single();
        return new PruneReport(
            cutoff,
            span.Sessions,
            span.Patients,
            span.Oldest is { } oldest ? Micros.ToTime(oldest) : null,
            span.Newest is { } newest ? Micros.ToTime(newest) : null,
            await Count($"SELECT COUNT(*) FROM history_states WHERE {OldStates}"),
            await Count($"SELECT COUNT(*) FROM history_events WHERE {OldEvents}"),
            await Count($"SELECT COUNT(*) FROM history_telemetry WHERE {OldTelemetry}"),
            await Count("SELECT COUNT(*) FROM history_status WHERE at_us < @CutoffUs"),
            applied);
    }

    private static Cutoff Parameters(DateTimeOffset cutoff) => new(Micros.Of(cutoff), Micros.Of(HistoryQueries.TelemetryLead));

    /// <summary>The parameters of every statement here.</summary>
    private sealed record Cutoff(long CutoffUs, long LeadUs);
}
