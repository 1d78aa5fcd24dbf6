using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// SensorDisagreementRule (sensor-disagreement) at its boundaries, the rule alone at exact times: the two sensors of a
/// pad may differ by 2 °C for ever, and by more for 1 s; past that it trips, naming both readings. A failed read is
/// not judged; after a report or a reset the time starts again.
/// </summary>
public class SensorDisagreementRuleTests
{
    private const double Tick = SupervisorHarness.Period;

    [Theory]
    [InlineData(37.0, false)]
    [InlineData(33.0, false)]
    [InlineData(37.01, true)]
    [InlineData(32.99, true)]
    public void A_difference_of_more_than_2_C_for_more_than_1_s_trips(double safetyC, bool trips)
    {
        var (rule, h) = Disagreeing(35.0, safetyC);
        h.Judge(rule, 0.0);
        h.Judge(rule, SensorDisagreementRule.MaxDifferenceS);
        Assert.Empty(h.Context.Trips);
        h.Judge(rule, SensorDisagreementRule.MaxDifferenceS + Tick);
        Assert.Equal(trips, h.Context.Trips.Count == 1);
    }

    [Fact]
    public void The_trip_names_both_readings_and_then_the_time_starts_again()
    {
        var (rule, h) = Disagreeing(35.0, 37.5);
        h.Judge(rule, 0.0);
        h.Judge(rule, 1.5);
        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal(("sensor-disagreement", "pad1", AlarmPriority.High), (trip.Rule, trip.Target, trip.Priority));
        Assert.Equal(
            "pad1: control sensor reads 35.0 °C but the safety sensor reads 37.5 °C. A sensor is stuck, offset or off the pad. " +
            "Check both sensors are seated against the pad before acknowledging.",
            trip.Message);

        // The rule alone latches nothing: after its report it times the difference again from the next tick.
        h.Judge(rule, 1.6);
        h.Judge(rule, 2.5);
        Assert.Single(h.Context.Trips);
        rule.Reset();
        h.Judge(rule, 2.6);
        h.Judge(rule, 2.6 + SensorDisagreementRule.MaxDifferenceS - Tick);
        Assert.Single(h.Context.Trips);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_failed_read_on_either_sensor_is_not_judged(bool controlFails)
    {
        var (rule, h) = Disagreeing(35.0, 40.0);
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Reading(35.0, ok: !controlFails);
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Reading(40.0, ok: controlFails);
        h.Judge(rule, 0.0);
        h.Judge(rule, 5.0);
        Assert.Empty(h.Context.Trips);
    }

    private static (SensorDisagreementRule Rule, SupervisorHarness H) Disagreeing(double controlC, double safetyC)
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Good(controlC);
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Good(safetyC);
        return (new SensorDisagreementRule(2), h);
    }
}
