using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AmpsDevice.FirmwareHost.Sessions.Records;

/// <summary>
/// Reads session records for the <c>sessions</c> and <c>export</c> verbs. Safe beside a running service:
/// WAL lets readers and the one writer work at once, and a reader sees only committed batches.
/// </summary>
public sealed class RecordReader : IDisposable
{
    private const string SessionColumns = """
        session_id, patient_id, profile_name, plan_id, plan_level, started_at, ended_at, duration_s,
        COALESCE(outcome, 'unfinished'), reason, max_pain, sample_rate_hz, origin
        """;

    private readonly SqliteConnection _db;

    /// <exception cref="RecordStoreException">No records file in <paramref name="dataDirectory"/>, or one that cannot be read.</exception>
    public RecordReader(string dataDirectory)
    {
        Path = RecordDatabase.PathIn(dataDirectory);
        _db = RecordDatabase.Open(Path, create: false);
    }

    public string Path { get; }

    /// <summary>Every session, oldest first; only <paramref name="patientId"/>'s when given.</summary>
    public IReadOnlyList<SessionRecord> Sessions(string? patientId = null)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = $"SELECT {SessionColumns} FROM sessions {(patientId is null ? "" : "WHERE patient_id = $p")} ORDER BY started_at, id;";
        if (patientId is not null)
        {
            cmd.Parameters.AddWithValue("$p", patientId);
        }

        using var reader = cmd.ExecuteReader();
        var result = new List<SessionRecord>();
        while (reader.Read())
        {
            result.Add(ReadSession(reader));
        }

        return result;
    }

    /// <summary>Everything recorded about one session.</summary>
    /// <exception cref="RecordStoreException">No session with that id.</exception>
    public SessionExport Load(string sessionId)
    {
        long row;
        SessionRecord session;
        string profileJson, channelsJson;
        using (var cmd = _db.CreateCommand())
        {
            cmd.CommandText = $"SELECT {SessionColumns}, id, profile_json, channels_json FROM sessions WHERE session_id = $id;";
            cmd.Parameters.AddWithValue("$id", sessionId);
            using var reader = cmd.ExecuteReader();
            if (!reader.Read())
            {
                throw new RecordStoreException($"{sessionId}: no such session in {Path} (list them with: ampsdevice sessions)");
            }

            session = ReadSession(reader);
            row = reader.GetInt64(13);
            profileJson = reader.GetString(14);
            channelsJson = reader.GetString(15);
        }

        var channels = JsonSerializer.Deserialize(channelsJson, RecordJsonContext.Default.SampleChannels)!;
        using var profile = JsonDocument.Parse(profileJson);
        var events = Events(row);
        return new SessionExport(
            RecordExportSchema.Id,
            session,
            profile.RootElement.Clone(),
            Steps(row),
            events,
            Alarms(row),
            events.Where(e => e.Kind == "pain-rating" && e.Value is not null).Select(e => new PainRecord(e.AtS, (int)e.Value!.Value)).ToList(),
            Samples(row, channels));
    }

    public void Dispose() => _db.Dispose();

    private List<StepRecord> Steps(long session)
    {
        using var cmd = Query("SELECT step_index, name, started_s, ended_s, result FROM steps WHERE session = $s ORDER BY step_index;", session);
        using var r = cmd.ExecuteReader();
        var result = new List<StepRecord>();
        while (r.Read())
        {
            result.Add(new StepRecord(r.GetInt32(0), r.GetString(1), r.GetDouble(2), NullableDouble(r, 3), NullableString(r, 4)));
        }

        return result;
    }

    private List<EventRecord> Events(long session)
    {
        using var cmd = Query("""
            SELECT t_s, at, kind, state, step_index, target, rule, value, message, result, origin, latency_ms
            FROM events WHERE session = $s ORDER BY t_s, id;
            """, session);
        using var r = cmd.ExecuteReader();
        var result = new List<EventRecord>();
        while (r.Read())
        {
            result.Add(new EventRecord(r.GetDouble(0), FromUnixMs(r.GetInt64(1)), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetInt32(4), NullableString(r, 5), NullableString(r, 6), NullableDouble(r, 7),
                NullableString(r, 8), NullableString(r, 9), NullableString(r, 10), NullableDouble(r, 11)));
        }

        return result;
    }

    private List<AlarmRecord> Alarms(long session)
    {
        using var cmd = Query("""
            SELECT rule, target, priority, message, raised_s, raised_at, cleared_s, cleared_at
            FROM alarms WHERE session = $s ORDER BY raised_s, id;
            """, session);
        using var r = cmd.ExecuteReader();
        var result = new List<AlarmRecord>();
        while (r.Read())
        {
            result.Add(new AlarmRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4),
                FromUnixMs(r.GetInt64(5)), NullableDouble(r, 6), r.IsDBNull(7) ? null : FromUnixMs(r.GetInt64(7))));
        }

        return result;
    }

    private SampleTable Samples(long session, SampleChannels channels)
    {
        using var cmd = Query("SELECT t_s, safe, data FROM samples WHERE session = $s ORDER BY t_s;", session);
        using var r = cmd.ExecuteReader();
        var rows = new List<double[]>();
        var width = channels.Width;
        var values = new double[width];
        while (r.Read())
        {
            var row = new double[width + 2];
            row[0] = r.GetDouble(0);
            SampleChannels.Unpack((byte[])r[2], values);
            values.CopyTo(row, 1);
            row[width + 1] = r.GetInt64(1);
            rows.Add(row);
        }

        return new SampleTable(channels, ["t", .. channels.ColumnNames(), "safe"], rows);
    }

    private SqliteCommand Query(string sql, long session)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$s", session);
        return cmd;
    }

    private static SessionRecord ReadSession(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), NullableString(r, 3), r.IsDBNull(4) ? null : r.GetInt32(4),
        FromUnixMs(r.GetInt64(5)), r.IsDBNull(6) ? null : FromUnixMs(r.GetInt64(6)), NullableDouble(r, 7), r.GetString(8),
        NullableString(r, 9), r.IsDBNull(10) ? null : r.GetInt32(10), r.GetDouble(11), NullableString(r, 12));

    private static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? NullableDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
