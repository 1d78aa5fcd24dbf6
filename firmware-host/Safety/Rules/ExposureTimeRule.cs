using AmpsDevice.FirmwareHost.Safety.Signals;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// Continuous time a pad spends beyond a temperature: cold below 18 °C for more than 120 s (cold stimuli
/// are brief; Medoc Pathway's caution on repeated cold), warm above 41 °C for more than 600 s
/// (IEC 60601-1 contact-time bands). The worse of the two sensors counts.
/// </summary>
public sealed class ExposureTimeRule : SafetyRule
{
    private readonly bool _cold;
    private readonly double _thresholdC;
    private readonly SafetyLimit _maxS;
    private readonly PersistenceTimers _timers;

    private ExposureTimeRule(string name, bool cold, double thresholdC, SafetyLimit maxS, int pads)
        : base(name, AlarmPriority.Medium)
    {
        _cold = cold;
        _thresholdC = thresholdC;
        _maxS = maxS;
        _timers = new PersistenceTimers(pads);
    }

    public static ExposureTimeRule Cold(int pads) =>
        new("cold-exposure", cold: true, AbsoluteLimits.ColdExposureBelowC, AbsoluteLimits.ColdExposureMaxS, pads);

    public static ExposureTimeRule Warm(int pads) =>
        new("warm-exposure", cold: false, AbsoluteLimits.WarmExposureAboveC, AbsoluteLimits.WarmExposureMaxS, pads);

    public override void Evaluate(SafetyContext context)
    {
        var maxS = context.Limits[_maxS];
        var pads = context.Sensors.Pads;
        for (var i = 0; i < pads.Length; i++)
        {
            ref readonly var pad = ref pads[i];
            var beyond = _cold
                ? (pad.ControlC.Ok && pad.ControlC.Value < _thresholdC) || (pad.SafetyC.Ok && pad.SafetyC.Value < _thresholdC)
                : (pad.ControlC.Ok && pad.ControlC.Value > _thresholdC) || (pad.SafetyC.Ok && pad.SafetyC.Value > _thresholdC);
            if (_timers.Update(i, beyond, context.TimeS) > maxS && !context.IsLatched(this, context.Shape.Pads[i]))
            {
                context.Trip(this, context.Shape.Pads[i],
                    $"{context.Shape.Pads[i]} has stayed {(_cold ? "below" : "above")} {_thresholdC:0} °C for more than {maxS:0} s. " +
                    "All outputs were switched off. Let the skin return to normal temperature before the next stimulus.");
                _timers.Restart(i);
            }
        }
    }

    public override void Reset() => _timers.Reset();
}
