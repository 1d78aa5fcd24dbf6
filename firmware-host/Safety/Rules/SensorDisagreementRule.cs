using AmpsDevice.FirmwareHost.Safety.Signals;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// The control sensor and the independent safety sensor of a pad differ by more than 2 °C for more than
/// 1 s: one of them is stuck, offset or off the pad (single-fault safety: a second sensor of a different
/// kind on a separate bus; Marlin's redundant-sensor difference check).
/// </summary>
public sealed class SensorDisagreementRule : SafetyRule
{
    /// <summary>Largest difference between the control and the safety sensor, °C (single-fault safety).</summary>
    public const double MaxDifferenceC = 2.0;

    /// <summary>How long the difference may last, s.</summary>
    public const double MaxDifferenceS = 1.0;

    private readonly PersistenceTimers _timers;

    public SensorDisagreementRule(int pads) : base("sensor-disagreement", AlarmPriority.High) => _timers = new PersistenceTimers(pads);

    public override void Evaluate(SafetyContext context)
    {
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            ref readonly var pad = ref pads[i];
            var disagree = pad.ControlC.Ok && pad.SafetyC.Ok &&
                Math.Abs(pad.ControlC.Value - pad.SafetyC.Value) > MaxDifferenceC;
            if (_timers.Update(i, disagree, context.TimeS) > MaxDifferenceS &&
                !context.IsLatched(this, context.Shape.Pads[i]))
            {
                context.Trip(this, context.Shape.Pads[i],
                    $"{context.Shape.Pads[i]}: control sensor reads {pad.ControlC.Value:0.0} °C but the safety sensor reads {pad.SafetyC.Value:0.0} °C. " +
                    "A sensor is stuck, offset or off the pad. Check both sensors are seated against the pad before acknowledging.");
                _timers.Restart(i);
            }
        }
    }

    public override void Reset() => _timers.Reset();
}
