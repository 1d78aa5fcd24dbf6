using System.Globalization;
using AmpsDevice.Dashboard.Storage;
using Dapper;

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
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(
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
            cancellationToken: ct));
        return [.. rows.Select(r => r.ToSummary())];
    }

    /// <summary>Every session of one patient, oldest first (empty when the patient is unknown).</summary>
    public async Task<IReadOnlyList<SessionSummary>> PatientAsync(string patientId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM history_sessions WHERE patient_id = @patientId ORDER BY started_us",
            new { patientId },
            cancellationToken: ct));
        return [.. rows.Select(r => r.ToSummary())];
    }

    /// <summary>Every pain rating of one patient's sessions, by device and session, in the order given.</summary>
    public async Task<ILookup<(string DeviceId, string SessionId), int>> PainRatingsAsync(string patientId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string DeviceId, string SessionId, double Value)>(new CommandDefinition(
            """
            SELECT e.device_id, e.session_id, e.value FROM history_events e
            JOIN history_sessions s ON s.device_id = e.device_id AND s.session_id = e.session_id
            WHERE s.patient_id = @patientId AND e.kind = 'pain-rating' AND e.value IS NOT NULL
            ORDER BY e.at_us
            """,
            new { patientId },
            cancellationToken: ct));
        return rows.ToLookup(r => (r.DeviceId, r.SessionId), r => (int)Math.Round(r.Value));
    }

    /// <summary>One session with its states, events, commands and telemetry (in device time, parts and gaps found); null when unknown.</summary>
    public async Task<SessionDetail?> SessionAsync(string deviceId, string sessionId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SummaryRow>(new CommandDefinition(
            $"SELECT {SummaryColumns}, profile_id AS ProfileId, profile_json AS ProfileJson, step_count AS StepCount FROM history_sessions WHERE device_id = @deviceId AND session_id = @sessionId",
            new { deviceId, sessionId },
            cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var summary = row.ToSummary();
        var startUs = row.StartedUs;
        var endUs = row.EndedUs ?? (row.Outcome is null ? Micros.Of(time.GetUtcNow()) : row.StateUs);
        var states = await connection.QueryAsync<(long AtUs, string State, int? StepIndex, double? ElapsedS)>(new CommandDefinition(
            "SELECT at_us, state, step_index, elapsed_s FROM history_states WHERE device_id = @deviceId AND session_id = @sessionId ORDER BY at_us",
            new { deviceId, sessionId },
            cancellationToken: ct));
        var events = await connection.QueryAsync<EventRow>(new CommandDefinition(
            """
            SELECT at_us AS AtUs, kind AS Kind, target AS Target, session_id AS SessionId, rule AS Rule, value AS Value, message AS Message,
                   origin AS Origin, details AS Details, late AS Late
            FROM history_events
            WHERE device_id = @deviceId AND (session_id = @sessionId OR (session_id IS NULL AND at_us >= @fromUs AND at_us <= @toUs))
            ORDER BY at_us
            """,
            new { deviceId, sessionId, fromUs = startUs, toUs = endUs + Micros.Of(AfterEnd) },
            cancellationToken: ct));
        var commands = await connection.QueryAsync<(string At, string User, string Command, string Summary, long Ok, string Reply)>(new CommandDefinition(
            "SELECT at, user_name, command, payload_summary, ok, reply FROM audit WHERE device_id = @deviceId AND at >= @from AND at <= @to ORDER BY id",
            new { deviceId, from = AuditTime(Micros.ToTime(startUs) - CommandLead), to = AuditTime(Micros.ToTime(endUs) + AfterEnd) },
            cancellationToken: ct));
        var telemetry = (await connection.QueryAsync<TelemetryRow>(new CommandDefinition(
            """
            SELECT boot_id AS BootId, seq AS Seq, at_us AS AtUs, sample_period_s AS SamplePeriodS, sample_count AS SampleCount, late AS Late, payload AS Payload
            FROM history_telemetry WHERE device_id = @deviceId AND at_us >= @fromUs AND at_us <= @toUs
            ORDER BY at_us, seq
            """,
            new { deviceId, fromUs = startUs - Micros.Of(TelemetryLead), toUs = endUs + Micros.Of(TelemetryTail) },
            cancellationToken: ct))).Select(t => t.ToStored()).ToList();
        var (parts, gaps) = TelemetryShape.Of(telemetry);
        return new SessionDetail(
            summary,
            row.ProfileId,
            row.ProfileJson,
            row.StepCount,
            [.. states.Select(s => new StoredState(Micros.ToTime(s.AtUs), s.State, s.StepIndex, s.ElapsedS))],
            [.. events.Select(e => e.ToStored())],
            [.. commands.Select(c => new StoredCommand(DateTimeOffset.Parse(c.At, CultureInfo.InvariantCulture), c.User, c.Command, c.Summary, c.Ok != 0, c.Reply))],
            telemetry,
            parts,
            gaps);
    }

    /// <summary>The audit's time format (ISO 8601 UTC, fixed width, so text order is time order).</summary>
    private static string AuditTime(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private sealed class SummaryRow
    {
        public string DeviceId { get; set; } = "";
        public string SessionId { get; set; } = "";
        public string? PatientId { get; set; }
        public string? ProfileName { get; set; }
        public int? PlanLevel { get; set; }
        public string State { get; set; } = "";
        public string? Outcome { get; set; }
        public long StartedUs { get; set; }
        public long? EndedUs { get; set; }
        public long StateUs { get; set; }
        public double? ElapsedS { get; set; }
        public int? MaxPain { get; set; }
        public int SafetyTrips { get; set; }
        public int Withdrawals { get; set; }
        public string? ProfileId { get; set; }
        public string? ProfileJson { get; set; }
        public int? StepCount { get; set; }

        public SessionSummary ToSummary()
        {
            var lastUs = EndedUs ?? Math.Max(StateUs, StartedUs);
            return new SessionSummary(DeviceId, SessionId, PatientId, ProfileName, PlanLevel, State, Outcome, Micros.ToTime(StartedUs),
                EndedUs is { } ended ? Micros.ToTime(ended) : null, (lastUs - StartedUs) / 1e6, ElapsedS, MaxPain, SafetyTrips, Withdrawals);
        }
    }

    private sealed class EventRow
    {
        public long AtUs { get; set; }
        public string Kind { get; set; } = "";
        public string Target { get; set; } = "";
        public string? SessionId { get; set; }
        public string? Rule { get; set; }
        public double? Value { get; set; }
        public string? Message { get; set; }
        public string? Origin { get; set; }
        public string? Details { get; set; }
        public int Late { get; set; }

        public StoredEvent ToStored() =>
            new(Micros.ToTime(AtUs), Kind, Target.Length == 0 ? null : Target, SessionId, Rule, Value, Message, Origin, Details, Late != 0);
    }

    private sealed class TelemetryRow
    {
        public string BootId { get; set; } = "";
        public long Seq { get; set; }
        public long AtUs { get; set; }
        public double SamplePeriodS { get; set; }
        public int SampleCount { get; set; }
        public int Late { get; set; }
        public string Payload { get; set; } = "";

        public StoredTelemetry ToStored() => new(BootId, Seq, Micros.ToTime(AtUs), SamplePeriodS, SampleCount, Late != 0, Payload);
    }
}
