using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>Force on a pressure channel at or above the 60 N trip: well below children's pressure
/// pain thresholds is where guided pressure must stay.</summary>
public sealed class PressureOverloadRule(IReadOnlyList<string> channels) : SafetyRule("pressure-overload", AlarmPriority.High)
{
    private readonly string[] _targets = channels.ToArray();

    public override void Evaluate(SafetyContext context)
    {
        var limit = context.Limits[AbsoluteLimits.PressureMaxTripN];
        var pressure = context.Sensors.Pressure;
        for (var i = 0; i < pressure.Length; i++)
        {
            if (pressure[i].ForceN.Ok && pressure[i].ForceN.Value >= limit && !context.IsLatched(this, _targets[i]))
            {
                context.Trip(this, _targets[i],
                    $"{_targets[i]} measured {pressure[i].ForceN.Value:0} N, at or above the {limit:0} N limit. All outputs were switched off. " +
                    "Ask the patient to release and check the limb.");
            }
        }
    }
}
