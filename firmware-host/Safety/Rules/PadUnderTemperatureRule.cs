using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// Either of a pad's sensors at or below the cold trip (10 °C: skin sensation fails near 10 °C and
/// non-freezing cold injury risk grows below 15 °C). Marlin's MINTEMP shape.
/// </summary>
public sealed class PadUnderTemperatureRule() : SafetyRule("pad-under-temperature", AlarmPriority.High)
{
    public override void Evaluate(SafetyContext context)
    {
        var limit = context.Limits[AbsoluteLimits.PadMinTripC];
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            ref readonly var pad = ref pads[i];
            if (((pad.ControlC.Ok && pad.ControlC.Value <= limit) || (pad.SafetyC.Ok && pad.SafetyC.Value <= limit)) &&
                !context.IsLatched(this, context.Shape.Pads[i]))
            {
                var value = Math.Min(pad.ControlC.Ok ? pad.ControlC.Value : double.MaxValue, pad.SafetyC.Ok ? pad.SafetyC.Value : double.MaxValue);
                context.Trip(this, context.Shape.Pads[i],
                    $"{context.Shape.Pads[i]} fell to {value:0.0} °C, at or below the {limit:0.0} °C limit. All outputs were switched off. " +
                    "Remove the pad, check the skin for cold injury, and check the pad's cooling drive.");
            }
        }
    }
}
