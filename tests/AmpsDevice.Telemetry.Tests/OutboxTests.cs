using System.Text;
using AmpsDevice.FirmwareHost.Storage;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Telemetry.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Telemetry.Tests;

public class OutboxTests
{
    private static Outbox Create(string dir, TimeProvider time, long maxBytes = 64 * 1024) =>
        new(new DataDirectory(dir), Options.Create(new MqttOptions { OutboxMaxBytes = maxBytes, OutboxMaxAge = TimeSpan.FromDays(7) }), time, NullLogger<Outbox>.Instance);

    [Fact]
    public void Messages_survive_a_new_instance_in_order_until_removed()
    {
        var dir = TempDirectory.Create("outbox");
        using (var outbox = Create(dir, TimeProvider.System))
        {
            for (var i = 0; i < 5; i++)
            {
                outbox.Enqueue(i % 2 == 0 ? OutboxKind.Telemetry : OutboxKind.Event, "t", Encoding.UTF8.GetBytes($"m{i}"), -1);
            }
        }

        using var reopened = Create(dir, TimeProvider.System);
        Assert.Equal(5, reopened.Count);
        var all = reopened.PeekAfter(0, 10);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], all.Select(m => Encoding.UTF8.GetString(m.Payload)));
        reopened.RemoveThrough(all[1].Id);
        Assert.Equal(3, reopened.Count);
        Assert.Equal("m2", Encoding.UTF8.GetString(reopened.PeekAfter(0, 1)[0].Payload));
    }

    [Fact]
    public void Reading_on_from_the_last_id_sees_every_message_once_even_after_the_outbox_ran_empty()
    {
        using var outbox = Create(TempDirectory.Create("outbox"), TimeProvider.System);
        for (var i = 0; i < 5; i++)
        {
            outbox.Enqueue(OutboxKind.Telemetry, "t", Encoding.UTF8.GetBytes($"a{i}"), -1);
        }

        var first = outbox.PeekAfter(0, 3);
        var rest = outbox.PeekAfter(first[^1].Id, 10);
        Assert.Equal(["a0", "a1", "a2", "a3", "a4"], first.Concat(rest).Select(m => Encoding.UTF8.GetString(m.Payload)));

        outbox.RemoveThrough(rest[^1].Id);
        Assert.Equal((0, 0), (outbox.Count, outbox.Bytes));
        outbox.Enqueue(OutboxKind.Event, "e", "b0"u8, -1);

        // A new id never repeats one already read, so a range delete of an acknowledged run cannot hit a newer row.
        var next = Assert.Single(outbox.PeekAfter(rest[^1].Id, 10));
        Assert.Equal("b0", Encoding.UTF8.GetString(next.Payload));
        Assert.True(next.Id > rest[^1].Id);
    }

    [Fact]
    public void Removing_an_acknowledged_run_counts_only_the_rows_the_bound_left_and_keeps_the_rest()
    {
        var dir = TempDirectory.Create("outbox");
        using var outbox = Create(dir, TimeProvider.System);
        var chunk = new byte[2048];
        for (var i = 0; i < 40; i++)
        {
            outbox.Enqueue(OutboxKind.Telemetry, "t", chunk, -1);
        }

        // The bound dropped the oldest while they might have been in flight; the sender's run reaches past them.
        Assert.True(outbox.Health.DroppedTelemetry > 0);
        var left = outbox.PeekAfter(0, 100);
        outbox.RemoveThrough(left[9].Id);

        Assert.Equal(left.Count - 10, outbox.Count);
        Assert.Equal((left.Count - 10) * 2048L, outbox.Bytes);
        Assert.Equal(left[10].Id, outbox.PeekAfter(0, 1)[0].Id);
        using var reopened = Create(dir, TimeProvider.System);   // the counts agree with what is on disk
        Assert.Equal((outbox.Count, outbox.Bytes), (reopened.Count, reopened.Bytes));
    }

    [Fact]
    public void Crossing_the_size_bound_drops_oldest_telemetry_keeps_events_and_raises_health()
    {
        var dir = TempDirectory.Create("outbox");
        using var outbox = Create(dir, TimeProvider.System);
        var raised = new List<OutboxHealth>();
        outbox.HealthChanged += raised.Add;
        for (var i = 0; i < 5; i++)
        {
            outbox.Enqueue(OutboxKind.Event, "e", Encoding.UTF8.GetBytes($"event{i}"), -1);
        }

        var chunk = new byte[2048];
        for (var i = 0; i < 40; i++)
        {
            outbox.Enqueue(OutboxKind.Telemetry, "t", chunk, -1);
        }

        Assert.True(outbox.Bytes <= 64 * 1024);
        var health = outbox.Health;
        Assert.True(health.OverBound);
        Assert.True(health.DroppedTelemetry > 0);
        Assert.Equal(0, health.DroppedEvents);
        Assert.Contains("dropped", health.Message);
        Assert.NotEmpty(raised);
        Assert.Equal(5, outbox.PeekAfter(0, 100).Count(m => m.Kind == OutboxKind.Event));

        outbox.RemoveThrough(outbox.PeekAfter(0, 1000)[^1].Id);
        Assert.False(outbox.Health.OverBound);
        Assert.True(outbox.Health.DroppedTelemetry > 0);
    }

    [Fact]
    public void Telemetry_older_than_the_age_bound_is_dropped_events_are_not()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var outbox = Create(TempDirectory.Create("outbox"), time, 50L * 1024 * 1024);
        outbox.Enqueue(OutboxKind.Telemetry, "t", "old"u8, -1);
        outbox.Enqueue(OutboxKind.Event, "e", "old-event"u8, -1);
        time.Now = time.Now.AddDays(8);
        outbox.Enqueue(OutboxKind.Telemetry, "t", "new"u8, -1);
        var left = outbox.PeekAfter(0, 10).Select(m => Encoding.UTF8.GetString(m.Payload)).ToList();
        Assert.Equal(["old-event", "new"], left);
        Assert.Equal(1, outbox.Health.DroppedTelemetry);
        Assert.True(outbox.Health.OverBound);
    }
}
