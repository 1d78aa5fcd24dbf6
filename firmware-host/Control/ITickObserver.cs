using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;

namespace AmpsDevice.FirmwareHost.Control;

/// <summary>
/// Sees every control tick after the outputs were written (telemetry, session records, the
/// simulator's sample file). Called on the control thread: an observer copies what it needs into
/// its own preallocated buffer and returns; it never blocks, waits on I/O, or allocates.
/// </summary>
public interface ITickObserver
{
    void OnTick(in TickView tick);
}

/// <summary>One tick as it happened: what was read, and what was written after the safety gate.</summary>
public readonly ref struct TickView
{
    public TickView(long timestamp, double timeS, long tickNumber, SensorFrame sensors, ActuatorFrame outputs, bool safe, DeviceShape shape)
    {
        Timestamp = timestamp;
        TimeS = timeS;
        TickNumber = tickNumber;
        Sensors = sensors;
        Outputs = outputs;
        Safe = safe;
        Shape = shape;
        DueTimestamp = timestamp;
    }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> of the tick.</summary>
    public long Timestamp { get; }

    /// <summary>
    /// <see cref="TimeProvider.GetTimestamp"/> of the moment the tick was scheduled for: the ticks after it are due a
    /// period apart from it, however late this one started. <see cref="Timestamp"/> for a tick nothing scheduled.
    /// </summary>
    public long DueTimestamp { get; init; }

    /// <summary>Seconds since the control loop started.</summary>
    public double TimeS { get; }

    /// <summary>Ticks since the control loop started.</summary>
    public long TickNumber { get; }

    public SensorFrame Sensors { get; }

    /// <summary>The outputs as written to the hardware (after the supervisor's gate).</summary>
    public ActuatorFrame Outputs { get; }

    /// <summary>The supervisor holds the outputs safe (tripped, or no session running).</summary>
    public bool Safe { get; }

    public DeviceShape Shape { get; }

    /// <summary>Seconds since the control loop started at which this tick's outputs were written (a safety trip's "safe at").</summary>
    public double WriteTimeS { get; init; }

    /// <summary>What the controllers followed in this tick (each pad's ramped setpoint); null when the caller has none.</summary>
    public ControlIntent? Intent { get; init; }
}
