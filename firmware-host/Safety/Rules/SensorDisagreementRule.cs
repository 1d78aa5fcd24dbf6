namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// The control sensor and the independent safety sensor of a pad differ by more than 2 °C for more than
/// 1 s: one of them is stuck, offset or off the pad (single-fault safety: a second sensor of a different
/// kind on a separate bus; Marlin's redundant-sensor difference check).
/// </summary>
public sealed class SensorDisagreementRule : SafetyRule
{
    private readonly double[] _since;

    public SensorDisagreementRule(int pads) : base("sensor-disagreement", AlarmPriority.High)
    {
        _since = new double[pads];
        Reset();
    }

    public override void Evaluate(SafetyContext context)
    {
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            ref readonly var pad = ref pads[i];
            if (!pad.ControlC.Ok || !pad.SafetyC.Ok ||
                Math.Abs(pad.ControlC.Value - pad.SafetyC.Value) <= Protocol.Envelope.AbsoluteLimits.SensorDisagreementMaxC)
            {
                _since[i] = double.NaN;
                continue;
            }

            if (double.IsNaN(_since[i]))
            {
                _since[i] = context.TimeS;
            }

            if (context.TimeS - _since[i] > Protocol.Envelope.AbsoluteLimits.SensorDisagreementMaxS)
            {
                context.Trip(this, context.Shape.Pads[i],
                    $"{context.Shape.Pads[i]}: control sensor reads {pad.ControlC.Value:0.0} °C but the safety sensor reads {pad.SafetyC.Value:0.0} °C. " +
                    "A sensor is stuck, offset or off the pad. Check both sensors are seated against the pad before acknowledging.");
                _since[i] = double.NaN;
            }
        }
    }

    public override void Reset() => Array.Fill(_since, double.NaN);
}
