using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// PressureOverloadRule (pressure-overload) at its boundary, through the supervisor: a readable force at or above
/// 60 N (<see cref="AbsoluteLimits.PressureMaxTripN"/>, or a tightened value) on either channel makes the outputs safe
/// in the tick that reads it and is reported once, naming the channel and the force.
/// </summary>
public class PressureOverloadRuleTests
{
    [Theory]
    [InlineData(0, 59.99, false)]
    [InlineData(0, 60.0, true)]
    [InlineData(1, 59.99, false)]
    [InlineData(1, 60.0, true)]
    public void A_force_at_or_above_60_N_trips_in_the_tick_that_reads_it(int channel, double forceN, bool trips)
    {
        var h = new SupervisorHarness();
        h.Sensors.Pressure[channel].ForceN = SupervisorHarness.Good(forceN);
        var outputs = h.Running();

        Assert.Equal(trips, h.Step(outputs));
        Assert.Equal(trips, outputs.IsSafe);
        Assert.Equal(trips, h.Alarms.Contains("pressure-overload", h.Shape.Pressure[channel]));
    }

    [Fact]
    public void A_failed_read_is_not_judged()
    {
        var h = new SupervisorHarness();
        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Failed(80.0);
        Assert.False(h.Step(h.Running()));
    }

    [Fact]
    public void The_trip_names_the_channel_the_force_and_the_limit_once()
    {
        var h = new SupervisorHarness(LimitSet.Absolute.Tighten([(AbsoluteLimits.PressureMaxTripN, 40.0), (AbsoluteLimits.PressureMaxTargetN, 30.0)]));
        h.Sensors.Pressure[1].ForceN = SupervisorHarness.Good(41.0);
        var trips = new List<Trip>();
        for (var i = 0; i < 5; i++)
        {
            h.Step(h.Running());
            trips.AddRange(h.Context.Trips);
        }

        var trip = Assert.Single(trips);
        Assert.Equal(("pressure-overload", "pressure2", AlarmPriority.High), (trip.Rule, trip.Target, trip.Priority));
        Assert.Equal("pressure2 measured 41 N, at or above the 40 N limit. All outputs were switched off. Ask the patient to release and check the limb.", trip.Message);
    }
}
