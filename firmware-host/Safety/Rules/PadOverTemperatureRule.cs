using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// Either of a pad's sensors at or above the surface trip (42.5 °C: 0.5 °C under IEC 60601-1 Table 24's 43 °C for
/// applied parts in contact ≥ 10 min, for what the surface still rises after the cut, see
/// <see cref="AbsoluteLimits.PadMaxTripC"/>). Marlin's MAXTEMP: trips on the first reading, no filtering.
/// </summary>
public sealed class PadOverTemperatureRule() : SafetyRule("pad-over-temperature", AlarmPriority.High)
{
    public override void Evaluate(SafetyContext context)
    {
        var limit = context.Limits[AbsoluteLimits.PadMaxTripC];
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            ref readonly var pad = ref pads[i];
            var control = pad.ControlC.Ok && pad.ControlC.Value >= limit;
            var safety = pad.SafetyC.Ok && pad.SafetyC.Value >= limit;
            if ((control || safety) && !context.IsLatched(this, context.Shape.Pads[i]))
            {
                var value = Math.Max(pad.ControlC.Ok ? pad.ControlC.Value : double.MinValue, pad.SafetyC.Ok ? pad.SafetyC.Value : double.MinValue);
                context.Trip(this, context.Shape.Pads[i],
                    $"{context.Shape.Pads[i]} reached {value:0.0} °C, at or above the {limit:0.0} °C limit. All outputs were switched off. " +
                    "Check the pad against the child's skin and let it cool before acknowledging.");
            }
        }
    }
}
