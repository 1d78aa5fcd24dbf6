using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.Protocol.Envelope;
using Xunit.Abstractions;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>
/// The pad controller's tuning (<see cref="PadTemperatureController.DefaultGains"/>) proven against the
/// simulator's TEC1-12706 pad model through the real drivers and the whole control loop at 100 Hz. The
/// bar the device is held to: within ±0.5 °C in steady state, no more than 0.5 °C overshoot on a 32 → 40 °C step.
/// The control sensor carries 0.05 °C of Gaussian noise, six times the TMP117's own (≈ 8 m°C RMS).
/// </summary>
public class PadTemperatureControlTests(ITestOutputHelper output)
{
    private const double NoiseC = 0.05;
    private const double BandC = 0.5;

    [Theory]
    [InlineData(32.0, 40.0)]
    [InlineData(40.0, 32.0)]
    [InlineData(32.0, 20.0)]
    [InlineData(20.0, 32.0)]
    [InlineData(32.0, 42.0)]
    [InlineData(32.0, 15.0)]
    public void A_step_at_the_fastest_ramp_overshoots_less_than_half_a_degree_then_holds_within_half_a_degree(double fromC, double toC)
    {
        using var rig = new PadLoopRig(seed: 5, controlNoiseC: NoiseC);
        rig.Target(fromC, AbsoluteLimits.MaxRampCPerS.Value);
        rig.Run(90);

        rig.Target(toC, AbsoluteLimits.MaxRampCPerS.Value);
        var m = Measure(rig, toC, Math.Sign(toC - fromC), settleS: 60, holdS: 60);
        output.WriteLine($"{fromC} -> {toC} °C at {AbsoluteLimits.MaxRampCPerS.Value} °C/s: {m}");

        Assert.False(rig.Loop.Outputs.IsSafe, "the supervisor tripped during a step the envelope allows");
        Assert.False(rig.Loop.Supervisor.Alarms.AnyLatched);
        Assert.InRange(m.SensorOvershootC, double.NegativeInfinity, BandC);
        Assert.InRange(m.SurfaceOvershootC, double.NegativeInfinity, BandC);
        Assert.InRange(m.SensorHoldErrorC, 0, BandC);
        Assert.InRange(m.SurfaceHoldErrorC, 0, BandC);
        Assert.InRange(m.SettledAfterS, 0, Math.Abs(toC - fromC) / AbsoluteLimits.MaxRampCPerS.Value + 10);
    }

    [Fact]
    public void A_32_to_40_setpoint_step_overshoots_less_than_half_a_degree()
    {
        // A step asks for full drive: the pad rises faster than the 4 °C/s runaway rule allows, so the
        // device never does this (profiles ramp at 2 °C/s at most). The controller alone still handles it.
        using var rig = new PadLoopRig(seed: 6, controlNoiseC: NoiseC, supervised: false);
        rig.Target(AbsoluteLimits.NeutralC, AbsoluteLimits.MaxRampCPerS.Value);
        rig.Run(90);

        rig.Target(40.0, double.PositiveInfinity);
        var m = Measure(rig, 40.0, +1, settleS: 60, holdS: 60);
        output.WriteLine($"32 -> 40 °C setpoint step: {m}");

        Assert.InRange(m.SensorOvershootC, double.NegativeInfinity, BandC);
        Assert.InRange(m.SurfaceOvershootC, double.NegativeInfinity, BandC);
        Assert.InRange(m.SensorHoldErrorC, 0, BandC);
    }

    [Fact]
    public void Neutral_32_C_is_held_within_half_a_degree_though_the_bare_pad_settles_lower()
    {
        using var rig = new PadLoopRig(seed: 7, controlNoiseC: NoiseC);
        rig.Target(AbsoluteLimits.NeutralC, AbsoluteLimits.MaxRampCPerS.Value);
        rig.Run(60);
        var drive = 0.0;
        var m = Measure(rig, AbsoluteLimits.NeutralC, 0, settleS: 0, holdS: 60, each: s => drive += s.Drive);
        output.WriteLine($"hold 32 °C: {m}, mean drive {drive / 6000:0.000}");

        Assert.InRange(m.SensorHoldErrorC, 0, BandC);
        Assert.InRange(m.SurfaceHoldErrorC, 0, BandC);
        Assert.True(drive > 0, "32 °C is above the unpowered pad's equilibrium: holding it takes a little heat");
    }

    [Fact]
    public void Thirty_seconds_of_saturation_then_release_does_not_overshoot()
    {
        // The rail is cut while the controller keeps asking for 40 °C: its output sits at full heat and
        // nothing happens. Without anti-windup the integrator would gather 5 °C × 30 s × Ki ≈ 9 of output
        // and the release would overshoot by degrees. Unsupervised: on the device the hold-error rule
        // (3 °C for 10 s) would rightly end such a session long before 30 s.
        using var rig = new PadLoopRig(seed: 8, controlNoiseC: NoiseC, supervised: false);
        rig.Target(40.0, AbsoluteLimits.MaxRampCPerS.Value);
        rig.Run(60);
        rig.Rail(false);
        var saturated = 0;
        rig.Run(30, s => saturated += s.Drive >= 1 ? 1 : 0);
        var cooledTo = rig.Device.Pads[0].SurfaceC;

        rig.Rail(true);
        var m = Measure(rig, 40.0, +1, settleS: 40, holdS: 30);
        output.WriteLine($"30 s with the rail cut ({saturated} ticks at full drive, pad cooled to {cooledTo:0.00} °C), released: {m}");

        Assert.InRange(saturated, 2500, 3000);
        Assert.True(cooledTo < 36.0, $"the rail cut did not cool the pad ({cooledTo:0.00} °C)");
        Assert.InRange(m.SensorOvershootC, double.NegativeInfinity, BandC);
        Assert.InRange(m.SurfaceOvershootC, double.NegativeInfinity, BandC);
        Assert.InRange(m.SensorHoldErrorC, 0, BandC);
    }

    [Fact]
    public void The_pid_integrator_does_not_grow_while_the_output_is_saturated_toward_the_error()
    {
        // Inside the integral zone (0.9 °C) with a feed-forward that already saturates the output.
        var pid = new PidController(PadTemperatureController.DefaultGains);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.Equal(1.0, pid.Update(setpoint: 40, measurement: 39.1, feedForward: 1.0, dtS: 0.01));
        }

        // The error reverses: the output leaves saturation on the first step (no stored windup to unwind).
        Assert.True(pid.Update(setpoint: 40, measurement: 40.1, feedForward: 1.0, dtS: 0.01) < 1.0);
        pid.Reset();
        for (var i = 0; i < 100_000; i++)
        {
            Assert.Equal(-1.0, pid.Update(setpoint: 20, measurement: 20.9, feedForward: -1.0, dtS: 0.01));
        }

        Assert.True(pid.Update(setpoint: 20, measurement: 19.9, feedForward: -1.0, dtS: 0.01) > -1.0);
    }

    [Fact]
    public void The_pid_integrator_holds_while_the_error_is_outside_its_zone()
    {
        var pid = new PidController(PadTemperatureController.DefaultGains with { Kp = 0, Kd = 0 });
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(0.0, pid.Update(setpoint: 40, measurement: 38.9, feedForward: 0, dtS: 0.01));
        }

        // Inside it: the first step integrates, the next one shows it.
        pid.Update(setpoint: 40, measurement: 39.5, feedForward: 0, dtS: 0.01);
        Assert.Equal(0.06 * 0.5 * 0.01, pid.Update(setpoint: 40, measurement: 39.5, feedForward: 0, dtS: 0.01), 12);
    }

    /// <summary>Runs the settle then the hold phase and measures them against <paramref name="targetC"/>.</summary>
    /// <param name="direction">+1 heating toward the target, −1 cooling, 0 holding (overshoot either way).</param>
    private static StepMeasurement Measure(PadLoopRig rig, double targetC, int direction, double settleS, double holdS, Action<PadLoopRig.Sample>? each = null)
    {
        double sensorOver = double.NegativeInfinity, surfaceOver = double.NegativeInfinity;
        double settledAt = double.NaN;
        var start = rig.Loop.TimeS;
        double Over(double v) => direction == 0 ? Math.Abs(v - targetC) : direction * (v - targetC);
        rig.Run(settleS, s =>
        {
            sensorOver = Math.Max(sensorOver, Over(s.ControlC));
            surfaceOver = Math.Max(surfaceOver, Over(s.SurfaceC));
            var inside = Math.Abs(s.ControlC - targetC) <= BandC && Math.Abs(s.SurfaceC - targetC) <= BandC;
            settledAt = inside ? (double.IsNaN(settledAt) ? s.TimeS - start : settledAt) : double.NaN;
        });

        double sensorHold = 0, surfaceHold = 0;
        rig.Run(holdS, s =>
        {
            sensorOver = Math.Max(sensorOver, Over(s.ControlC));
            surfaceOver = Math.Max(surfaceOver, Over(s.SurfaceC));
            sensorHold = Math.Max(sensorHold, Math.Abs(s.ControlC - targetC));
            surfaceHold = Math.Max(surfaceHold, Math.Abs(s.SurfaceC - targetC));
            each?.Invoke(s);
        });

        return new StepMeasurement(sensorOver, surfaceOver, sensorHold, surfaceHold, double.IsNaN(settledAt) ? double.PositiveInfinity : settledAt);
    }

    private sealed record StepMeasurement(double SensorOvershootC, double SurfaceOvershootC, double SensorHoldErrorC, double SurfaceHoldErrorC, double SettledAfterS)
    {
        public override string ToString() =>
            $"overshoot sensor {SensorOvershootC:+0.000;-0.000} °C, surface {SurfaceOvershootC:+0.000;-0.000} °C; " +
            $"hold |error| sensor {SensorHoldErrorC:0.000} °C, surface {SurfaceHoldErrorC:0.000} °C; within ±0.5 °C for good after {SettledAfterS:0.00} s";
    }
}
