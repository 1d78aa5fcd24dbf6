using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Safety;

/// <summary>
/// The evidence of one control tick as the rules see it. One instance lives as long as the control
/// loop; the loop updates it in place every tick.
/// </summary>
public sealed class SafetyContext
{
    private readonly List<Trip> _trips = new(capacity: 32);

    public SafetyContext(DeviceShape shape, LimitSet limits, double tickPeriodS, AlarmBook alarms)
    {
        Alarms = alarms;
        Shape = shape;
        Limits = limits;
        TickPeriodS = tickPeriodS;
        Intent = new ControlIntent(shape.Pads.Count, shape.Vibration.Count, shape.Pressure.Count);
        LastOutputs = shape.CreateActuatorFrame();
        Sensors = shape.CreateSensorFrame();
    }

    public DeviceShape Shape { get; }

    public LimitSet Limits { get; }

    /// <summary>The nominal control period, s.</summary>
    public double TickPeriodS { get; }

    /// <summary>This tick's readings: the frame the control loop reads the sensors into.</summary>
    public SensorFrame Sensors { get; }

    /// <summary>The outputs written in the previous tick (what the hardware is doing now).</summary>
    public ActuatorFrame LastOutputs { get; }

    /// <summary>What the control layer is trying to do (set in the previous tick).</summary>
    public ControlIntent Intent { get; }

    /// <summary>Seconds since the loop started.</summary>
    public double TimeS { get; set; }

    public long TickNumber { get; set; }

    /// <summary>Ticks whose deadline passed without the tick running, consecutively, before this one.</summary>
    public int MissedTicks { get; set; }

    /// <summary>Outputs that failed to write in the previous tick.</summary>
    public int LastWriteFailures { get; set; }

    /// <summary>The latched alarms (rules skip re-reporting what is already latched).</summary>
    public AlarmBook Alarms { get; }

    /// <summary>Set by a rule that needs the outputs safe this tick without raising a new trip
    /// (a stop button still held after its press was reported).</summary>
    public bool HoldSafeRequested { get; private set; }

    /// <summary>Asks for safe outputs in this tick.</summary>
    public void RequestHoldSafe() => HoldSafeRequested = true;

    /// <summary>Whether this rule's alarm for this target is already latched (so nothing new to report).</summary>
    public bool IsLatched(SafetyRule rule, string target) => Alarms.Contains(rule.Name, target);

    /// <summary>The trips raised in this tick (cleared at the start of each evaluation).</summary>
    public IReadOnlyList<Trip> Trips => _trips;

    /// <summary>Records a breach. Allocates (a message, a record): trips are rare, and a tick that trips may.</summary>
    public void Trip(SafetyRule rule, string target, string message) =>
        _trips.Add(new Trip(rule.Name, target, rule.Priority, rule.Kind, rule.Latches, message, TimeS, TickNumber));

    internal void BeginTick()
    {
        _trips.Clear();
        HoldSafeRequested = false;
    }
}
