using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// The over-temperature trip at its boundary, through the supervisor with every standard rule: either sensor of
/// either pad at 42.5 °C (<see cref="AbsoluteLimits.PadMaxTripC"/>) or above makes the outputs safe in the tick
/// that reads it; just under it, at the hottest target's neighbourhood, nothing trips.
/// </summary>
public class PadOverTemperatureBoundaryTests
{
    [Theory]
    [InlineData(0, true, 42.49, false)]
    [InlineData(0, true, 42.5, true)]
    [InlineData(0, false, 42.49, false)]
    [InlineData(0, false, 42.5, true)]
    [InlineData(1, true, 42.49, false)]
    [InlineData(1, true, 42.5, true)]
    [InlineData(1, false, 42.49, false)]
    [InlineData(1, false, 42.5, true)]
    public void Either_sensor_at_or_above_42_5_C_trips_pad_over_temperature_in_the_tick_that_reads_it(int pad, bool control, double readingC, bool trips)
    {
        var h = new SupervisorHarness();
        // The other sensor reads the hottest target a profile may ask: only the one under test is near the trip.
        h.Sensors.Pads[pad].ControlC = SupervisorHarness.Good(control ? readingC : AbsoluteLimits.PadMaxTargetC.Value);
        h.Sensors.Pads[pad].SafetyC = SupervisorHarness.Good(control ? AbsoluteLimits.PadMaxTargetC.Value : readingC);
        var outputs = h.Running();

        Assert.Equal(trips, h.Step(outputs));

        Assert.Equal(trips, outputs.IsSafe);
        Assert.Equal(trips, h.Alarms.Contains("pad-over-temperature", h.Shape.Pads[pad]));
    }

    [Theory]
    [InlineData(41.99, false)]
    [InlineData(42.0, true)]
    public void A_trip_tightened_by_configuration_is_the_one_judged(double readingC, bool trips)
    {
        var h = new SupervisorHarness(LimitSet.Absolute.Tighten([(AbsoluteLimits.PadMaxTripC, 42.0), (AbsoluteLimits.PadMaxTargetC, 41.5)]));
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Good(readingC);
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Good(41.5);

        Assert.Equal(trips, h.Step(h.Running()));
        Assert.Equal(trips, h.Alarms.Contains("pad-over-temperature", "pad1"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_failed_read_is_not_judged(bool control)
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Reading(control ? 50.0 : 32.0, ok: !control);
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Reading(control ? 32.0 : 50.0, ok: control);
        Assert.False(h.Step(h.Running()));
    }

    [Theory]
    [InlineData(43.0, true, 42.6, true, "43.0")]
    [InlineData(42.6, true, 43.2, true, "43.2")]
    [InlineData(50.0, false, 42.7, true, "42.7")]
    [InlineData(42.8, true, 60.0, false, "42.8")]
    public void The_message_gives_the_hotter_readable_sensor_the_limit_and_what_to_check_once(double controlC, bool controlOk, double safetyC, bool safetyOk, string shown)
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[1].ControlC = SupervisorHarness.Reading(controlC, controlOk);
        h.Sensors.Pads[1].SafetyC = SupervisorHarness.Reading(safetyC, safetyOk);
        var trip = Assert.Single(h.TripsOver(5, "pad-over-temperature"));
        Assert.Equal(("pad2", AlarmPriority.High), (trip.Target, trip.Priority));
        Assert.Equal(
            $"pad2 reached {shown} °C, at or above the 42.5 °C limit. All outputs were switched off. " +
            "Check the pad against the child's skin and let it cool before acknowledging.",
            trip.Message);
    }
}
