using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Storage;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Telemetry.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>When the batcher looks for its next batch: when the batch's last sample is due by the samples' clock, not a poll later.</summary>
public sealed class TelemetryBatcherTests : IDisposable
{
    // 10 samples a second, 2 a message: a sample every 100 ms, a message every 200 ms.
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private readonly DateTimeOffset _start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new("batcher");
    private readonly ManualTime _time;
    private readonly SteppedSleeper _sleeper;
    private readonly TickSampleRing _ring = new(DeviceStack.Shape, 20);
    private readonly Outbox _outbox;
    private readonly TelemetryBatcher _batcher;
    private readonly SensorFrame _sensors = DeviceStack.Shape.CreateSensorFrame();
    private readonly ActuatorFrame _outputs = DeviceStack.Shape.CreateActuatorFrame();

    public TelemetryBatcherTests()
    {
        _time = new ManualTime(_start);
        _sleeper = new SteppedSleeper(_time);
        var options = Options.Create(new MqttOptions { ControlLoopHz = 100, TelemetryRateHz = 10, BatchSize = 2 });
        _outbox = new Outbox(new DataDirectory(_data.Path), options, _time, NullLogger<Outbox>.Instance);
        _batcher = new TelemetryBatcher(_ring, _outbox, new DeviceIdentity("batcher-test", HardwareMode.Simulated), options, _time, _sleeper);
    }

    [Fact]
    public void Before_any_sample_it_looks_once_a_sample_period()
    {
        Assert.Equal(Period, _batcher.UntilNextBatch());
    }

    [Fact]
    public void After_a_batch_it_waits_until_the_next_batch_is_due_and_a_millisecond()
    {
        Sample(_start - Period);
        Sample(_start);
        _batcher.Flush(2);
        Assert.Equal(1, _batcher.LastSeq);

        Assert.Equal((2 * Period) + TelemetryBatcher.DueMargin, _batcher.UntilNextBatch());
        _time.Now = _start + Period + TimeSpan.FromMilliseconds(3);   // the next sample came 3 ms ago
        Sample(_start + Period);
        Assert.Equal(Period + TelemetryBatcher.DueMargin - TimeSpan.FromMilliseconds(3), _batcher.UntilNextBatch());
    }

    [Fact]
    public void A_batch_whose_last_tick_started_late_does_not_make_the_next_batch_wait_as_long()
    {
        var late = TimeSpan.FromMilliseconds(28);
        _time.Now = _start + late;
        Sample(_start - Period);
        Sample(_start, late);   // its tick woke 28 ms late; the loop's next ticks keep to their schedule
        _batcher.Flush(2);

        // Due by the schedule: two periods after the moment the late tick was due, not after it ran.
        Assert.Equal((2 * Period) + TelemetryBatcher.DueMargin - late, _batcher.UntilNextBatch());
        _time.Now = _start + Period;
        Sample(_start + Period);
        Assert.Equal(Period + TelemetryBatcher.DueMargin, _batcher.UntilNextBatch());
    }

    [Fact]
    public void A_complete_batch_is_taken_at_once()
    {
        Sample(_start);
        Sample(_start + Period);
        Assert.Equal(TimeSpan.Zero, _batcher.UntilNextBatch());
    }

    [Fact]
    public void A_batch_overdue_is_looked_for_after_1_ms_then_twice_as_long_up_to_a_sample_period()
    {
        Sample(_start);
        _time.Now = _start + (5 * Period);   // the loop stopped sampling: the second sample is 400 ms overdue
        var waits = Enumerable.Range(0, 9).Select(_ => _batcher.UntilNextBatch().TotalMilliseconds).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 100, 100], waits);

        Sample(_start + (5 * Period));   // it resumed: the next wait is the due time again
        _batcher.Flush(2);
        Assert.Equal((2 * Period) + TelemetryBatcher.DueMargin, _batcher.UntilNextBatch());
    }

    [Fact]
    public void A_batch_a_little_overdue_a_late_tick_is_looked_for_every_millisecond_then_twice_as_long()
    {
        Sample(_start);
        _time.Now = _start + Period + TelemetryBatcher.DueMargin + TimeSpan.FromMilliseconds(1);   // the second sample is 1 ms overdue
        var waits = Enumerable.Range(0, 12).Select(_ =>
        {
            var wait = _batcher.UntilNextBatch();
            _time.Now += wait;
            return wait.TotalMilliseconds;
        }).ToArray();

        // Every millisecond while less than 10 ms overdue (LateSampleAllowance), then doubling as for a loop that stopped.
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 8], waits);
    }

    [Fact]
    public async Task On_a_thread_of_its_own_it_sleeps_until_the_next_batch_is_due_and_stores_it_on_waking()
    {
        Sample(_start - Period);
        Sample(_start);
        await _batcher.StartAsync(CancellationToken.None);

        var first = await _sleeper.NextAsync();
        Assert.Equal(1, _batcher.LastSeq);   // the batch waiting at the start is taken at once
        Assert.Equal(_start + (2 * Period) + TelemetryBatcher.DueMargin, first.Until);
        Assert.False(first.OnPoolThread);

        Sample(_start + Period);
        Sample(_start + (2 * Period));
        _sleeper.Wake();
        var second = await _sleeper.NextAsync();
        Assert.Equal(2, _batcher.LastSeq);
        Assert.Equal(_start + (4 * Period) + TelemetryBatcher.DueMargin, second.Until);

        Sample(_start + (3 * Period));
        await _batcher.StopAsync(CancellationToken.None);
        Assert.Equal(3, _batcher.LastSeq);   // stopping ends the sleep, and the partial batch is stored
    }

    private void Sample(DateTimeOffset at, TimeSpan late = default) =>
        Assert.True(_ring.TryWrite(_sensors, _outputs, 0, false, (at + late).UtcTicks, sinceDueTicks: late.Ticks));

    public void Dispose()
    {
        _batcher.Dispose();
        _outbox.Dispose();
        _data.Dispose();
    }
}
