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
    private readonly TickSampleRing _ring = new(DeviceStack.Shape, 20);
    private readonly Outbox _outbox;
    private readonly TelemetryBatcher _batcher;
    private readonly SensorFrame _sensors = DeviceStack.Shape.CreateSensorFrame();
    private readonly ActuatorFrame _outputs = DeviceStack.Shape.CreateActuatorFrame();

    public TelemetryBatcherTests()
    {
        _time = new ManualTime(_start);
        var options = Options.Create(new MqttOptions { ControlLoopHz = 100, TelemetryRateHz = 10, BatchSize = 2 });
        _outbox = new Outbox(new DataDirectory(_data.Path), options, _time, NullLogger<Outbox>.Instance);
        _batcher = new TelemetryBatcher(_ring, _outbox, new DeviceIdentity("batcher-test", HardwareMode.Simulated), options, _time);
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

    private void Sample(DateTimeOffset at) => Assert.True(_ring.TryWrite(_sensors, _outputs, 0, false, at.UtcTicks));

    public void Dispose()
    {
        _batcher.Dispose();
        _outbox.Dispose();
        _data.Dispose();
    }
}
