using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Rules;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// VibrationDoseRule (vibration-daily-dose): each tick a motor runs adds a²·dt to the site's dose (a = amplitude ×
/// 10 m/s²); A(8) = sqrt(dose / 8 h) at the limit (2.5 m/s²) is still allowed, over it trips, and only while the
/// motor runs. The dose survives an acknowledgement. The rule alone over the harness's context, then through the
/// supervisor.
/// </summary>
public class VibrationDoseRuleTests
{
    private const double Tick = SupervisorHarness.Period;

    /// <summary>The dose whose A(8) is exactly the 2.5 m/s² limit: 2.5² × 8 h, m²/s³.</summary>
    private const double DoseAtLimit = 2.5 * 2.5 * VibrationDoseRule.ReferenceS;

    [Fact]
    public void Each_tick_a_motor_runs_adds_its_acceleration_squared_times_the_tick_and_A8_is_the_root_of_the_dose_over_8_h()
    {
        var (rule, h) = Running(amplitude: 0.5);
        for (var i = 0; i < 100; i++)
        {
            h.Judge(rule, i * Tick);
        }

        // 5 m/s² for 100 ticks of 10 ms: 25 m²/s³.
        Assert.Equal(25.0, rule.Dose(0), precision: 9);
        Assert.Equal(Math.Sqrt(25.0 / (8 * 3600)), rule.A8(0), precision: 12);
        Assert.Equal(0.0, rule.Dose(1));
        Assert.Empty(h.Context.Trips);
    }

    [Theory]
    [InlineData(false, 0.5)]
    [InlineData(true, 0.0)]
    public void Nothing_is_added_without_power_or_amplitude(bool power, double amplitude)
    {
        var (rule, h) = Running(amplitude);
        h.Context.LastOutputs.MasterEnable = power;
        rule.Seed(0, 10.0);
        for (var i = 0; i < 100; i++)
        {
            h.Judge(rule, i * Tick);
        }

        Assert.Equal(10.0, rule.Dose(0));
    }

    [Fact]
    public void A_seeded_dose_is_where_the_day_starts()
    {
        var (rule, _) = Running(amplitude: 0.5);
        rule.Seed(1, 1000.0);
        Assert.Equal(1000.0, rule.Dose(1));
        Assert.Equal(Math.Sqrt(1000.0 / VibrationDoseRule.ReferenceS), rule.A8(1), precision: 12);
        Assert.Equal(0.0, rule.Dose(0));
    }

    [Fact]
    public void A8_at_the_limit_is_allowed_and_the_first_tick_over_it_trips_with_the_dose_and_the_limit()
    {
        // A vanishing amplitude runs the motor without moving a dose of this size: A(8) stays exactly 2.5 m/s².
        var (rule, h) = Running(amplitude: 1e-9);
        rule.Seed(0, DoseAtLimit);
        h.Judge(rule, 0.0);
        Assert.Equal(2.5, rule.A8(0));
        Assert.Empty(h.Context.Trips);

        h.Context.LastOutputs.Vibration[0].Amplitude = 0.1;
        h.Judge(rule, Tick);
        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal("vib1", trip.Target);
        Assert.Equal("vib1 has reached today's vibration dose limit (A(8) 2.50 m/s², limit 2.50 m/s²). No more vibration at this site today.", trip.Message);
    }

    [Theory]
    [InlineData(false, 0.5)]
    [InlineData(true, 0.0)]
    public void A_dose_over_the_limit_is_judged_only_when_a_motor_runs_again(bool power, double amplitude)
    {
        var (rule, h) = Running(amplitude);
        h.Context.LastOutputs.MasterEnable = power;
        rule.Seed(0, 2 * DoseAtLimit);
        h.Judge(rule, 0.0);
        Assert.Empty(h.Context.Trips);

        h.Context.LastOutputs.MasterEnable = true;
        h.Context.LastOutputs.Vibration[0].Amplitude = 0.5;
        h.Judge(rule, Tick);
        Assert.Single(h.Context.Trips);
    }

    [Fact]
    public void A_tightened_limit_is_the_one_judged()
    {
        var h = new SupervisorHarness(LimitSet.Absolute.Tighten([(AbsoluteLimits.VibrationDailyA8MaxMPerS2, 1.0)]));
        var rule = new VibrationDoseRule(h.Shape.Vibration);
        h.Context.LastOutputs.MasterEnable = true;
        h.Context.LastOutputs.Vibration[1].Amplitude = 1e-9;
        rule.Seed(1, VibrationDoseRule.ReferenceS); // A(8) exactly 1 m/s²
        h.Judge(rule, 0.0);
        Assert.Empty(h.Context.Trips);

        h.Context.LastOutputs.Vibration[1].Amplitude = 0.1;
        h.Judge(rule, Tick);
        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal("vib2", trip.Target);
        Assert.Contains("(A(8) 1.00 m/s², limit 1.00 m/s²)", trip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Through_the_supervisor_the_dose_survives_an_acknowledgement_and_trips_again_at_the_next_vibration()
    {
        var h = new SupervisorHarness();
        var dose = h.Supervisor.Rules.OfType<VibrationDoseRule>().Single();
        dose.Seed(0, DoseAtLimit);
        Assert.False(h.Step(h.Running())); // tick 0 writes the motors on; the rules see them run from the next tick
        Assert.True(h.Step(h.Running()));
        var alarm = Assert.Single(h.Alarms.Active);
        Assert.Equal(("vibration-daily-dose", "vib1", AlarmPriority.Medium), (alarm.Rule, alarm.Target, alarm.Priority));

        var held = dose.Dose(0);
        h.Alarms.RequestAcknowledge();
        var next = h.Running();
        h.Step(next);
        Assert.True(h.Supervisor.AcknowledgedThisTick);
        Assert.Equal(held, dose.Dose(0));
        Assert.False(next.IsSafe); // the acknowledgement's tick judges the safe outputs of the tick before
        Assert.True(h.Step(h.Running()));
        Assert.True(h.Alarms.Contains("vibration-daily-dose", "vib1"));
    }

    /// <summary>The rule alone over the harness's context, power on and vib1 at <paramref name="amplitude"/>.</summary>
    private static (VibrationDoseRule Rule, SupervisorHarness H) Running(double amplitude)
    {
        var h = new SupervisorHarness();
        h.Context.LastOutputs.MasterEnable = true;
        h.Context.LastOutputs.Vibration[0].Amplitude = amplitude;
        return (new VibrationDoseRule(h.Shape.Vibration), h);
    }
}
