using System.Data.Common;
using System.Globalization;
using AmpsDevice.Dashboard.Storage;

namespace AmpsDevice.Dashboard.History;

/// <summary>Reads the history: search, a patient's sessions, one session with everything stored about it.</summary>
public sealed class HistoryQueries(Database database, TimeProvider time)
{
    /// <summary>Telemetry before the session's first report still shows it starting (a batch spans a second).</summary>
    public static readonly TimeSpan TelemetryLead = TimeSpan.FromSeconds(1);

    /// <summary>Telemetry after the end shows the outputs going safe.</summary>
    public static readonly TimeSpan TelemetryTail = TimeSpan.FromSeconds(3);

    /// <summary>Commands a little before the start (the start itself) and acknowledgements after the end belong to the session.</summary>
    public static readonly TimeSpan CommandLead = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan AfterEnd = TimeSpan.FromMinutes(15);

    private const string SummaryColumns = """
        device_id AS DeviceId, session_id AS SessionId, patient_id AS PatientId, profile_name AS ProfileName, plan_level AS PlanLevel,
        state AS State, outcome AS Outcome, started_us AS StartedUs, ended_us AS EndedUs, state_us AS StateUs, elapsed_s AS ElapsedS,
        max_pain AS MaxPain, safety_trips AS SafetyTrips, withdrawals AS Withdrawals
        """;

    public async Task<IReadOnlyList<SessionSummary>> SearchAsync(SessionSearch search, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync(
            $"""
            SELECT {SummaryColumns} FROM history_sessions
            WHERE (@PatientId IS NULL OR patient_id = @PatientId)
              AND (@DeviceId IS NULL OR device_id = @DeviceId)
              AND (@FromUs IS NULL OR started_us >= @FromUs)
              AND (@ToUs IS NULL OR started_us < @ToUs)
              AND (@Outcome IS NULL OR outcome = @Outcome OR (@Outcome = 'running' AND outcome IS NULL))
            ORDER BY started_us DESC
            LIMIT @Limit
            """,
            new
            {
                search.PatientId,
                search.DeviceId,
                FromUs = search.From is { } from ? Micros.Of(from) : (long?)null,
                ToUs = search.To is { } to ? Micros.Of(to) : (long?)null,
                search.Outcome,
                Limit = Math.Clamp(search.Limit, 1, 5000),
            },
            SummaryRow.Read,
            ct: ct);
        return [.. rows.Select(r => r.ToSummary())];
    }

    /// <summary>Every session of one patient, oldest first (empty when the patient is unknown).</summary>
    public async Task<IReadOnlyList<SessionSummary>> PatientAsync(string patientId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync(
            $"SELECT {SummaryColumns} FROM history_sessions WHERE patient_id = @patientId ORDER BY started_us",
            new { patientId },
            SummaryRow.Read,
            ct: ct);
        return [.. rows.Select(r => r.ToSummary())];
    }

    /// <summary>Every pain rating of one patient's sessions, by device and session, in the order given.</summary>
    public async Task<ILookup<(string DeviceId, string SessionId), int>> PainRatingsAsync(string patientId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync(
            """
            SELECT e.device_id, e.session_id, e.value FROM history_events e
            JOIN history_sessions s ON s.device_id = e.device_id AND s.session_id = e.session_id
            WHERE s.patient_id = @patientId AND e.kind = 'pain-rating' AND e.value IS NOT NULL
            ORDER BY e.at_us
            """,
            new { patientId },
            r => (DeviceId: r.Text(0), SessionId: r.Text(1), Value: r.Double(2)),
            ct: ct);
        return rows.ToLookup(r => (r.DeviceId, r.SessionId), r => (int)Math.Round(r.Value));
    }

    /// <summary>One session with its states, events, commands and telemetry (in device time, parts and gaps found); null when unknown.</summary>
    public async Task<SessionDetail?> SessionAsync(string deviceId, string sessionId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = (await connection.QueryAsync(
            $"SELECT {SummaryColumns}, profile_id AS ProfileId, profile_json AS ProfileJson, step_count AS StepCount FROM history_sessions WHERE device_id = @deviceId AND session_id = @sessionId",
            new { deviceId, sessionId },
            SummaryRow.ReadWithProfile,
            ct: ct)).SingleOrDefault();
        if (row is null)
        {
            return null;
        }

        var summary = row.ToSummary();
        var startUs = row.StartedUs;
        var endUs = row.EndedUs ?? (row.Outcome is null ? Micros.Of(time.GetUtcNow()) : row.StateUs);
        var states = await connection.QueryAsync(
            "SELECT at_us, state, step_index, elapsed_s FROM history_states WHERE device_id = @deviceId AND session_id = @sessionId ORDER BY at_us",
            new { deviceId, sessionId },
            r => new StoredState(Micros.ToTime(r.Long(0)), r.Text(1), r.IntOrNull(2), r.DoubleOrNull(3)),
            ct: ct);
        var events = await connection.QueryAsync(
            """
            SELECT at_us AS AtUs, kind AS Kind, target AS Target, session_id AS SessionId, rule AS Rule, value AS Value, message AS Message,
                   origin AS Origin, details AS Details, late AS Late
            FROM history_events
            WHERE device_id = @deviceId AND (session_id = @sessionId OR (session_id IS NULL AND at_us >= @fromUs AND at_us <= @toUs))
            ORDER BY at_us
            """,
            new { deviceId, sessionId, fromUs = startUs, toUs = endUs + Micros.Of(AfterEnd) },
            ReadEvent,
            ct: ct);
        var commands = await connection.QueryAsync(
            "SELECT at, user_name, command, payload_summary, ok, reply FROM audit WHERE device_id = @deviceId AND at >= @from AND at <= @to ORDER BY id",
            new { deviceId, from = AuditTime(Micros.ToTime(startUs) - CommandLead), to = AuditTime(Micros.ToTime(endUs) + AfterEnd) },
            r => new StoredCommand(DateTimeOffset.Parse(r.Text(0), CultureInfo.InvariantCulture), r.Text(1), r.Text(2), r.Text(3), r.Long(4) != 0, r.Text(5)),
            ct: ct);
        var telemetry = await connection.QueryAsync(
            """
            SELECT boot_id AS BootId, seq AS Seq, at_us AS AtUs, sample_period_s AS SamplePeriodS, sample_count AS SampleCount, late AS Late, payload AS Payload
            FROM history_telemetry WHERE device_id = @deviceId AND at_us >= @fromUs AND at_us <= @toUs
            ORDER BY at_us, seq
            """,
            new { deviceId, fromUs = startUs - Micros.Of(TelemetryLead), toUs = endUs + Micros.Of(TelemetryTail) },
            r => new StoredTelemetry(r.Text(0), r.Long(1), Micros.ToTime(r.Long(2)), r.Double(3), r.Int(4), r.Long(5) != 0, r.Text(6)),
            ct: ct);
        var (parts, gaps) = TelemetryShape.Of(telemetry);
        return new SessionDetail(
            summary,
            row.ProfileId,
            row.ProfileJson,
            row.StepCount,
            states,
            events,
            commands,
            telemetry,
            parts,
            gaps);
    }

    /// <summary>The audit's time format (ISO 8601 UTC, fixed width, so text order is time order).</summary>
    private static string AuditTime(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>An event row, columns in the order of the events query.</summary>
    private static StoredEvent ReadEvent(DbDataReader r) => new(
        Micros.ToTime(r.Long(0)), r.Text(1), r.Text(2) is { Length: > 0 } target ? target : null, r.TextOrNull(3), r.TextOrNull(4), r.DoubleOrNull(5),
        r.TextOrNull(6), r.TextOrNull(7), r.TextOrNull(8), r.Long(9) != 0);

    /// <summary>A session row, columns in the order of <see cref="SummaryColumns"/> (and the profile's three after them).</summary>
    private sealed record SummaryRow(
        string DeviceId, string SessionId, string? PatientId, string? ProfileName, int? PlanLevel, string State, string? Outcome,
        long StartedUs, long? EndedUs, long StateUs, double? ElapsedS, int? MaxPain, int SafetyTrips, int Withdrawals)
    {
        public string? ProfileId { get; init; }

        public string? ProfileJson { get; init; }

        public int? StepCount { get; init; }

        public static SummaryRow Read(DbDataReader r) => new(
            r.Text(0), r.Text(1), r.TextOrNull(2), r.TextOrNull(3), r.IntOrNull(4), r.Text(5), r.TextOrNull(6),
            r.Long(7), r.LongOrNull(8), r.Long(9), r.DoubleOrNull(10), r.IntOrNull(11), r.Int(12), r.Int(13));

        public static SummaryRow ReadWithProfile(DbDataReader r) => Read(r) with { ProfileId = r.TextOrNull(14), ProfileJson = r.TextOrNull(15), StepCount = r.IntOrNull(16) };

        public SessionSummary ToSummary()
        {
            var lastUs = EndedUs ?? Math.Max(StateUs, StartedUs);
            return new SessionSummary(DeviceId, SessionId, PatientId, ProfileName, PlanLevel, State, Outcome, Micros.ToTime(StartedUs),
                EndedUs is { } ended ? Micros.ToTime(ended) : null, (lastUs - StartedUs) / 1e6, ElapsedS, MaxPain, SafetyTrips, Withdrawals);
        }
    }
}
