using AmpsDevice.FirmwareHost.Safety.Signals;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// Marlin's thermal runaway hysteresis: once a pad has reached its target and holds it, the control
/// sensor must stay within 3 °C of the setpoint; more than that for over 10 s means control is lost.
/// </summary>
public sealed class HoldErrorRule : SafetyRule
{
    /// <summary>Hold error that trips once it lasts longer than <see cref="MaxErrorS"/>, °C (Marlin's hysteresis).</summary>
    public const double MaxErrorC = 3.0;

    /// <summary>How long the hold error may last, s (Marlin's period).</summary>
    public const double MaxErrorS = 10.0;

    private readonly PersistenceTimers _timers;

    public HoldErrorRule(int pads) : base("pad-hold-error", AlarmPriority.Medium) => _timers = new PersistenceTimers(pads);

    public override void Evaluate(SafetyContext context)
    {
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            ref readonly var intent = ref context.Intent.Pads[i];
            ref readonly var control = ref pads[i].ControlC;
            var off = intent.Active && intent.Holding && control.Ok && Math.Abs(control.Value - intent.SetpointC) > MaxErrorC;
            if (_timers.Update(i, off, context.TimeS) > MaxErrorS && !context.IsLatched(this, context.Shape.Pads[i]))
            {
                context.Trip(this, context.Shape.Pads[i],
                    $"{context.Shape.Pads[i]} has been {control.Value - intent.SetpointC:+0.0;-0.0} °C from its {intent.SetpointC:0.0} °C target for over {MaxErrorS:0} s. " +
                    "Temperature control is lost. Check the pad's contact with the skin and its heat sink fan.");
                _timers.Restart(i);
            }
        }
    }

    public override void Reset() => _timers.Reset();
}
