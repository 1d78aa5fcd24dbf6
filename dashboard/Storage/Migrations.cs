using Dapper;

namespace AmpsDevice.Dashboard.Storage;

/// <summary>
/// The schema, as numbered steps applied in order at start, each once (recorded in <c>schema_migrations</c>).
/// A step is never edited after it shipped: change the schema by adding the next one.
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Steps { get; } =
    [
        (1, "users", """
            CREATE TABLE users (
                name TEXT PRIMARY KEY NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('therapist', 'observer')),
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            """),
        (2, "audit", """
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
            """),
    ];

    public static async Task<int> ApplyAsync(Database database, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations")).ToHashSet();
        var count = 0;
        foreach (var (version, name, sql) in Steps.OrderBy(s => s.Version))
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await using var transaction = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = DateTimeOffset.UtcNow.ToString("O") },
                transaction);
            await transaction.CommitAsync(ct);
            count++;
        }

        return count;
    }
}
