namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// Klipper's verify_heater / Marlin's watch period: a pad driven at 80 % or more for 20 s must have
/// moved at least 1 °C in the driven direction. If not, the control sensor is off the pad (it would
/// let the controller heat without limit) or the Peltier is dead.
/// </summary>
public sealed class HeatingCheckRule : SafetyRule
{
    /// <summary>Heating or cooling drive at or above which the pad must visibly respond, 0..1 (Klipper verify_heater's heating_gain idea / Marlin watch period: sensor off the pad or dead Peltier).</summary>
    public const double DriveAtLeast = 0.8;

    /// <summary>Least change in the driven direction expected within <see cref="WindowS"/> at that drive, °C.</summary>
    public const double MinChangeC = 1.0;

    /// <summary>How long the pad may be driven hard without responding, s (Klipper verify_heater's check_gain_time idea).</summary>
    public const double WindowS = 20.0;

    private readonly double[] _since;
    private readonly double[] _startC;
    private readonly int[] _direction;

    public HeatingCheckRule(int pads) : base("pad-not-responding", AlarmPriority.High)
    {
        _since = new double[pads];
        _startC = new double[pads];
        _direction = new int[pads];
        Reset();
    }

    public override void Evaluate(SafetyContext context)
    {
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            ref readonly var output = ref context.LastOutputs.Pads[i];
            var powered = context.LastOutputs.MasterEnable && output.Enabled;
            var direction = !powered ? 0
                : output.Drive >= DriveAtLeast ? 1
                : output.Drive <= -DriveAtLeast ? -1 : 0;
            ref readonly var control = ref pads[i].ControlC;
            if (direction == 0 || !control.Ok)
            {
                _direction[i] = 0;
                _since[i] = double.NaN;
                continue;
            }

            if (direction != _direction[i] || double.IsNaN(_since[i]))
            {
                _direction[i] = direction;
                _since[i] = context.TimeS;
                _startC[i] = control.Value;
                continue;
            }

            var moved = (control.Value - _startC[i]) * direction;
            if (moved >= MinChangeC)
            {
                // It responds: restart the watch from here, so a sensor that later falls off is still caught.
                _since[i] = context.TimeS;
                _startC[i] = control.Value;
            }
            else if (context.TimeS - _since[i] > WindowS && !context.IsLatched(this, context.Shape.Pads[i]))
            {
                context.Trip(this, context.Shape.Pads[i],
                    $"{context.Shape.Pads[i]} was {(direction > 0 ? "heated" : "cooled")} hard for {WindowS:0} s but its sensor {Movement(moved)}. " +
                    "The control sensor may be off the pad, or the Peltier element failed. Check the sensor's seating before acknowledging.");
                _since[i] = double.NaN;
            }
        }
    }

    /// <summary>The movement in the driven direction in words, to the tenth of a degree shown (never "-0.0").</summary>
    private static string Movement(double moved) => Math.Round(moved, 1) switch
    {
        > 0 => $"moved only {moved:0.0} °C",
        < 0 => $"moved {-moved:0.0} °C the other way",
        _ => "did not move",
    };

    public override void Reset()
    {
        Array.Fill(_since, double.NaN);
        Array.Clear(_direction);
    }
}
