using AmpsDevice.FirmwareHost.Hardware;

namespace AmpsDevice.FirmwareHost.Control;

/// <summary>
/// Closed-loop temperature of one Peltier pad: a setpoint that ramps toward the session's target at the
/// profile's rate, and a PID (with a feed-forward for the heat the pad loses to skin and heat sink at the
/// setpoint) that drives the H-bridge in both directions, -1 full cooling .. +1 full heat.
/// </summary>
public sealed class PadTemperatureController
{
    /// <summary>
    /// Gains tuned against the simulator's TEC1-12706 pad model through the real drivers at 100 Hz
    /// (tests/AmpsDevice.Control.Tests/Control/PadTemperatureControlTests): 32 → 40 °C at 2 °C/s
    /// overshoots the control sensor by under 0.2 °C, and holding stays within ±0.2 °C with 0.05 °C of
    /// sensor noise. The integral zone keeps the integrator from gathering a pull-down or warm-up's error
    /// (a released saturation overshot 0.6 °C without it).
    /// </summary>
    public static readonly PidGains DefaultGains = new(Kp: 0.35, Ki: 0.06, Kd: 0.02, DerivativeFilterS: 0.2, OutputMin: -1, OutputMax: 1, IntegralZone: 1.0);

    /// <summary>Setpoint counts as "at target" within this much, °C.</summary>
    public const double AtTargetC = 0.05;

    private readonly PidController _pid;
    private bool _tracking;

    public PadTemperatureController(PidGains? gains = null) => _pid = new PidController(gains ?? DefaultGains);

    /// <summary>The current (ramping) setpoint, °C; NaN when not tracking.</summary>
    public double SetpointC { get; private set; } = double.NaN;

    /// <summary>The setpoint has reached the target.</summary>
    public bool Holding { get; private set; }

    /// <summary>Computes this tick's output for the pad.</summary>
    public void Update(in PadTarget target, in PadReading reading, double dtS, ref PadOutput output)
    {
        if (!target.Active || !reading.ControlC.Ok)
        {
            Stop(ref output);
            return;
        }

        var measured = reading.ControlC.Value;
        if (!_tracking)
        {
            // Control starts afresh (at first, and after every stop): no integral or slope from before.
            _tracking = true;
            _pid.Reset();
            SetpointC = measured;
        }

        var step = target.RampCPerS * dtS;
        var remaining = target.TargetC - SetpointC;
        SetpointC = Math.Abs(remaining) <= step ? target.TargetC : SetpointC + Math.Sign(remaining) * step;
        Holding = Math.Abs(target.TargetC - SetpointC) <= AtTargetC;

        // While ramping, the pad needs extra drive to follow: feed the ramp rate forward.
        var rampFeedForward = Holding ? 0 : Math.Sign(remaining) * target.RampCPerS * RampFeedForwardPerCPerS;
        output.Enabled = true;
        output.Drive = _pid.Update(SetpointC, measured, rampFeedForward, dtS);
    }

    /// <summary>Drive per °C/s of ramp (the pad's thermal mass over the module's drive authority).</summary>
    public const double RampFeedForwardPerCPerS = 0.12;

    public void Stop(ref PadOutput output)
    {
        _tracking = false;
        Holding = false;
        SetpointC = double.NaN;
        output.Enabled = false;
        output.Drive = 0;
    }
}
