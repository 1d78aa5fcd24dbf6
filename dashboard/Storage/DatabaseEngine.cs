namespace AmpsDevice.Dashboard.Storage;

/// <summary>The engine behind the dashboard's database, chosen by its connection string (<c>Dashboard:Database</c>).</summary>
public enum DatabaseEngine
{
    /// <summary>The embedded default: one file in the data directory, WAL.</summary>
    Sqlite,

    /// <summary>A clinic network's server, through Npgsql.</summary>
    Postgres,
}
