using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety.Signals;

namespace AmpsDevice.FirmwareHost.Safety.Rules;

/// <summary>
/// A vibration channel drawing more current than its commanded amplitude explains, for 100 ms: the
/// motor driver is stuck on. The drive current (sensed on the safety ADC) is the evidence, so a stuck
/// MOSFET cannot hide behind what the software believes it wrote.
/// </summary>
public sealed class MotorStuckOnRule : SafetyRule
{
    /// <summary>How long the excess must last, s (about three fresh current readings).</summary>
    public const double ConfirmS = 0.1;

    /// <summary>Excess current that trips, as a fraction of the full-amplitude current.</summary>
    public const double ExcessFraction = 0.25;

    private readonly double _fullScaleCurrentA;
    private readonly PersistenceTimers _timers;
    private readonly string[] _targets;

    /// <param name="channels">Vibration channel names.</param>
    /// <param name="fullScaleCurrentA">The channel's average drive current at amplitude 1 (duty 0.5), A.</param>
    public MotorStuckOnRule(IReadOnlyList<string> channels, double fullScaleCurrentA) : base("motor-stuck-on", AlarmPriority.High)
    {
        _fullScaleCurrentA = fullScaleCurrentA;
        _targets = channels.ToArray();
        _timers = new PersistenceTimers(channels.Count);
    }

    /// <summary>
    /// Average current expected for an amplitude: the driver's duty for it
    /// (<see cref="SensorConversions.TactorDutyFromAmplitude"/>), current ∝ duty (full scale at duty 0.5).
    /// </summary>
    public static double ExpectedCurrentA(double amplitude, double fullScaleCurrentA) =>
        fullScaleCurrentA * SensorConversions.TactorDutyFromAmplitude(amplitude) / SensorConversions.TactorFullScaleDuty;

    public override void Evaluate(SafetyContext context)
    {
        var vib = context.Sensors.Vibration;
        for (var i = 0; i < vib.Length; i++)
        {
            ref readonly var current = ref vib[i].CurrentA;
            var commanded = context.LastOutputs.MasterEnable ? context.LastOutputs.Vibration[i].Amplitude : 0;
            var excess = current.Ok && current.Value > ExpectedCurrentA(commanded, _fullScaleCurrentA) + ExcessFraction * _fullScaleCurrentA;
            if (_timers.Update(i, excess, context.TimeS) >= ConfirmS && !context.IsLatched(this, _targets[i]))
            {
                context.Trip(this, _targets[i],
                    $"{_targets[i]} draws {current.Value:0.00} A while commanded to amplitude {commanded:0.00}: the motor driver is stuck on. " +
                    "Actuator power was cut. Have the vibration driver checked before further use.");
                _timers.Restart(i);
            }
        }
    }

    public override void Reset() => _timers.Reset();
}
