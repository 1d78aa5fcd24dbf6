using Microsoft.Data.Sqlite;

namespace AmpsDevice.FirmwareHost.Storage;

/// <summary>The outbox's and the session records' statements are prepared once and reused with new parameter values.</summary>
public static class SqlitePreparedCommands
{
    /// <summary>A prepared statement on <paramref name="db"/> with its parameters declared (values set per use).</summary>
    public static SqliteCommand Prepare(this SqliteConnection db, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(parameters);
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            cmd.Parameters.Add(name, type);
        }

        cmd.Prepare();
        return cmd;
    }
}
