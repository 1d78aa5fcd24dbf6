using AmpsDevice.Dashboard.Storage;
using Microsoft.Data.Sqlite;

namespace AmpsDevice.Bench.History;

/// <summary>
/// A fresh, migrated dashboard database on either engine, as the dashboard opens it (<see cref="Database"/>, the
/// numbered <see cref="Migrations"/>): an SQLite file in a temporary folder, or a new database on a PostgreSQL server.
/// </summary>
public sealed class HistoryDatabase : IDisposable
{
    private readonly TempDirectory? _dir;

    private HistoryDatabase(Database database, TempDirectory? dir)
    {
        Database = database;
        _dir = dir;
    }

    public Database Database { get; }

    public string EngineName => Database.Engine == DatabaseEngine.Sqlite ? "SQLite" : "PostgreSQL";

    /// <summary>A fresh database: SQLite when <paramref name="postgres"/> is null, else a new database on that server.</summary>
    public static async Task<HistoryDatabase> CreateAsync(PostgresServer? postgres)
    {
        HistoryDatabase created;
        if (postgres is null)
        {
            var dir = new TempDirectory("amps-bench-history");
            created = new HistoryDatabase(new Database(dir.Path), dir);
        }
        else
        {
            created = new HistoryDatabase(new Database(postgres.CreateDatabase("history"), "unused"), null);
        }

        await Migrations.ApplyAsync(created.Database);
        return created;
    }

    /// <summary>
    /// Bytes the database takes on disk: the SQLite file after a WAL checkpoint (so the file holds everything), or
    /// PostgreSQL's <c>pg_database_size</c> (its tables' and indexes' files, which grow as rows are written; not the WAL).
    /// </summary>
    public async Task<long> SizeBytesAsync()
    {
        await using var connection = await Database.OpenAsync();
        if (Database.Engine == DatabaseEngine.Sqlite)
        {
            await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            return new FileInfo(Path.Combine(_dir!.Path, Database.FileName)).Length;
        }

        return await connection.ScalarAsync("SELECT pg_database_size(current_database())");
    }

    public void Dispose()
    {
        Database.Dispose();
        if (_dir is not null)
        {
            SqliteConnection.ClearAllPools();
            _dir.Dispose();
        }
    }
}
