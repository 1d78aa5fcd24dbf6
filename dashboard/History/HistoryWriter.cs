using System.Text.Json;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Dashboard.History;

/// <summary>
/// Writes a batch of device messages into the history tables in one transaction. Every insert is keyed so that a
/// message delivered twice (a QoS 1 repeat, a retained message on resubscribe) changes nothing the second time;
/// a session's summary (state, outcome, highest pain, trips) only moves forward in device time, so messages that
/// arrive late or out of order leave it as if they had come in order. The statements go out in the order of the
/// messages, each engine's way (<see cref="HistoryStatements"/>: one by one in SQLite's process, batched round trips
/// to PostgreSQL).
/// </summary>
public sealed class HistoryWriter(Database database)
{
    /// <summary>Outcome of a session that stopped being reported before it ended (the device restarted or went on to another).</summary>
    public const string Interrupted = "interrupted";

    private const string InsertStatus = """
        INSERT INTO history_status (device_id, boot_id, at_us, state, version, hardware_mode, reason)
        VALUES (@DeviceId, @BootId, @AtUs, @State, @Version, @HardwareMode, @Reason)
        ON CONFLICT (device_id, boot_id, at_us, state) DO NOTHING
        """;

    private const string InsertTelemetry = """
        INSERT INTO history_telemetry (device_id, boot_id, seq, at_us, sample_period_s, sample_count, late, dropped_samples, payload, received_us)
        VALUES (@DeviceId, @BootId, @Seq, @AtUs, @SamplePeriodS, @SampleCount, @Late, @DroppedSamples, @Payload, @ReceivedUs)
        ON CONFLICT (device_id, boot_id, seq) DO NOTHING
        """;

    private const string InsertState = """
        INSERT INTO history_states (device_id, session_id, at_us, state, step_index, elapsed_s)
        VALUES (@DeviceId, @SessionId, @AtUs, @State, @StepIndex, @ElapsedS)
        ON CONFLICT (device_id, session_id, at_us, state) DO NOTHING
        """;

    // The newest state (by device time) wins; the first-reported profile and patient stay; a real outcome replaces
    // "interrupted"; the start is the earliest time seen.
    private const string UpsertSession = """
        INSERT INTO history_sessions (device_id, session_id, patient_id, profile_name, profile_id, profile_json, plan_level, step_count,
                                      state, state_us, elapsed_s, outcome, started_us, ended_us)
        VALUES (@DeviceId, @SessionId, @PatientId, @ProfileName, @ProfileId, @ProfileJson, @PlanLevel, @StepCount,
                @State, @AtUs, @ElapsedS, @Outcome, @AtUs, @EndedUs)
        ON CONFLICT (device_id, session_id) DO UPDATE SET
            patient_id = COALESCE(history_sessions.patient_id, excluded.patient_id),
            profile_name = COALESCE(history_sessions.profile_name, excluded.profile_name),
            profile_id = COALESCE(history_sessions.profile_id, excluded.profile_id),
            profile_json = COALESCE(history_sessions.profile_json, excluded.profile_json),
            plan_level = COALESCE(history_sessions.plan_level, excluded.plan_level),
            step_count = COALESCE(history_sessions.step_count, excluded.step_count),
            state = CASE WHEN excluded.state_us >= history_sessions.state_us THEN excluded.state ELSE history_sessions.state END,
            elapsed_s = CASE WHEN excluded.state_us >= history_sessions.state_us AND excluded.elapsed_s IS NOT NULL THEN excluded.elapsed_s ELSE history_sessions.elapsed_s END,
            state_us = CASE WHEN excluded.state_us > history_sessions.state_us THEN excluded.state_us ELSE history_sessions.state_us END,
            outcome = CASE WHEN excluded.outcome IS NULL THEN history_sessions.outcome
                           WHEN history_sessions.outcome IS NULL OR history_sessions.outcome = 'interrupted' THEN excluded.outcome
                           WHEN excluded.ended_us < history_sessions.ended_us THEN excluded.outcome
                           ELSE history_sessions.outcome END,
            ended_us = CASE WHEN excluded.ended_us IS NULL THEN history_sessions.ended_us
                            WHEN history_sessions.outcome IS NULL OR history_sessions.outcome = 'interrupted' THEN excluded.ended_us
                            WHEN excluded.ended_us < history_sessions.ended_us THEN excluded.ended_us
                            ELSE history_sessions.ended_us END,
            started_us = CASE WHEN excluded.started_us < history_sessions.started_us THEN excluded.started_us ELSE history_sessions.started_us END
        """;

    // A session the device no longer reports (it is idle, or runs a newer one) ended, at the latest, when that was reported.
    private const string CloseOpenSessions = """
        UPDATE history_sessions SET outcome = 'interrupted', ended_us = @AtUs
        WHERE device_id = @DeviceId AND outcome IS NULL AND started_us < @AtUs AND session_id <> @SessionId
        """;

    // An event of a session not yet seen in a state message: the session exists from its first event on.
    private const string EnsureSession = """
        INSERT INTO history_sessions (device_id, session_id, state, state_us, started_us)
        VALUES (@DeviceId, @SessionId, 'unknown', 0, @AtUs)
        ON CONFLICT (device_id, session_id) DO UPDATE SET
            started_us = CASE WHEN excluded.started_us < history_sessions.started_us THEN excluded.started_us ELSE history_sessions.started_us END
        """;

    private const string InsertEvent = """
        INSERT INTO history_events (device_id, at_us, kind, target, session_id, rule, value, message, origin, details, late, received_us)
        VALUES (@DeviceId, @AtUs, @Kind, @Target, @SessionId, @Rule, @Value, @Message, @Origin, @Details, @Late, @ReceivedUs)
        ON CONFLICT (device_id, at_us, kind, target) DO NOTHING
        """;

    private const string CountPain = """
        UPDATE history_sessions SET max_pain = CASE WHEN max_pain IS NULL OR max_pain < @Pain THEN @Pain ELSE max_pain END
        WHERE device_id = @DeviceId AND session_id = @SessionId
        """;

    private const string CountTrip = "UPDATE history_sessions SET safety_trips = safety_trips + 1 WHERE device_id = @DeviceId AND session_id = @SessionId";

    private const string CountWithdrawal = "UPDATE history_sessions SET withdrawals = withdrawals + 1 WHERE device_id = @DeviceId AND session_id = @SessionId";

    /// <summary>Writes every message of <paramref name="batch"/> (status, telemetry, session, events; others are ignored) in one transaction.</summary>
    public async Task WriteAsync(IReadOnlyList<DeviceMessage> batch, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var statements = HistoryStatements.For(database.Engine, connection, transaction, ct);
        foreach (var message in batch)
        {
            await AddAsync(statements, message);
        }

        await statements.FlushAsync();
        await transaction.CommitAsync(ct);
    }

    private static ValueTask AddAsync(HistoryStatements statements, DeviceMessage message) => message.Payload switch
    {
        StatusMessage status => statements.AddAsync(InsertStatus, new
        {
            message.DeviceId,
            status.BootId,
            AtUs = Micros.Of(status.At),
            State = ProtocolNames.Of(status.State),
            status.Version,
            HardwareMode = ProtocolNames.Of(status.HardwareMode),
            status.Reason,
        }),
        TelemetryBatch batch => statements.AddAsync(InsertTelemetry, new
        {
            message.DeviceId,
            batch.BootId,
            batch.Seq,
            AtUs = Micros.Of(batch.At),
            batch.SamplePeriodS,
            SampleCount = batch.Samples.Count,
            Late = batch.Late ? 1 : 0,
            batch.DroppedSamples,
            Payload = System.Text.Encoding.UTF8.GetString(message.Raw.Span),
            ReceivedUs = Micros.Of(message.ReceivedAt),
        }),
        SessionStateMessage session => AddSessionAsync(statements, message.DeviceId, session),
        DeviceEvent deviceEvent => AddEventAsync(statements, message, deviceEvent),
        _ => ValueTask.CompletedTask,
    };

    private static async ValueTask AddSessionAsync(HistoryStatements statements, string deviceId, SessionStateMessage session)
    {
        var atUs = Micros.Of(session.At);
        await statements.AddAsync(CloseOpenSessions, new { DeviceId = deviceId, AtUs = atUs, SessionId = session.SessionId ?? "" });
        if (session.SessionId is null)
        {
            return;
        }

        var state = ProtocolNames.Of(session.State);
        var terminal = ProtocolNames.IsTerminal(session.State);
        await statements.AddAsync(InsertState, new
        {
            DeviceId = deviceId,
            session.SessionId,
            AtUs = atUs,
            State = state,
            session.StepIndex,
            session.ElapsedS,
        });
        await statements.AddAsync(UpsertSession, new
        {
            DeviceId = deviceId,
            session.SessionId,
            session.PatientId,
            session.ProfileName,
            session.ProfileId,
            ProfileJson = session.Profile is { } profile ? JsonSerializer.Serialize(profile, Protocol.Messages.ProtocolJsonContext.Default.JsonElement) : null,
            PlanLevel = PlanLevel.FromProfileName(session.ProfileName),
            session.StepCount,
            State = state,
            AtUs = atUs,
            session.ElapsedS,
            Outcome = terminal ? state : null,
            EndedUs = terminal ? atUs : (long?)null,
        });
    }

    private static async ValueTask AddEventAsync(HistoryStatements statements, DeviceMessage message, DeviceEvent e)
    {
        var atUs = Micros.Of(e.At);
        if (e.SessionId is not null)
        {
            await statements.AddAsync(EnsureSession, new { message.DeviceId, e.SessionId, AtUs = atUs });
        }

        var args = new
        {
            message.DeviceId,
            AtUs = atUs,
            Kind = ProtocolNames.Of(e.Kind),
            Target = e.Target ?? "",
            e.SessionId,
            e.Rule,
            e.Value,
            e.Message,
            e.Origin,
            Details = e.Details is { } details ? JsonSerializer.Serialize(details, Protocol.Messages.ProtocolJsonContext.Default.JsonElement) : null,
            Late = e.Late ? 1 : 0,
            ReceivedUs = Micros.Of(message.ReceivedAt),
            Pain = (int)Math.Round(e.Value ?? 0),
        };

        // A repeated event (its insert stores nothing) counts nothing.
        var counter = e.SessionId is null ? null : e.Kind switch
        {
            EventKind.PainRating when e.Value is { } v && double.IsFinite(v) => CountPain,
            EventKind.SafetyTrip => CountTrip,
            EventKind.Withdrawal => CountWithdrawal,
            _ => null,
        };
        await (counter is null ? statements.AddAsync(InsertEvent, args) : statements.AddCountedAsync(InsertEvent, counter, args));
    }
}
