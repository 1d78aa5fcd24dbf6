using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// Continuous vibration at one site for longer than 60 s (focal vibration dwell of 20-60 s per area).
/// Gaps shorter than <see cref="BridgedGapS"/> do not end a bout, so a fast pulsed pattern counts as one.
/// Profiles are validated against the same rule; this is the backstop for a bug elsewhere.
/// </summary>
public sealed class VibrationBoutRule : SafetyRule
{
    /// <summary>A gap shorter than this does not end a bout, s.</summary>
    public const double BridgedGapS = 1.0;

    private readonly double[] _boutStart;
    private readonly double[] _lastOn;
    private readonly string[] _targets;

    public VibrationBoutRule(IReadOnlyList<string> channels) : base("vibration-bout", AlarmPriority.Medium)
    {
        _targets = channels.ToArray();
        _boutStart = new double[channels.Count];
        _lastOn = new double[channels.Count];
        Reset();
    }

    public override void Evaluate(SafetyContext context)
    {
        var outputs = context.LastOutputs;
        for (var i = 0; i < _targets.Length; i++)
        {
            var on = outputs.MasterEnable && outputs.Vibration[i].Amplitude > 0;
            if (!on)
            {
                if (!double.IsNaN(_lastOn[i]) && context.TimeS - _lastOn[i] >= BridgedGapS)
                {
                    _boutStart[i] = double.NaN;
                }

                continue;
            }

            if (double.IsNaN(_boutStart[i]))
            {
                _boutStart[i] = context.TimeS;
            }

            _lastOn[i] = context.TimeS;
            var bout = context.TimeS - _boutStart[i];
            if (bout > context.Limits[AbsoluteLimits.VibrationMaxBoutS] + context.TickPeriodS && !context.IsLatched(this, _targets[i]))
            {
                context.Trip(this, _targets[i],
                    $"{_targets[i]} has vibrated one site for {bout:0} s, longer than the {context.Limits[AbsoluteLimits.VibrationMaxBoutS]:0} s bout limit. " +
                    "Let the site rest; check the profile's vibration steps.");
            }
        }
    }

    public override void Reset()
    {
        Array.Fill(_boutStart, double.NaN);
        Array.Fill(_lastOn, double.NaN);
    }
}
