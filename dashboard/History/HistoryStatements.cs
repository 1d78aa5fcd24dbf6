using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using AmpsDevice.Dashboard.Storage;
using Npgsql;

namespace AmpsDevice.Dashboard.History;

/// <summary>
/// Where <see cref="HistoryWriter"/> sends the statements of one transaction, in the order the messages came: each
/// engine runs them the way that is fastest for it, with the same effect.
/// </summary>
internal abstract class HistoryStatements
{
    /// <summary>The statements of one transaction on <paramref name="connection"/>, run the way its engine runs them fastest.</summary>
    public static HistoryStatements For(DatabaseEngine engine, DbConnection connection, DbTransaction transaction, CancellationToken ct) => engine == DatabaseEngine.Postgres
        ? new PostgresHistoryStatements((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, ct)
        : new SqliteHistoryStatements(connection, transaction);

    /// <summary>Runs <paramref name="sql"/> with the parameters named by <paramref name="args"/>' properties.</summary>
    public abstract ValueTask AddAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TArgs>(string sql, TArgs args)
        where TArgs : notnull;

    /// <summary>Runs <paramref name="insert"/>, then <paramref name="counter"/> (an UPDATE ending in a WHERE clause) only if the insert stored a row, both with <paramref name="args"/>.</summary>
    public abstract ValueTask AddCountedAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TArgs>(string insert, string counter, TArgs args)
        where TArgs : notnull;

    /// <summary>Runs whatever is still held; every statement has run once this returns.</summary>
    public abstract Task FlushAsync();
}

/// <summary>
/// SQLite, in the dashboard's process: a statement costs no round trip, so each runs as it is added, and the
/// insert's row count decides the counter.
/// </summary>
internal sealed class SqliteHistoryStatements(DbConnection connection, DbTransaction transaction) : HistoryStatements
{
    public override async ValueTask AddAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TArgs>(string sql, TArgs args) =>
        await connection.ExecuteAsync(sql, args, transaction);

    public override async ValueTask AddCountedAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TArgs>(string insert, string counter, TArgs args)
    {
        if (await connection.ExecuteAsync(insert, args, transaction) > 0)
        {
            await connection.ExecuteAsync(counter, args, transaction);
        }
    }

    public override Task FlushAsync() => Task.CompletedTask;
}
