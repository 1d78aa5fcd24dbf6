using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// PadUnderTemperatureRule (pad-under-temperature) at its boundary, through the supervisor: either readable sensor of
/// either pad at or below 10 °C (<see cref="AbsoluteLimits.PadMinTripC"/>, or a tightened value) makes the outputs
/// safe in the tick that reads it; a failed read is not judged; the message gives the colder readable sensor.
/// </summary>
public class PadUnderTemperatureRuleTests
{
    [Theory]
    [InlineData(0, true, 10.0, true)]
    [InlineData(0, true, 10.01, false)]
    [InlineData(0, false, 10.0, true)]
    [InlineData(0, false, 10.01, false)]
    [InlineData(1, true, 10.0, true)]
    [InlineData(1, false, 10.01, false)]
    public void Either_sensor_at_or_below_10_C_trips_in_the_tick_that_reads_it(int pad, bool control, double readingC, bool trips)
    {
        var h = new SupervisorHarness();
        // The other sensor reads the coldest target a profile may ask.
        h.Sensors.Pads[pad].ControlC = SupervisorHarness.Good(control ? readingC : AbsoluteLimits.PadMinTargetC.Value);
        h.Sensors.Pads[pad].SafetyC = SupervisorHarness.Good(control ? AbsoluteLimits.PadMinTargetC.Value : readingC);
        var outputs = h.Running();

        Assert.Equal(trips, h.Step(outputs));
        Assert.Equal(trips, outputs.IsSafe);
        Assert.Equal(trips, h.Alarms.Contains("pad-under-temperature", h.Shape.Pads[pad]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_failed_read_is_not_judged(bool control)
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Reading(control ? 5.0 : 32.0, ok: !control);
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Reading(control ? 32.0 : 5.0, ok: control);
        Assert.False(h.Step(h.Running()));
    }

    [Theory]
    [InlineData(9.5, true, 12.0, true, "9.5")]
    [InlineData(12.0, true, 9.8, true, "9.8")]
    [InlineData(5.0, false, 9.8, true, "9.8")]
    [InlineData(9.5, true, 2.0, false, "9.5")]
    public void The_message_gives_the_colder_readable_sensor_the_limit_and_what_to_check_once(double controlC, bool controlOk, double safetyC, bool safetyOk, string shown)
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Reading(controlC, controlOk);
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Reading(safetyC, safetyOk);
        var trip = Assert.Single(h.TripsOver(5, "pad-under-temperature"));
        Assert.Equal("pad1", trip.Target);
        Assert.Equal(
            $"pad1 fell to {shown} °C, at or below the 10.0 °C limit. All outputs were switched off. " +
            "Remove the pad, check the skin for cold injury, and check the pad's cooling drive.",
            trip.Message);
    }

    [Theory]
    [InlineData(12.0, true)]
    [InlineData(12.01, false)]
    public void A_trip_tightened_by_configuration_is_the_one_judged(double readingC, bool trips)
    {
        var h = new SupervisorHarness(LimitSet.Absolute.Tighten([(AbsoluteLimits.PadMinTripC, 12.0)]));
        h.Sensors.Pads[1].SafetyC = SupervisorHarness.Good(readingC);
        h.Sensors.Pads[1].ControlC = SupervisorHarness.Good(15.0);

        Assert.Equal(trips, h.Step(h.Running()));
        Assert.Equal(trips, h.Alarms.Contains("pad-under-temperature", "pad2"));
        if (trips)
        {
            Assert.Contains("at or below the 12.0 °C limit", h.Alarms.Active[0].Message, StringComparison.Ordinal);
        }
    }
}
