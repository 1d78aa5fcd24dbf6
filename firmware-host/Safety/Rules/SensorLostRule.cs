using AmpsDevice.FirmwareHost.Hardware;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// A sensor that failed to answer for 3 ticks in a row (disconnected, I2C bus failure), or whose value
/// has not been refreshed by a new conversion for longer than its chip can explain (stale data: 3 ticks at 100 Hz
/// for a control sensor, 250 ms for an ADC input). Without
/// fresh readings no other rule can protect the pad, so this one trips.
/// </summary>
public sealed class SensorLostRule : SafetyRule
{
    /// <summary>Consecutive ticks without a reading before a sensor counts as lost.</summary>
    public const int LostAfterTicks = 3;

    /// <summary>
    /// The control sensor's conversion cycle, s: the TMP117 in continuous mode with CONV = 000 and no averaging, as
    /// the device opener configures it, converts every 15.5 ms (TMP117 datasheet, table 7-7, conversion cycle time).
    /// </summary>
    public const double ControlSensorCycleS = 0.0155;

    /// <summary>Longest an ADC input (an NTC, a drive current, a force) may go without a new conversion, s. The
    /// slowest (an ADS1115 input visited every fourth tick at 100 Hz) refreshes every 40 ms; 250 ms is six of those.</summary>
    public const double MaxStaleS = 0.25;

    /// <summary>
    /// Ticks a control sensor that still answers may go without a new conversion: the next conversion is due within
    /// <see cref="ControlSensorCycleS"/> rounded up to whole ticks, and one tick more is the margin for the chip's own
    /// timing. At 100 Hz: a result is new at least every 2nd tick, so the 3rd tick without one (30 ms, nearly two
    /// cycles) trips.
    /// </summary>
    public static int ControlStaleTicks(double tickPeriodS) => (int)Math.Ceiling(ControlSensorCycleS / tickPeriodS - 1e-9) + 1;

    private readonly string[] _padControl;
    private readonly string[] _padSafety;
    private readonly string[] _vibration;
    private readonly string[] _pressure;
    private int _inputsFailedTicks;

    public SensorLostRule(DeviceShape shape) : base("sensor-lost", AlarmPriority.High)
    {
        _padControl = shape.Pads.Select(p => p + ".control").ToArray();
        _padSafety = shape.Pads.Select(p => p + ".safety").ToArray();
        _vibration = shape.Vibration.Select(v => v + ".current").ToArray();
        _pressure = shape.Pressure.ToArray();
    }

    public override void Evaluate(SafetyContext context)
    {
        var s = context.Sensors;
        var maxStaleTicks = Math.Max(LostAfterTicks, (int)Math.Ceiling(MaxStaleS / context.TickPeriodS));
        var controlStaleTicks = ControlStaleTicks(context.TickPeriodS);
        for (var i = 0; i < s.Pads.Length; i++)
        {
            Check(context, s.Pads[i].ControlC, _padControl[i], controlStaleTicks, s);
            Check(context, s.Pads[i].SafetyC, _padSafety[i], maxStaleTicks, s);
        }

        for (var i = 0; i < s.Vibration.Length; i++)
        {
            Check(context, s.Vibration[i].CurrentA, _vibration[i], maxStaleTicks, s);
        }

        for (var i = 0; i < s.Pressure.Length; i++)
        {
            Check(context, s.Pressure[i].ForceN, _pressure[i], maxStaleTicks, s);
        }

        _inputsFailedTicks = s.InputsFailed ? _inputsFailedTicks + 1 : 0;
        if (_inputsFailedTicks >= LostAfterTicks && !context.IsLatched(this, "inputs"))
        {
            context.Trip(this, "inputs", "The GPIO inputs (E-stop, patient stop) cannot be read. Without them nobody can stop the device, so it stopped. Check the GPIO wiring.");
        }
    }

    private void Check(SafetyContext context, in SensorValue value, string target, int maxStaleTicks, SensorFrame frame)
    {
        if (context.IsLatched(this, target))
        {
            return;
        }

        // TicksSinceFresh counts failed reads too.
        if (!value.Ok && value.TicksSinceFresh >= LostAfterTicks)
        {
            context.Trip(this, target,
                $"{target} has not answered for {LostAfterTicks} ticks ({frame.FirstFailure ?? "I/O error"}). " +
                "The sensor is disconnected or its I2C bus failed. Check the sensor cable and connector.");
        }
        else if (value.Ok && value.TicksSinceFresh >= maxStaleTicks)
        {
            context.Trip(this, target,
                $"{target} has delivered no new reading for {value.TicksSinceFresh * context.TickPeriodS * 1000:0} ms. " +
                "The sensor has stopped converting. Check its power and connector.");
        }
    }

    public override void Reset() => _inputsFailedTicks = 0;
}
