using System.Globalization;
using AmpsDevice.FirmwareHost.Storage;
using Microsoft.Data.Sqlite;

namespace AmpsDevice.FirmwareHost.Sessions.Records;

/// <summary>
/// Writes session records into <c>records.db</c>: one writer (the <see cref="RecordWriter"/>), every change
/// inside a batch that <see cref="Commit"/> makes durable at once. Times in seconds are from the session's
/// start; wall-clock times are stored as Unix milliseconds (UTC).
/// </summary>
public sealed class RecordStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _db;
    private readonly SqliteCommand _insertSample;
    private readonly SqliteCommand _insertEvent;
    private SqliteTransaction? _tx;

    public RecordStore(string dataDirectory)
    {
        Path = RecordDatabase.PathIn(dataDirectory);
        _db = RecordDatabase.Open(Path, create: true);
        _insertSample = _db.Prepare(
            "INSERT OR REPLACE INTO samples(session, t_s, safe, data) VALUES ($s, $t, $safe, $data);",
            ("$s", SqliteType.Integer), ("$t", SqliteType.Real), ("$safe", SqliteType.Integer), ("$data", SqliteType.Blob));
        _insertEvent = _db.Prepare(
            """
            INSERT INTO events(session, t_s, at, kind, state, step_index, target, rule, value, message, result, origin, latency_ms)
            VALUES ($s, $t, $at, $kind, $state, $step, $target, $rule, $value, $message, $result, $origin, $latency);
            """,
            ("$s", SqliteType.Integer), ("$t", SqliteType.Real), ("$at", SqliteType.Integer), ("$kind", SqliteType.Text),
            ("$state", SqliteType.Text), ("$step", SqliteType.Integer), ("$target", SqliteType.Text), ("$rule", SqliteType.Text),
            ("$value", SqliteType.Real), ("$message", SqliteType.Text), ("$result", SqliteType.Text), ("$origin", SqliteType.Text),
            ("$latency", SqliteType.Real));
    }

    public string Path { get; }

    /// <summary>
    /// Marks every session that has no end (the device lost power or the service died while it ran) as
    /// <c>interrupted</c>, ended at its last sample (or event), closes its open steps, and records a
    /// <c>session-interrupted</c> event. Call once at start, before anything is recorded. Returns their ids.
    /// </summary>
    public IReadOnlyList<string> MarkInterrupted()
    {
        lock (_gate)
        {
            var open = new List<(long Id, string SessionId, long StartedAt, string State)>();
            using (var find = _db.CreateCommand())
            {
                find.CommandText = """
                    SELECT s.id, s.session_id, s.started_at,
                           COALESCE((SELECT state FROM events WHERE session = s.id ORDER BY t_s DESC, id DESC LIMIT 1), 'running')
                    FROM sessions s WHERE s.outcome IS NULL ORDER BY s.id;
                    """;
                using var reader = find.ExecuteReader();
                while (reader.Read())
                {
                    open.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
                }
            }

            if (open.Count == 0)
            {
                return [];
            }

            using var tx = _db.BeginTransaction();
            foreach (var (id, _, startedAt, state) in open)
            {
                var lastS = LastTime(id, tx);
                var endedAt = startedAt + (long)Math.Round(lastS * 1000);
                Execute(tx, "UPDATE steps SET ended_s = $t, result = 'interrupted' WHERE session = $s AND ended_s IS NULL;", ("$s", id), ("$t", lastS));
                Execute(tx, """
                    UPDATE sessions SET outcome = 'interrupted', ended_at = $at, duration_s = $t,
                      reason = 'the device lost power or the service ended without closing the session; records end at its last sample'
                    WHERE id = $s;
                    """, ("$s", id), ("$t", lastS), ("$at", endedAt));
                Execute(tx, """
                    INSERT INTO events(session, t_s, at, kind, state, message)
                    VALUES ($s, $t, $at, 'session-interrupted', $state, 'no end recorded: found interrupted at the next start');
                    """, ("$s", id), ("$t", lastS), ("$at", endedAt), ("$state", state));
            }

            tx.Commit();
            return open.Select(o => o.SessionId).ToList();
        }
    }

    /// <summary>Sets (or corrects) the treatment plan and level of a recorded session; a session started from a plan gets them at its start (<c>SessionCommand.Start.PlanId</c>).</summary>
    public void SetPlan(string sessionId, string? planId, int? planLevel)
    {
        lock (_gate)
        {
            var changed = Execute(_tx, "UPDATE sessions SET plan_id = $p, plan_level = $l WHERE session_id = $id;",
                ("$id", sessionId), ("$p", planId), ("$l", planLevel));
            if (changed == 0)
            {
                throw new RecordStoreException($"{sessionId}: no such session in {Path}");
            }
        }
    }

    /// <summary>Opens a batch: everything until <see cref="Commit"/> becomes durable together.</summary>
    public void Begin()
    {
        _gate.Enter();
        _tx = _db.BeginTransaction();
        _insertSample.Transaction = _tx;
        _insertEvent.Transaction = _tx;
    }

    /// <summary>Makes the batch durable (fsync of the WAL, see <see cref="RecordDatabase"/>).</summary>
    public void Commit() => End(commit: true);

    /// <summary>Drops the open batch, if any (a failed <see cref="Commit"/> has already ended it): nothing of it is written.</summary>
    public void Rollback()
    {
        if (_tx is not null)
        {
            End(commit: false);
        }
    }

    private void End(bool commit)
    {
        try
        {
            if (commit)
            {
                _tx!.Commit();
            }
            else
            {
                _tx!.Rollback();
            }
        }
        finally
        {
            _tx!.Dispose();
            _tx = null;
            _gate.Exit();
        }
    }

    /// <summary>Records a new session; returns its row id. A session id seen before gets a suffix (<c>-2</c>, ...).</summary>
    public long AddSession(string sessionId, string patientId, string profileName, string profileJson, string channelsJson,
        double sampleRateHz, string? origin, DateTimeOffset startedAt, double startLoopS, string? planId = null, int? planLevel = null)
    {
        var id = sessionId;
        for (var n = 2; Count("SELECT COUNT(*) FROM sessions WHERE session_id = $p;", id) > 0; n++)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{sessionId}-{n}");
        }

        Execute(_tx, """
            INSERT INTO sessions(session_id, patient_id, profile_name, profile_json, channels_json, sample_rate_hz, origin, started_at, start_loop_s, plan_id, plan_level)
            VALUES ($id, $patient, $name, $profile, $channels, $rate, $origin, $at, $loop, $plan, $level);
            """,
            ("$id", id), ("$patient", patientId), ("$name", profileName), ("$profile", profileJson), ("$channels", channelsJson),
            ("$rate", sampleRateHz), ("$origin", origin), ("$at", startedAt.ToUnixTimeMilliseconds()), ("$loop", startLoopS),
            ("$plan", planId), ("$level", planLevel));
        return Count("SELECT last_insert_rowid();", null);
    }

    public void EndSession(long session, DateTimeOffset endedAt, double durationS, string outcome, string? reason, int maxPain) =>
        Execute(_tx, "UPDATE sessions SET ended_at = $at, duration_s = $d, outcome = $o, reason = $r, max_pain = $m WHERE id = $s;",
            ("$s", session), ("$at", endedAt.ToUnixTimeMilliseconds()), ("$d", durationS), ("$o", outcome), ("$r", reason), ("$m", maxPain));

    public void StartStep(long session, int index, string name, double atS) =>
        Execute(_tx, "INSERT OR REPLACE INTO steps(session, step_index, name, started_s) VALUES ($s, $i, $n, $t);",
            ("$s", session), ("$i", index), ("$n", name), ("$t", atS));

    public void EndStep(long session, int index, double atS, string result) =>
        Execute(_tx, "UPDATE steps SET ended_s = $t, result = $r WHERE session = $s AND step_index = $i;",
            ("$s", session), ("$i", index), ("$t", atS), ("$r", result));

    public void AddEvent(long session, EventRecord e)
    {
        var p = _insertEvent.Parameters;
        p[0].Value = session;
        p[1].Value = e.AtS;
        p[2].Value = e.At.ToUnixTimeMilliseconds();
        p[3].Value = e.Kind;
        p[4].Value = e.State;
        p[5].Value = (object?)e.StepIndex ?? DBNull.Value;
        p[6].Value = (object?)e.Target ?? DBNull.Value;
        p[7].Value = (object?)e.Rule ?? DBNull.Value;
        p[8].Value = (object?)e.Value ?? DBNull.Value;
        p[9].Value = (object?)e.Message ?? DBNull.Value;
        p[10].Value = (object?)e.Result ?? DBNull.Value;
        p[11].Value = (object?)e.Origin ?? DBNull.Value;
        p[12].Value = (object?)e.LatencyMs ?? DBNull.Value;
        _insertEvent.ExecuteNonQuery();
    }

    /// <summary>Records a newly latched alarm; returns its row id (to clear it later).</summary>
    public long AddAlarm(long? session, string rule, string target, string priority, string message, double raisedS, DateTimeOffset raisedAt)
    {
        Execute(_tx, """
            INSERT INTO alarms(session, rule, target, priority, message, raised_s, raised_at)
            VALUES ($s, $rule, $target, $priority, $message, $t, $at);
            """,
            ("$s", session), ("$rule", rule), ("$target", target), ("$priority", priority), ("$message", message),
            ("$t", raisedS), ("$at", raisedAt.ToUnixTimeMilliseconds()));
        return Count("SELECT last_insert_rowid();", null);
    }

    public void ClearAlarm(long alarm, double clearedS, DateTimeOffset clearedAt) =>
        Execute(_tx, "UPDATE alarms SET cleared_s = $t, cleared_at = $at WHERE id = $id;",
            ("$id", alarm), ("$t", clearedS), ("$at", clearedAt.ToUnixTimeMilliseconds()));

    /// <summary>Adds one sample (<paramref name="data"/> packed by <see cref="SampleChannels.Pack"/>).</summary>
    public void AddSample(long session, double atS, bool safe, byte[] data)
    {
        var p = _insertSample.Parameters;
        p[0].Value = session;
        p[1].Value = atS;
        p[2].Value = safe ? 1 : 0;
        p[3].Value = data;
        _insertSample.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _insertSample.Dispose();
            _insertEvent.Dispose();
            _db.Dispose();
        }
    }

    private double LastTime(long session, SqliteTransaction tx)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            SELECT MAX(COALESCE((SELECT MAX(t_s) FROM samples WHERE session = $s), 0),
                       COALESCE((SELECT MAX(t_s) FROM events WHERE session = $s), 0));
            """;
        cmd.Parameters.AddWithValue("$s", session);
        return Convert.ToDouble(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private long Count(string sql, string? parameter)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = sql;
        if (parameter is not null)
        {
            cmd.Parameters.AddWithValue("$p", parameter);
        }

        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private int Execute(SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd.ExecuteNonQuery();
    }
}
