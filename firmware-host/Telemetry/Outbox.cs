using AmpsDevice.FirmwareHost.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>What an outbox row carries; telemetry is dropped before events when the bound is reached.</summary>
public enum OutboxKind
{
    Telemetry = 0,
    Event = 1,
}

/// <summary>One stored message.</summary>
public sealed record OutboxMessage(long Id, OutboxKind Kind, string Topic, byte[] Payload, int LateOffset, DateTimeOffset EnqueuedAt);

/// <summary>
/// Store and forward: telemetry and events wait here (SQLite in WAL mode, <c>outbox.db</c> in the data
/// directory) until the broker has acknowledged them (QoS 1 PUBACK); only then are they removed. Ids only
/// grow, so reading in id order keeps the order of every topic, across restarts. Bounded by payload bytes
/// and by age: past the bound the oldest telemetry goes first, events only when no telemetry is left,
/// and <see cref="Health"/> says so.
/// </summary>
public sealed partial class Outbox : IOutboxHealth, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _db;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _peek;
    private readonly SqliteCommand _rangeStats;
    private readonly SqliteCommand _rangeDelete;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<Outbox> _logger;
    private long _count;
    private long _bytes;
    private long _droppedTelemetry;
    private long _droppedEvents;
    private bool _overBound;
    private string? _message;
    private DateTimeOffset _nextAgeCheck;
    private bool _synchronousFull;
    private readonly Lock _checkpointGate = new();
    private readonly ITimer _checkpointTimer;
    private SqliteConnection? _checkpointDb;
    private int _commitsSinceCheckpoint;
    private int _checkpointQueued;
    private bool _disposed;

    /// <summary>
    /// SQLite checkpoints after about 1000 WAL pages by default, inside the commit that crosses it, with two fsyncs:
    /// on this hardware that put 10-30 ms into one enqueue in a few hundred. A telemetry row with its page, the
    /// index and the sequence is about five pages, so 200 commits keep the WAL near that size.
    /// </summary>
    private const int CommitsPerCheckpoint = 200;

    /// <summary>
    /// Longest time committed telemetry waits for an fsync: what a power cut can lose at most (events are fsynced
    /// on commit; session records live in records.db). A checkpoint's fsync can hold up the writer's next commit,
    /// so at the normal rate of five messages a second every checkpoint delays a message or two, and fewer checkpoints
    /// mean a lower telemetry p99 latency (docs/performance.md).
    /// </summary>
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(60);

    public Outbox(DataDirectory data, IOptions<MqttOptions> options, TimeProvider time, ILogger<Outbox> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(data.Path);
        Path = System.IO.Path.Combine(data.Path, "outbox.db");
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");   // a committed event survives power loss
        _synchronousFull = true;
        Execute("PRAGMA busy_timeout=5000;");
        Execute("PRAGMA wal_autocheckpoint=0;");   // checkpoints run off the writer's path (Checkpoint)
        Execute("""
            CREATE TABLE IF NOT EXISTS outbox(
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              kind INTEGER NOT NULL,
              topic TEXT NOT NULL,
              payload BLOB NOT NULL,
              late_offset INTEGER NOT NULL,
              enqueued_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS outbox_kind_id ON outbox(kind, id);
            """);
        using (var stats = _db.CreateCommand())
        {
            stats.CommandText = "SELECT COUNT(*), COALESCE(SUM(length(payload)), 0) FROM outbox;";
            using var reader = stats.ExecuteReader();
            reader.Read();
            _count = reader.GetInt64(0);
            _bytes = reader.GetInt64(1);
        }

        _insert = _db.CreateCommand();
        _insert.CommandText = "INSERT INTO outbox(kind, topic, payload, late_offset, enqueued_at) VALUES ($kind, $topic, $payload, $late, $at);";
        _insert.Parameters.Add("$kind", SqliteType.Integer);
        _insert.Parameters.Add("$topic", SqliteType.Text);
        _insert.Parameters.Add("$payload", SqliteType.Blob);
        _insert.Parameters.Add("$late", SqliteType.Integer);
        _insert.Parameters.Add("$at", SqliteType.Integer);
        _insert.Prepare();
        _peek = _db.Prepare("SELECT id, kind, topic, payload, late_offset, enqueued_at FROM outbox WHERE id > $after ORDER BY id LIMIT $max;",
            ("$after", SqliteType.Integer), ("$max", SqliteType.Integer));
        _rangeStats = _db.Prepare("SELECT COUNT(*), COALESCE(SUM(length(payload)), 0) FROM outbox WHERE id <= $id;", ("$id", SqliteType.Integer));
        _rangeDelete = _db.Prepare("DELETE FROM outbox WHERE id <= $id;", ("$id", SqliteType.Integer));
        // Wall-clock time, whatever the composition's clock: the interval bounds what a power cut loses, and a power cut
        // comes in real time even where the sessions run in virtual time (which has no timers).
        _checkpointTimer = TimeProvider.System.CreateTimer(static state => ((Outbox)state!).QueueCheckpoint(), this, CheckpointInterval, CheckpointInterval);
        if (_count > 0 && _logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Outbox {Path} holds {Count} messages ({Bytes} bytes) from before this start", Path, _count, _bytes);
        }
    }

    public string Path { get; }

    public event Action<OutboxHealth>? HealthChanged;

    /// <summary>Raised after every enqueue (the sender wakes on it).</summary>
    public event Action? Enqueued;

    /// <summary>
    /// Raised after each checkpoint with the <see cref="TimeProvider.System"/> timestamps of its start and end, for the
    /// benchmarks: whether a checkpoint on its connection overlapped a commit (docs/performance.md).
    /// </summary>
    public event Action<long, long>? Checkpointed;

    public long Count => Interlocked.Read(ref _count);

    public long Bytes => Interlocked.Read(ref _bytes);

    public OutboxHealth Health
    {
        get
        {
            lock (_gate)
            {
                return Snapshot();
            }
        }
    }

    /// <summary>Stores one message durably. Enforces the bounds; never throws for a full outbox.</summary>
    public void Enqueue(OutboxKind kind, string topic, ReadOnlySpan<byte> payload, int lateOffset)
    {
        OutboxHealth? changed;
        lock (_gate)
        {
            UseSynchronousFull(kind == OutboxKind.Event);
            _insert.Parameters[0].Value = (int)kind;
            _insert.Parameters[1].Value = topic;
            _insert.Parameters[2].Value = payload.ToArray();
            _insert.Parameters[3].Value = lateOffset;
            _insert.Parameters[4].Value = _time.GetUtcNow().ToUnixTimeMilliseconds();
            _insert.ExecuteNonQuery();
            CountCommit();
            _count++;
            _bytes += payload.Length;
            changed = EnforceBounds();
        }

        if (changed is not null)
        {
            HealthChanged?.Invoke(changed);
        }

        Enqueued?.Invoke();
    }

    /// <summary>
    /// The oldest messages with an id above <paramref name="afterId"/> (0: from the start), in id order, without
    /// removing them. A sender that reads on from the last id it read sees every row exactly once: ids only grow
    /// (AUTOINCREMENT never reuses one, even after the table ran empty) and rows are written under the same lock.
    /// </summary>
    public IReadOnlyList<OutboxMessage> PeekAfter(long afterId, int max)
    {
        lock (_gate)
        {
            _peek.Parameters[0].Value = afterId;
            _peek.Parameters[1].Value = max;
            using var reader = _peek.ExecuteReader();
            var result = new List<OutboxMessage>(Math.Min(max, 256));
            while (reader.Read())
            {
                result.Add(new OutboxMessage(
                    reader.GetInt64(0),
                    (OutboxKind)reader.GetInt32(1),
                    reader.GetString(2),
                    (byte[])reader[3],
                    reader.GetInt32(4),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
            }

            return result;
        }
    }

    /// <summary>
    /// Removes every message with an id up to <paramref name="lastId"/>: the sender calls it with the end of the
    /// run of messages, read in id order from the oldest, that the broker acknowledged one after another. One
    /// range delete in one transaction instead of a count and a delete per message. Rows the bound already dropped
    /// are simply not there; the counts come from the rows actually deleted.
    /// </summary>
    public void RemoveThrough(long lastId)
    {
        OutboxHealth? changed = null;
        lock (_gate)
        {
            UseSynchronousFull(false);
            using var tx = _db.BeginTransaction();
            _rangeStats.Transaction = tx;
            _rangeDelete.Transaction = tx;
            _rangeStats.Parameters[0].Value = lastId;
            _rangeDelete.Parameters[0].Value = lastId;
            using (var reader = _rangeStats.ExecuteReader())
            {
                reader.Read();
                _count -= reader.GetInt64(0);
                _bytes -= reader.GetInt64(1);
            }

            _rangeDelete.ExecuteNonQuery();
            tx.Commit();
            CountCommit();
            if (_overBound && _bytes < _options.OutboxMaxBytes / 2)
            {
                _overBound = false;
                _message = null;
                changed = Snapshot();
            }
        }

        if (changed is not null)
        {
            HealthChanged?.Invoke(changed);
        }
    }

    private OutboxHealth? EnforceBounds()
    {
        long droppedTelemetry = 0, droppedEvents = 0;
        var now = _time.GetUtcNow();
        if (now >= _nextAgeCheck)
        {
            _nextAgeCheck = now.AddSeconds(10);
            var cutoff = (now - _options.OutboxMaxAge).ToUnixTimeMilliseconds();
            droppedTelemetry += DeleteWhere("kind = 0 AND enqueued_at < $p", cutoff);
        }

        if (_bytes > _options.OutboxMaxBytes)
        {
            // Down to 90 % so that the next messages do not each trigger a delete.
            var target = _options.OutboxMaxBytes * 9 / 10;
            droppedTelemetry += DropOldest(OutboxKind.Telemetry, target);
            if (_bytes > _options.OutboxMaxBytes)
            {
                droppedEvents += DropOldest(OutboxKind.Event, target);
            }
        }

        if (droppedTelemetry == 0 && droppedEvents == 0)
        {
            return null;
        }

        _droppedTelemetry += droppedTelemetry;
        _droppedEvents += droppedEvents;
        _overBound = true;
        _message = $"Outbox full: dropped {droppedTelemetry} oldest telemetry and {droppedEvents} event messages " +
                   $"({_droppedTelemetry + _droppedEvents} since start) to stay within {_options.OutboxMaxBytes} bytes / " +
                   $"{_options.OutboxMaxAge.TotalDays:0.#} days. Check the network and the broker.";
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            _logger.LogWarning("{Message}", _message);
        }
        return Snapshot();
    }

    private long DropOldest(OutboxKind kind, long targetBytes)
    {
        // Walk the oldest rows of this kind until enough bytes would be freed, then delete up to that id.
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT id, length(payload) FROM outbox WHERE kind = $kind ORDER BY id;";
        cmd.Parameters.AddWithValue("$kind", (int)kind);
        var excess = _bytes - targetBytes;
        long lastId = -1, freed = 0;
        using (var reader = cmd.ExecuteReader())
        {
            while (freed < excess && reader.Read())
            {
                lastId = reader.GetInt64(0);
                freed += reader.GetInt64(1);
            }
        }

        return lastId < 0 ? 0 : DeleteWhere($"kind = {(int)kind} AND id <= $p", lastId);
    }

    private long DeleteWhere(string condition, long parameter)
    {
        using var stats = _db.CreateCommand();
        stats.CommandText = $"SELECT COUNT(*), COALESCE(SUM(length(payload)), 0) FROM outbox WHERE {condition};";
        stats.Parameters.AddWithValue("$p", parameter);
        long count, bytes;
        using (var reader = stats.ExecuteReader())
        {
            reader.Read();
            count = reader.GetInt64(0);
            bytes = reader.GetInt64(1);
        }

        if (count == 0)
        {
            return 0;
        }

        using var delete = _db.CreateCommand();
        delete.CommandText = $"DELETE FROM outbox WHERE {condition};";
        delete.Parameters.AddWithValue("$p", parameter);
        delete.ExecuteNonQuery();
        _count -= count;
        _bytes -= bytes;
        return count;
    }

    private OutboxHealth Snapshot() => new(_overBound, _message, _droppedTelemetry, _droppedEvents, _count, _bytes);

    /// <summary>
    /// Events are committed with an fsync of the WAL (synchronous=FULL): one survives power loss. Telemetry inserts
    /// and deletions of acknowledged rows are not (NORMAL): they survive a crash of the service, and reach the disk
    /// with the next event's fsync (the WAL is written in order) or the next checkpoint (<see cref="Checkpoint"/>, at
    /// least every <see cref="CheckpointInterval"/>). An fsync per telemetry message and
    /// per acknowledgement would make every message wait for the disk and hold the pipeline far below raw MQTT
    /// (docs/performance.md); a power cut now loses at most the telemetry of the last <see cref="CheckpointInterval"/>,
    /// which the dashboard sees as a seq gap, and may send an acknowledged message again (same boot id and seq).
    /// </summary>
    private void UseSynchronousFull(bool full)
    {
        if (full != _synchronousFull)
        {
            Execute(full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
            _synchronousFull = full;
        }
    }
    private void CountCommit()
    {
        if (++_commitsSinceCheckpoint >= CommitsPerCheckpoint)
        {
            _commitsSinceCheckpoint = 0;
            QueueCheckpoint();
        }
    }

    private void QueueCheckpoint()
    {
        if (Interlocked.Exchange(ref _checkpointQueued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static outbox => outbox.Checkpoint(), this, preferLocal: false);
        }
    }

    /// <summary>
    /// Copies the WAL into the database on a connection of its own, on a pool thread: PASSIVE never waits for and
    /// never blocks the writer. It fsyncs the WAL first, which is what makes committed telemetry survive a power cut
    /// (<see cref="UseSynchronousFull"/>), at most <see cref="CheckpointInterval"/> after it was written.
    /// </summary>
    private void Checkpoint()
    {
        Volatile.Write(ref _checkpointQueued, 0);
        lock (_checkpointGate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                if (_checkpointDb is null)
                {
                    _checkpointDb = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
                    _checkpointDb.Open();
                }

                using var cmd = _checkpointDb.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                var started = TimeProvider.System.GetTimestamp();
                cmd.ExecuteNonQuery();
                Checkpointed?.Invoke(started, TimeProvider.System.GetTimestamp());
            }
            catch (SqliteException ex)
            {
                LogCheckpointFailed(_logger, Path, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Outbox {Path}: checkpoint failed, retried later: {Error}")]
    private static partial void LogCheckpointFailed(ILogger logger, string path, string error);

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _checkpointTimer.Dispose();
        lock (_checkpointGate)
        {
            _disposed = true;
            _checkpointDb?.Dispose();
        }

        lock (_gate)
        {
            _insert.Dispose();
            _peek.Dispose();
            _rangeStats.Dispose();
            _rangeDelete.Dispose();
            _db.Dispose();
        }
    }
}
