using System.Data.Common;
using AmpsDevice.Dashboard.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AmpsDevice.Dashboard.Storage;

/// <summary>
/// The dashboard's own database. Without a connection string (<c>Dashboard:Database</c>) it is one SQLite file,
/// <c>dashboard.db</c>, in the data directory; <c>Data Source=FILE</c> names another SQLite file and
/// <c>Host=...;Database=...</c> a PostgreSQL server (Npgsql's keywords). Every query of the app goes through the
/// small stores built on this (users, audit, history), which write SQL both engines accept or ask
/// <see cref="Engine"/> where they differ.
/// </summary>
public sealed class Database : IDisposable
{
    public const string FileName = "dashboard.db";

    private readonly NpgsqlDataSource? _postgres;

    public Database(IOptions<DashboardOptions> options)
        : this(options.Value.Database, options.Value.DataDirectory)
    {
    }

    public Database(string dataDirectory)
        : this(null, dataDirectory)
    {
    }

    public Database(string? connectionString, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(dataDirectory);
            var path = Path.Combine(Path.GetFullPath(dataDirectory), FileName);
            Engine = DatabaseEngine.Sqlite;
            ConnectionString = SqliteConnectionString(path);
            Description = "SQLite " + path;
            return;
        }

        Engine = EngineOf(connectionString);
        if (Engine == DatabaseEngine.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
            ConnectionString = SqliteConnectionString(Path.GetFullPath(path));
            Description = "SQLite " + Path.GetFullPath(path);
        }
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            ConnectionString = builder.ConnectionString;
            Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
            _postgres = NpgsqlDataSource.Create(builder);
        }
    }

    public DatabaseEngine Engine { get; }

    public string ConnectionString { get; }

    /// <summary>Engine and where, without credentials (for the log).</summary>
    public string Description { get; }

    /// <summary>
    /// The engine a connection string names: SQLite for <c>Data Source</c> (or <c>Filename</c>), PostgreSQL for
    /// <c>Host</c> (or <c>Server</c>); anything else is refused with a message naming the problem.
    /// </summary>
    public static DatabaseEngine EngineOf(string connectionString)
    {
        DbConnectionStringBuilder parsed;
        try
        {
            parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Dashboard:Database is not a connection string ({ex.Message})", nameof(connectionString));
        }

        var sqlite = parsed.ContainsKey("Data Source") || parsed.ContainsKey("DataSource") || parsed.ContainsKey("Filename");
        var postgres = parsed.ContainsKey("Host") || parsed.ContainsKey("Server");
        return (sqlite, postgres) switch
        {
            (true, false) => DatabaseEngine.Sqlite,
            (false, true) => DatabaseEngine.Postgres,
            _ => throw new ArgumentException(
                "Dashboard:Database names neither an SQLite file (Data Source=FILE) nor a PostgreSQL server (Host=HOST;Database=NAME;Username=USER)",
                nameof(connectionString)),
        };
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(ct);
        }

        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public void Dispose() => _postgres?.Dispose();

    private static string SqliteConnectionString(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 10 }.ToString();
    }
}
