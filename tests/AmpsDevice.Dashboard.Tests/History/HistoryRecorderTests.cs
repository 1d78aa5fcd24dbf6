using System.Collections.Concurrent;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.History;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Protocol.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static AmpsDevice.Dashboard.Tests.History.Messages;

namespace AmpsDevice.Dashboard.Tests.History;

[Collection(PostgresCollection.Name)]
public sealed class HistoryRecorderTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_message_is_acknowledged_only_once_committed_and_an_unknown_device_is_refused_with_a_line_naming_it()
    {
        using var db = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite, postgres);
        var registry = new DeviceRegistry(new LiveFeed(), TimeProvider.System, Options.Create(new DashboardOptions()), NullLogger<DeviceRegistry>.Instance);
        registry.OnStatus("dev-a", (StatusMessage)Status("dev-a", "boot-1", T0).Payload);
        registry.OnStatus("bad id!", (StatusMessage)Status("bad id!", "boot-1", T0).Payload);
        var log = new ListLogger();
        using var recorder = new HistoryRecorder(new HistoryWriter(db.Database), db.Database, registry, Options.Create(new HistoryOptions()), log);
        await recorder.StartAsync(CancellationToken.None);

        var rowsWhenAcknowledged = new TaskCompletionSource<long>();
        Assert.True(recorder.Take(Telemetry("dev-a", "boot-1", 1, T0), async () =>
        {
            await using var connection = await db.Database.OpenAsync();
            rowsWhenAcknowledged.SetResult(await connection.ScalarAsync("SELECT COUNT(*) FROM history_telemetry"));
        }));
        Assert.Equal(1, await rowsWhenAcknowledged.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.False(recorder.Take(Telemetry("bad id!", "boot-1", 1, T0), () => throw new InvalidOperationException("a refused message is acknowledged by the bus")));
        Assert.False(recorder.Take(Telemetry("never-heard", "boot-1", 1, T0), () => throw new InvalidOperationException("a refused message is acknowledged by the bus")));
        Assert.Contains(log.Lines, l => l.Contains("Device bad id!: telemetry message not kept in the history", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("Device never-heard: telemetry message not kept in the history", StringComparison.Ordinal));

        await recorder.StopAsync(CancellationToken.None);
        Assert.Equal(1, recorder.Stored);
    }

    [Fact]
    public async Task A_message_PostgreSQL_refuses_fails_its_whole_batch_then_is_logged_and_dropped_while_the_others_of_the_batch_are_stored()
    {
        using var db = await TestDatabase.CreateAsync(DatabaseEngine.Postgres, postgres);
        var registry = new DeviceRegistry(new LiveFeed(), TimeProvider.System, Options.Create(new DashboardOptions()), NullLogger<DeviceRegistry>.Instance);
        registry.OnStatus("dev-a", (StatusMessage)Status("dev-a", "boot-1", T0).Payload);
        // PostgreSQL's text refuses a NUL character (SQLite stores it): the event cannot be kept.
        var batch = new[]
        {
            Telemetry("dev-a", "boot-1", 1, T0),
            Session("dev-a", SessionState.Running, T0.AddSeconds(1)),
            Event("dev-a", EventKind.SafetyTrip, T0.AddSeconds(2), rule: "pad-over-temperature", message: "pad1\0"),
            Telemetry("dev-a", "boot-1", 2, T0.AddSeconds(2)),
        };
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => new HistoryWriter(db.Database).WriteAsync(batch));
        Assert.Equal(0, await CountAsync(db, "history_telemetry"));

        var log = new ListLogger();
        using var recorder = new HistoryRecorder(new HistoryWriter(db.Database), db.Database, registry, Options.Create(new HistoryOptions()), log);
        var acknowledged = 0;
        var all = new TaskCompletionSource();
        foreach (var message in batch)
        {
            Assert.True(recorder.Take(message, () =>
            {
                if (Interlocked.Increment(ref acknowledged) == batch.Length)
                {
                    all.SetResult();
                }

                return Task.CompletedTask;
            }));
        }

        await recorder.StartAsync(CancellationToken.None);
        await all.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await recorder.StopAsync(CancellationToken.None);

        Assert.Equal((2, 1, 0), (await CountAsync(db, "history_telemetry"), await CountAsync(db, "history_states"), await CountAsync(db, "history_events")));
        Assert.Contains(log.Lines, l => l.Contains("Device dev-a: events message not kept in the history: the database refused it", StringComparison.Ordinal));
    }

    private static async Task<long> CountAsync(TestDatabase db, string table)
    {
        await using var connection = await db.Database.OpenAsync();
        return await connection.ScalarAsync(FormattableString.Invariant($"SELECT COUNT(*) FROM {table}"));
    }

    private sealed class ListLogger : ILogger<HistoryRecorder>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
    }
}
