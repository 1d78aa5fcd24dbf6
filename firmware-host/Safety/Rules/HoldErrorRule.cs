using AmpsDevice.FirmwareHost.Safety.Signals;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// Marlin's thermal runaway hysteresis: once a pad has reached its target and holds it, the control
/// sensor must stay within 3 °C of the setpoint; more than that for over 10 s means control is lost.
/// </summary>
public sealed class HoldErrorRule : SafetyRule
{
    private readonly PersistenceTimers _timers;

    public HoldErrorRule(int pads) : base("pad-hold-error", AlarmPriority.Medium) => _timers = new PersistenceTimers(pads);

    public override void Evaluate(SafetyContext context)
    {
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            ref readonly var intent = ref context.Intent.Pads[i];
            ref readonly var control = ref pads[i].ControlC;
            var off = intent.Active && intent.Holding && control.Ok && Math.Abs(control.Value - intent.SetpointC) > AbsoluteLimits.HoldErrorMaxC;
            if (_timers.Update(i, off, context.TimeS) > AbsoluteLimits.HoldErrorMaxS && !context.IsLatched(this, context.Shape.Pads[i]))
            {
                context.Trip(this, context.Shape.Pads[i],
                    $"{context.Shape.Pads[i]} has been {control.Value - intent.SetpointC:+0.0;-0.0} °C from its {intent.SetpointC:0.0} °C target for over {AbsoluteLimits.HoldErrorMaxS:0} s. " +
                    "Temperature control is lost. Check the pad's contact with the skin and its heat sink fan.");
                _timers.Restart(i);
            }
        }
    }

    public override void Reset() => _timers.Reset();
}
