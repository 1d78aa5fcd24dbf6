using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>
/// The pad controller's setpoint ramp, its feed-forward and when it stops, one tick at a time. A proportional-only PID
/// (gain 1) makes the drive the feed-forward plus the setpoint's lead over the reading; the tuning itself is proven
/// on the simulated pad in <see cref="PadTemperatureControlTests"/>.
/// </summary>
public sealed class PadTemperatureControllerTests
{
    private const double Dt = 0.01;

    private static PadTemperatureController Proportional() => new(new PidGains(Kp: 1, Ki: 0, Kd: 0, DerivativeFilterS: 0, OutputMin: -1, OutputMax: 1));

    private static PadReading Reading(double c, bool ok = true) => new() { ControlC = new SensorValue { Value = c, Ok = ok, Fresh = ok } };

    private static PadTarget Target(double c, double rateCPerS) => new() { Active = true, TargetC = c, RampCPerS = rateCPerS };

    [Fact]
    public void The_setpoint_starts_at_the_reading_and_ramps_toward_the_target_with_the_ramp_fed_forward()
    {
        var pad = Proportional();
        var output = default(PadOutput);

        pad.Update(Target(40, 2), Reading(32), Dt, ref output);

        Assert.Equal(32.02, pad.SetpointC, 12);
        Assert.False(pad.Holding);
        Assert.True(output.Enabled);
        Assert.Equal((2 * PadTemperatureController.RampFeedForwardPerCPerS) + 0.02, output.Drive, 12);

        // The next tick ramps on from the setpoint, not from the reading.
        pad.Update(Target(40, 2), Reading(35), Dt, ref output);
        Assert.Equal(32.04, pad.SetpointC, 12);
    }

    [Fact]
    public void Ramping_down_feeds_the_ramp_forward_as_cooling()
    {
        var pad = Proportional();
        var output = default(PadOutput);

        pad.Update(Target(20, 2), Reading(32), Dt, ref output);

        Assert.Equal(31.98, pad.SetpointC, 12);
        Assert.Equal(-(2 * PadTemperatureController.RampFeedForwardPerCPerS) - 0.02, output.Drive, 12);
    }

    [Fact]
    public void Within_one_step_of_the_target_the_setpoint_lands_on_it_and_holds_without_feed_forward()
    {
        var pad = Proportional();
        var output = default(PadOutput);

        pad.Update(Target(32.25, 25), Reading(32), Dt, ref output); // a step of 0.25 °C: exactly the way there

        Assert.Equal(32.25, pad.SetpointC);
        Assert.True(pad.Holding);
        Assert.Equal(0.25, output.Drive, 12);
    }

    [Fact]
    public void Less_than_one_step_from_the_target_the_setpoint_stops_on_it_rather_than_stepping_past()
    {
        var pad = Proportional();
        var output = default(PadOutput);

        pad.Update(Target(32.1, 25), Reading(32), Dt, ref output); // a step of 0.25 °C, 0.1 °C to go

        Assert.Equal(32.1, pad.SetpointC);
    }

    [Fact]
    public void A_setpoint_within_a_twentieth_of_a_degree_counts_as_holding_and_one_further_does_not()
    {
        // A ramp of 0 leaves the setpoint at the reading: 0.05 °C from the target, then 0.06.
        var pad = Proportional();
        var output = default(PadOutput);
        pad.Update(Target(0.1, 0), Reading(0.05), Dt, ref output);
        Assert.True(pad.Holding);

        pad = Proportional();
        pad.Update(Target(0.1, 0), Reading(0.04), Dt, ref output);
        Assert.False(pad.Holding);
    }

    [Fact]
    public void An_inactive_target_stops_the_pad()
    {
        var pad = Proportional();
        var output = default(PadOutput);
        pad.Update(Target(40, 2), Reading(32), Dt, ref output);

        pad.Update(Target(40, 2) with { Active = false }, Reading(32), Dt, ref output);

        Assert.Equal(default, output);
        Assert.True(double.IsNaN(pad.SetpointC));
        Assert.False(pad.Holding);
    }

    [Fact]
    public void A_lost_reading_stops_the_pad_and_control_starts_afresh_from_the_next_reading()
    {
        var pad = Proportional();
        var output = default(PadOutput);
        pad.Update(Target(32, 2), Reading(32), Dt, ref output);
        Assert.True(pad.Holding);

        pad.Update(Target(32, 2), Reading(32, ok: false), Dt, ref output);
        Assert.Equal(default, output);
        Assert.True(double.IsNaN(pad.SetpointC));
        Assert.False(pad.Holding);

        pad.Update(Target(40, 2), Reading(36), Dt, ref output);
        Assert.Equal(36.02, pad.SetpointC, 12);
    }

    [Fact]
    public void After_a_stop_control_starts_afresh_without_the_integral_gathered_before()
    {
        var pad = new PadTemperatureController(new PidGains(Kp: 0, Ki: 10, Kd: 0, DerivativeFilterS: 0, OutputMin: -1, OutputMax: 1));
        var output = default(PadOutput);
        pad.Update(Target(40, 0.5), Reading(31.5), Dt, ref output);
        pad.Update(Target(40, 0.5), Reading(31.5), Dt, ref output);
        Assert.Equal((0.5 * PadTemperatureController.RampFeedForwardPerCPerS) + (10 * 0.005 * Dt), output.Drive, 12);

        pad.Stop(ref output);
        Assert.Equal(default, output);
        pad.Update(Target(32, 0), Reading(32), Dt, ref output);

        Assert.Equal(0, output.Drive);
    }
}
