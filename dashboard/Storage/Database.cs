using AmpsDevice.Dashboard.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Dashboard.Storage;

/// <summary>
/// The dashboard's own database: one SQLite file in the data directory. Every query of the app goes through
/// the small stores built on this (users, audit), so another engine can stand behind them later.
/// </summary>
public sealed class Database
{
    public const string FileName = "dashboard.db";

    public Database(IOptions<DashboardOptions> options)
        : this(options.Value.DataDirectory)
    {
    }

    public Database(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDirectory), FileName);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 10 }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }
}
