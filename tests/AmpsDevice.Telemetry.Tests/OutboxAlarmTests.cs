using System.Collections.Concurrent;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>
/// An outbox over its bound shows on the dashboard's alarm panel (low priority, not latched) until it has drained; a
/// latched alarm, and its clearing, are also written to the service's log.
/// </summary>
public sealed class OutboxAlarmTests
{
    private sealed class RecordingPublisher : IDevicePublisher
    {
        public ConcurrentQueue<AlarmsMessage> Alarms { get; } = new();

        public ValueTask PublishSessionStateAsync(SessionStateMessage state, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask PublishAlarmsAsync(AlarmsMessage alarms, CancellationToken cancellationToken = default)
        {
            Alarms.Enqueue(alarms);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class OutboxHealthSource : IOutboxHealth
    {
        public OutboxHealth Health { get; private set; } = new(false, null, 0, 0, 0, 0);

        public event Action<OutboxHealth>? HealthChanged;

        public void Set(OutboxHealth health)
        {
            Health = health;
            HealthChanged?.Invoke(health);
        }
    }

    [Fact]
    public async Task Crossing_the_outbox_bound_raises_a_low_priority_unlatched_alarm_that_clears_when_drained()
    {
        var publisher = new RecordingPublisher();
        var outbox = new OutboxHealthSource();
        var engine = new SessionEngine(2, [], TimeProvider.System, new SessionOptions());
        using var forwarder = new SessionEventForwarder(publisher, engine, TimeProvider.System, NullLogger<SessionEventForwarder>.Instance);
        engine.AddObserver(forwarder);
        outbox.HealthChanged += forwarder.OnOutboxHealthChanged;
        await forwarder.StartAsync(CancellationToken.None);
        await WaitForAsync(() => !publisher.Alarms.IsEmpty);
        Assert.Empty(publisher.Alarms.Last().Active);

        outbox.Set(new OutboxHealth(true, "Outbox over 50 MiB: 120 oldest telemetry messages dropped.", 120, 0, 9000, 52_000_000));
        await WaitForAsync(() => publisher.Alarms.Last().Active.Count == 1);
        var alarm = Assert.Single(publisher.Alarms.Last().Active);
        Assert.Equal(("outbox-over-bound", "outbox", Protocol.Messages.AlarmPriority.Low, false), (alarm.Rule, alarm.Target, alarm.Priority, alarm.Latched));
        Assert.Contains("120 oldest telemetry messages dropped", alarm.Message, StringComparison.Ordinal);
        Assert.Contains("Check the broker connection", alarm.Message, StringComparison.Ordinal);

        // More drops while still over the bound change nothing on the panel; draining clears it.
        var published = publisher.Alarms.Count;
        outbox.Set(new OutboxHealth(true, "Outbox over 50 MiB: 240 oldest telemetry messages dropped.", 240, 0, 9000, 52_000_000));
        outbox.Set(new OutboxHealth(false, null, 240, 0, 10, 4000));
        await WaitForAsync(() => publisher.Alarms.Last().Active.Count == 0);
        Assert.Equal(published + 1, publisher.Alarms.Count);

        await forwarder.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_latched_alarm_and_its_clearing_are_written_to_the_log()
    {
        var publisher = new RecordingPublisher();
        var log = new RecordingLogger();
        var engine = new SessionEngine(2, [], TimeProvider.System, new SessionOptions());
        using var forwarder = new SessionEventForwarder(publisher, engine, TimeProvider.System, log);
        await forwarder.StartAsync(CancellationToken.None);

        var lost = new Alarm("sensor-lost", "pad1.control", FirmwareHost.Safety.AlarmPriority.High, TripKind.Fault,
            "pad1.control has delivered no new reading for 30 ms.", 5.7, DateTimeOffset.UtcNow);
        forwarder.OnAlarmsChanged([lost]);
        await WaitForAsync(() => publisher.Alarms.Any(a => a.Active.Count == 1));
        forwarder.OnAlarmsChanged([lost]);   // the same alarm again: nothing new to say
        forwarder.OnAlarmsChanged([]);
        await WaitForAsync(() => log.Lines.Count >= 2 && publisher.Alarms.Last().Active.Count == 0);
        await forwarder.StopAsync(CancellationToken.None);

        Assert.Equal(
        [
            (LogLevel.Warning, "Alarm latched: sensor-lost on pad1.control (High): pad1.control has delivered no new reading for 30 ms."),
            (LogLevel.Information, "Alarm cleared: sensor-lost on pad1.control"),
        ], log.Lines);
    }

    private sealed class RecordingLogger : ILogger<SessionEventForwarder>
    {
        public ConcurrentQueue<(LogLevel, string)> Queue { get; } = new();

        public List<(LogLevel, string)> Lines => [.. Queue];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Queue.Enqueue((logLevel, formatter(state, exception)));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not within 5 s");
            await Task.Delay(10);
        }
    }
}
