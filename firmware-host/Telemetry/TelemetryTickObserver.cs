using AmpsDevice.FirmwareHost.Control;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// Samples every N-th control tick (N = ControlLoopHz / TelemetryRateHz; 100 Hz / 10 Hz by default) into the
/// <see cref="TickSampleRing"/>. Runs on the control thread: copies a few doubles, takes no lock, allocates nothing.
/// </summary>
public sealed class TelemetryTickObserver : ITickObserver
{
    private readonly TickSampleRing _ring;
    private readonly TimeProvider _time;
    private readonly int _decimation;

    public TelemetryTickObserver(TickSampleRing ring, IOptions<MqttOptions> options, TimeProvider time)
    {
        _ring = ring;
        _time = time;
        _decimation = options.Value.TickDecimation;
    }

    /// <summary>Samples taken (written to the ring) since start.</summary>
    public long Sampled { get; private set; }

    public void OnTick(in TickView tick)
    {
        if (tick.TickNumber % _decimation != 0)
        {
            return;
        }

        // The stamp, and how long after the tick was due it is taken, read together: whatever held the tick up before
        // this point (a late wake-up, or the process paused) is in both, so the one less the other is when it was due.
        var stamp = _time.GetUtcNow();
        var sinceDue = _time.GetElapsedTime(tick.DueTimestamp);
        if (_ring.TryWrite(tick.Sensors, tick.Outputs, tick.TimeS, tick.Safe, stamp.UtcTicks, tick.Intent, sinceDue.Ticks))
        {
            Sampled++;
        }
    }
}
