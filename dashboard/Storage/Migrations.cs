
namespace AmpsDevice.Dashboard.Storage;

/// <summary>One numbered schema step; <paramref name="Postgres"/> only where PostgreSQL needs other words than SQLite.</summary>
public sealed record MigrationStep(int Version, string Name, string Sqlite, string? Postgres = null)
{
    public string SqlFor(DatabaseEngine engine) => engine == DatabaseEngine.Postgres ? Postgres ?? Sqlite : Sqlite;
}

/// <summary>
/// The schema, as numbered steps applied in order at start, each once (recorded in <c>schema_migrations</c>), on
/// either engine. A step is never edited after it shipped: change the schema by adding the next one. On
/// PostgreSQL an advisory lock makes dashboards that start together apply each step once.
/// </summary>
public static class Migrations
{
    /// <summary>Key of the PostgreSQL advisory lock held while migrating ("amps" in ASCII).</summary>
    private const long PostgresLockKey = 0x616d7073;

    public static IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new(1, "users", """
            CREATE TABLE users (
                name TEXT PRIMARY KEY NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('therapist', 'observer')),
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            """),
        new(2, "audit", """
            CREATE TABLE audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                user_name TEXT NOT NULL,
                device_id TEXT NOT NULL,
                command TEXT NOT NULL,
                payload_summary TEXT NOT NULL,
                ok INTEGER NOT NULL,
                reply TEXT NOT NULL
            );
            CREATE INDEX audit_device_at ON audit (device_id, at);
            """,
            Postgres: """
            CREATE TABLE audit (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at TEXT NOT NULL,
                user_name TEXT NOT NULL,
                device_id TEXT NOT NULL,
                command TEXT NOT NULL,
                payload_summary TEXT NOT NULL,
                ok INTEGER NOT NULL,
                reply TEXT NOT NULL
            );
            CREATE INDEX audit_device_at ON audit (device_id, at);
            """),
        // The clinic history (dashboard/History). Times are microseconds since 1970 UTC (device wall clock for
        // what the device stamped); every table keyed so that a message delivered twice is stored once.
        new(3, "history", """
            CREATE TABLE history_sessions (
                device_id TEXT NOT NULL,
                session_id TEXT NOT NULL,
                patient_id TEXT,
                profile_name TEXT,
                profile_id TEXT,
                profile_json TEXT,
                plan_level INTEGER,
                step_count INTEGER,
                state TEXT NOT NULL,
                state_us BIGINT NOT NULL,
                elapsed_s DOUBLE PRECISION,
                outcome TEXT,
                started_us BIGINT NOT NULL,
                ended_us BIGINT,
                max_pain INTEGER,
                safety_trips INTEGER NOT NULL DEFAULT 0,
                withdrawals INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (device_id, session_id)
            );
            CREATE INDEX history_sessions_patient ON history_sessions (patient_id, started_us);
            CREATE INDEX history_sessions_device ON history_sessions (device_id, started_us);
            CREATE INDEX history_sessions_started ON history_sessions (started_us);
            CREATE TABLE history_states (
                device_id TEXT NOT NULL,
                session_id TEXT NOT NULL,
                at_us BIGINT NOT NULL,
                state TEXT NOT NULL,
                step_index INTEGER,
                elapsed_s DOUBLE PRECISION,
                PRIMARY KEY (device_id, session_id, at_us, state)
            );
            CREATE TABLE history_events (
                device_id TEXT NOT NULL,
                at_us BIGINT NOT NULL,
                kind TEXT NOT NULL,
                target TEXT NOT NULL,
                session_id TEXT,
                rule TEXT,
                value DOUBLE PRECISION,
                message TEXT,
                origin TEXT,
                details TEXT,
                late INTEGER NOT NULL,
                received_us BIGINT NOT NULL,
                PRIMARY KEY (device_id, at_us, kind, target)
            );
            CREATE INDEX history_events_session ON history_events (device_id, session_id);
            CREATE TABLE history_telemetry (
                device_id TEXT NOT NULL,
                boot_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                at_us BIGINT NOT NULL,
                sample_period_s DOUBLE PRECISION NOT NULL,
                sample_count INTEGER NOT NULL,
                late INTEGER NOT NULL,
                dropped_samples BIGINT NOT NULL,
                payload TEXT NOT NULL,
                received_us BIGINT NOT NULL,
                PRIMARY KEY (device_id, boot_id, seq)
            );
            CREATE INDEX history_telemetry_at ON history_telemetry (device_id, at_us);
            CREATE TABLE history_status (
                device_id TEXT NOT NULL,
                boot_id TEXT NOT NULL,
                at_us BIGINT NOT NULL,
                state TEXT NOT NULL,
                version TEXT NOT NULL,
                hardware_mode TEXT NOT NULL,
                reason TEXT,
                PRIMARY KEY (device_id, boot_id, at_us, state)
            );
            """),
    ];

    public static async Task<int> ApplyAsync(Database database, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", ct: ct);
        }
        else
        {
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresLockKey }, ct: ct);
        }

        try
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", ct: ct);
            var applied = (await connection.QueryAsync("SELECT version FROM schema_migrations", r => r.Long(0), ct)).ToHashSet();
            var count = 0;
            foreach (var step in Steps.OrderBy(s => s.Version))
            {
                if (applied.Contains(step.Version))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(step.SqlFor(database.Engine), transaction, ct);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                    new { version = step.Version, name = step.Name, at = DateTimeOffset.UtcNow.ToString("O") },
                    transaction,
                    ct);
                await transaction.CommitAsync(ct);
                count++;
            }

            return count;
        }
        finally
        {
            if (database.Engine == DatabaseEngine.Postgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresLockKey }, null, CancellationToken.None);
            }
        }
    }
}
