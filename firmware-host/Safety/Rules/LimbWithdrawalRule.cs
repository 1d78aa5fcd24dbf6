using AmpsDevice.FirmwareHost.Safety.Signals;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// The withdrawal reflex: during a stimulus, the force on a pressure channel falls by more than 70 %
/// within 0.5 s. The stimulus stops at once and the session pauses; it is recorded as the patient's
/// response, not as a device fault, and latches nothing. Letting go in the seconds after a guided press on
/// that channel has ended is what the patient was asked to do: then only a fall below 30 % of the resting
/// contact the limb had before the press counts as a withdrawal.
/// </summary>
public sealed class LimbWithdrawalRule : SafetyRule
{
    /// <summary>Withdrawal: the force falling by more than this fraction ...</summary>
    public const double DropFraction = 0.7;

    /// <summary>... within this window, s, during a stimulus (the withdrawal reflex).</summary>
    public const double WindowS = 0.5;

    /// <summary>Resting contact below this is not a limb on the sensor, N.</summary>
    public const double MinBaselineN = 1.0;

    /// <summary>
    /// After a guided press ends the patient relaxes from the target force to resting contact, usually within
    /// a second; a fall inside this time on that channel is that release. Longer than the rule's 0.5 s window,
    /// so the released peak has left the window before the rule can judge the channel again.
    /// </summary>
    public const double ReleaseAfterGuidanceS = 2.0;

    private readonly SampleWindow[] _windows;
    private readonly bool[] _withdrawn;
    private readonly string[] _targets;
    private readonly bool[] _wasGuided;
    private readonly double[] _releaseUntilS;
    private readonly double[] _restingN;

    public LimbWithdrawalRule(IReadOnlyList<string> channels, double tickPeriodS)
        : base("limb-withdrawal", AlarmPriority.Low, TripKind.PatientResponse, latches: false)
    {
        _targets = channels.ToArray();
        _windows = channels.Select(_ => new SampleWindow(WindowS, tickPeriodS, WindowStatistics.Max)).ToArray();
        _withdrawn = new bool[channels.Count];
        _wasGuided = new bool[channels.Count];
        _releaseUntilS = new double[channels.Count];
        _restingN = new double[channels.Count];
    }

    public override void Evaluate(SafetyContext context)
    {
        var pressure = context.Sensors.Pressure;
        for (var i = 0; i < pressure.Length; i++)
        {
            ref readonly var force = ref pressure[i].ForceN;
            if (!force.Ok)
            {
                continue;
            }

            var guided = context.Intent.Pressure[i].Guided;
            if (!_wasGuided[i] && guided)
            {
                _restingN[i] = force.Value;
            }
            else if (_wasGuided[i] && !guided)
            {
                _releaseUntilS[i] = context.TimeS + ReleaseAfterGuidanceS;
            }

            _wasGuided[i] = guided;
            var window = _windows[i];
            window.Add(context.TimeS, force.Value);
            var baseline = context.TimeS < _releaseUntilS[i] ? _restingN[i] : window.Max();
            var dropped = baseline >= MinBaselineN && force.Value < (1 - DropFraction) * baseline;
            if (dropped && !_withdrawn[i] && context.Intent.StimulusActive)
            {
                _withdrawn[i] = true;
                context.Trip(this, _targets[i],
                    $"The limb was pulled off {_targets[i]} ({baseline:0.0} N to {force.Value:0.0} N within {WindowS} s). " +
                    "The stimulus was stopped and the session paused. Comfort the patient; resume only when ready.");
            }
            else if (!dropped && force.Value >= MinBaselineN)
            {
                _withdrawn[i] = false;
            }
        }
    }

    public override void Reset()
    {
        Array.Clear(_withdrawn);
        Array.Clear(_releaseUntilS);
    }
}
