using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using AmpsDevice.Dashboard.Storage;
using Npgsql;

namespace AmpsDevice.Dashboard.History;

/// <summary>
/// PostgreSQL, a server away: one statement per round trip (as on SQLite) stored 566-3,317 messages a
/// second on the measuring machine (the <c>history-ingest</c> figure, docs/scaling.md), every statement waiting for
/// its answer before the next went out, and on a loaded machine for a core at each end. So the statements are held
/// and sent as <see cref="NpgsqlBatch"/>es of up to <see cref="MaxCommandsPerRoundTrip"/>, in the order they came,
/// inside the caller's transaction. Batching was tried first of the three usual remedies because it keeps every
/// statement exactly as SQLite runs it: the session upsert and the counters depend on the order of the messages,
/// which a multi-row <c>INSERT ... VALUES</c> per table or a binary COPY into a temporary table would have to
/// rebuild with SQL of their own per table. It lifted the figure past the goal several times over, so those were
/// not built. An event's counter cannot wait for its insert's row count in a pipeline, so it runs in the same
/// statement: a data-modifying <c>WITH</c> that updates only when the insert returned its row.
/// </summary>
internal sealed class PostgresHistoryStatements(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct) : HistoryStatements
{
    /// <summary>Statements per round trip: bounds what the client holds and what the server answers before it is read.</summary>
    public const int MaxCommandsPerRoundTrip = 500;

    private static readonly ConcurrentDictionary<(string Insert, string Counter), string> Counted = new();

    private NpgsqlBatch _batch = NewBatch(connection, transaction);

    public override ValueTask AddAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TArgs>(string sql, TArgs args)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, type, value) in Sql.Parameters(sql, args))
        {
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        _batch.BatchCommands.Add(command);
        return _batch.BatchCommands.Count >= MaxCommandsPerRoundTrip ? new ValueTask(FlushAsync()) : ValueTask.CompletedTask;
    }

    public override ValueTask AddCountedAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TArgs>(string insert, string counter, TArgs args) => AddAsync(
        Counted.GetOrAdd((insert, counter), k => $"WITH inserted AS ({k.Insert} RETURNING 1)\n{k.Counter} AND EXISTS (SELECT 1 FROM inserted)"),
        args);

    public override async Task FlushAsync()
    {
        if (_batch.BatchCommands.Count == 0)
        {
            return;
        }

        await using (_batch)
        {
            await _batch.ExecuteNonQueryAsync(ct);
        }

        _batch = NewBatch(connection, transaction);
    }

    private static NpgsqlBatch NewBatch(NpgsqlConnection connection, NpgsqlTransaction transaction) => new(connection) { Transaction = transaction };
}
