using System.Collections.Concurrent;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.History;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Protocol.Messages;
using Dapper;
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
            rowsWhenAcknowledged.SetResult(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM history_telemetry"));
        }));
        Assert.Equal(1, await rowsWhenAcknowledged.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.False(recorder.Take(Telemetry("bad id!", "boot-1", 1, T0), () => throw new InvalidOperationException("a refused message is acknowledged by the bus")));
        Assert.False(recorder.Take(Telemetry("never-heard", "boot-1", 1, T0), () => throw new InvalidOperationException("a refused message is acknowledged by the bus")));
        Assert.Contains(log.Lines, l => l.Contains("Device bad id!: telemetry message not kept in the history", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("Device never-heard: telemetry message not kept in the history", StringComparison.Ordinal));

        await recorder.StopAsync(CancellationToken.None);
        Assert.Equal(1, recorder.Stored);
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
