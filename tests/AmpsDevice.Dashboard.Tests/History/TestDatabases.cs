using AmpsDevice.Dashboard.Storage;
using Microsoft.Data.Sqlite;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>A fresh, migrated database on either engine: an SQLite file in a temporary folder, or a new database on the test server.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempDirectory? _dir;

    private TestDatabase(Database database, TempDirectory? dir)
    {
        Database = database;
        _dir = dir;
    }

    public static IEnumerable<object[]> Engines => [[DatabaseEngine.Sqlite], [DatabaseEngine.Postgres]];

    public Database Database { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseEngine engine, PostgresServer postgres, bool migrate = true)
    {
        TestDatabase created;
        if (engine == DatabaseEngine.Sqlite)
        {
            var dir = new TempDirectory("history-db");
            created = new TestDatabase(new Database(dir.Path), dir);
        }
        else
        {
            created = new TestDatabase(new Database(postgres.CreateDatabase("history"), "unused"), null);
        }

        if (migrate)
        {
            await Migrations.ApplyAsync(created.Database);
        }

        return created;
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
