using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// MotorStuckOnRule (motor-stuck-on) at its boundaries: a drive current above what the commanded amplitude explains
/// plus a quarter of the full-scale current, held for 100 ms, trips. The commanded amplitude is 0 while the power is
/// off. The rule alone at exact times, then through the supervisor.
/// </summary>
public class MotorStuckOnRuleTests
{
    private const double FullScaleA = 0.75;

    [Theory]
    [InlineData(1.0, 0.75)]
    [InlineData(0.5, 0.25)] // duty asin(0.5)/π = 1/6 of the full-scale duty 0.5
    [InlineData(0.0, 0.0)]
    public void The_expected_current_follows_the_drivers_duty_for_the_amplitude(double amplitude, double currentA) =>
        Assert.Equal(currentA, MotorStuckOnRule.ExpectedCurrentA(amplitude, FullScaleA), precision: 12);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(1.0)]
    public void A_current_exactly_a_quarter_of_full_scale_over_the_expected_one_is_allowed_and_more_trips(double amplitude)
    {
        var limitA = MotorStuckOnRule.ExpectedCurrentA(amplitude, FullScaleA) + MotorStuckOnRule.ExcessFraction * FullScaleA;
        Assert.Empty(Draw(amplitude, power: true, limitA).Context.Trips);
        Assert.Single(Draw(amplitude, power: true, Math.BitIncrement(limitA)).Context.Trips);
    }

    [Fact]
    public void A_motor_without_power_is_expected_to_draw_nothing()
    {
        // What a motor at 0.4 draws when running: explained with the power on, stuck on with the power off.
        var runningA = MotorStuckOnRule.ExpectedCurrentA(0.4, FullScaleA);
        Assert.Empty(Draw(0.4, power: true, runningA).Context.Trips);
        var trip = Assert.Single(Draw(0.4, power: false, runningA).Context.Trips);
        Assert.Contains("while commanded to amplitude 0.00", trip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_excess_must_last_100_ms_to_the_tick()
    {
        var (rule, h) = Rule(amplitude: 0.0, power: true, currentA: FullScaleA);
        h.Judge(rule, 1.0);
        h.Judge(rule, 1.0 + MotorStuckOnRule.ConfirmS - 0.001);
        Assert.Empty(h.Context.Trips);

        (rule, h) = Rule(amplitude: 0.0, power: true, currentA: FullScaleA);
        h.Judge(rule, 0.0);
        h.Judge(rule, MotorStuckOnRule.ConfirmS);
        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal(("motor-stuck-on", "vib1"), (trip.Rule, trip.Target));
        Assert.Equal(
            "vib1 draws 0.75 A while commanded to amplitude 0.00: the motor driver is stuck on. Actuator power was cut. " +
            "Have the vibration driver checked before further use.",
            trip.Message);

        // The rule alone latches nothing: after its report it times the excess again from the next tick.
        h.Judge(rule, MotorStuckOnRule.ConfirmS + 0.01);
        h.Judge(rule, MotorStuckOnRule.ConfirmS + 0.05);
        Assert.Single(h.Context.Trips);
    }

    [Fact]
    public void A_failed_current_read_is_not_judged()
    {
        var (rule, h) = Rule(amplitude: 0.0, power: true, currentA: FullScaleA);
        h.Sensors.Vibration[0].CurrentA.Ok = false;
        h.Judge(rule, 0.0);
        h.Judge(rule, 1.0);
        Assert.Empty(h.Context.Trips);
    }

    [Fact]
    public void Through_the_supervisor_after_an_acknowledgement_the_excess_must_last_100_ms_again()
    {
        var h = new SupervisorHarness();
        var outputs = h.Running();
        outputs.Vibration[1].Amplitude = 0;
        h.Step(outputs);
        h.Sensors.Vibration[1].CurrentA = SupervisorHarness.Good(FullScaleA);
        for (var i = 0; i < 20; i++)
        {
            h.Step(h.Shape.CreateActuatorFrame());
        }

        Assert.True(h.Alarms.Contains("motor-stuck-on", "vib2"));
        h.Alarms.RequestAcknowledge();
        var ticks = h.TicksUntilTrip("motor-stuck-on", maxTicks: 50, h.Shape.CreateActuatorFrame);

        // The acknowledgement's tick starts the timer; the trip is the first tick 100 ms after it (tick arithmetic may put it one later).
        Assert.InRange(ticks * SupervisorHarness.Period, MotorStuckOnRule.ConfirmS - 0.001, MotorStuckOnRule.ConfirmS + SupervisorHarness.Period + 0.001);
    }

    /// <summary>vib1 commanded to <paramref name="amplitude"/> drawing <paramref name="currentA"/>, judged at 0 s and 1 s; the harness.</summary>
    private static SupervisorHarness Draw(double amplitude, bool power, double currentA)
    {
        var (rule, h) = Rule(amplitude, power, currentA);
        h.Judge(rule, 0.0);
        h.Judge(rule, 1.0);
        return h;
    }

    private static (MotorStuckOnRule Rule, SupervisorHarness H) Rule(double amplitude, bool power, double currentA)
    {
        var h = new SupervisorHarness();
        h.Context.LastOutputs.MasterEnable = power;
        h.Context.LastOutputs.Vibration[0].Amplitude = amplitude;
        h.Sensors.Vibration[0].CurrentA = SupervisorHarness.Good(currentA);
        return (new MotorStuckOnRule(h.Shape.Vibration, FullScaleA), h);
    }
}
