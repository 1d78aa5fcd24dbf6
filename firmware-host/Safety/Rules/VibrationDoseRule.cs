using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// The day's cumulative vibration dose at each site, as A(8) = sqrt(Σ a² t / 8 h), with a in m/s²
/// (amplitude × the tactor's full-scale acceleration). EU Directive 2002/44/EC sets the hand-arm action
/// value at 2.5 m/s² and the limit at 5 m/s²; the device stops at the action value (configurable down).
/// The dose already delivered today is seeded from the records at start.
/// </summary>
public sealed class VibrationDoseRule : SafetyRule
{
    /// <summary>Reference period of A(8), s.</summary>
    public const double ReferenceS = 8 * 3600;

    private readonly double[] _sumA2T;
    private readonly string[] _targets;

    public VibrationDoseRule(IReadOnlyList<string> channels) : base("vibration-daily-dose", AlarmPriority.Medium)
    {
        _targets = channels.ToArray();
        _sumA2T = new double[channels.Count];
    }

    /// <summary>The day's A(8) so far at a channel, m/s².</summary>
    public double A8(int channel) => Math.Sqrt(_sumA2T[channel] / ReferenceS);

    /// <summary>Σ a²t so far at a channel, m²/s³ (what the records persist).</summary>
    public double Dose(int channel) => _sumA2T[channel];

    /// <summary>Starts the day from a persisted dose (or zero at midnight).</summary>
    public void Seed(int channel, double sumA2T) => _sumA2T[channel] = sumA2T;

    public override void Evaluate(SafetyContext context)
    {
        var outputs = context.LastOutputs;
        var limit = context.Limits[AbsoluteLimits.VibrationDailyA8MaxMPerS2];
        for (var i = 0; i < _targets.Length; i++)
        {
            if (outputs.MasterEnable && outputs.Vibration[i].Amplitude > 0)
            {
                var a = outputs.Vibration[i].Amplitude * AbsoluteLimits.VibrationFullScaleMPerS2;
                _sumA2T[i] += a * a * context.TickPeriodS;
                if (A8(i) > limit && !context.IsLatched(this, _targets[i]))
                {
                    context.Trip(this, _targets[i],
                        $"{_targets[i]} has reached today's vibration dose limit (A(8) {A8(i):0.00} m/s², limit {limit:0.00} m/s²). " +
                        "No more vibration at this site today.");
                }
            }
        }
    }

    // The dose is physiology, not evidence: acknowledging an alarm does not forget it.
}
