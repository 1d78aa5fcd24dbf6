using AmpsDevice.FirmwareHost.Safety;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// LoopHealthRule (control-loop), through the supervisor: 3 missed ticks in a row trip "deadline", any output that
/// failed to write trips "outputs"; each is reported once while it lasts, with what happened and what to check.
/// </summary>
public class LoopHealthRuleTests
{
    [Fact]
    public void Three_missed_ticks_are_reported_once_with_how_long_the_loop_went_unsupervised()
    {
        var h = new SupervisorHarness();
        h.Context.MissedTicks = 3;
        var trips = new List<Trip>();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(h.Step(h.Running()));
            trips.AddRange(h.Context.Trips);
        }

        var trip = Assert.Single(trips);
        Assert.Equal(("control-loop", "deadline", AlarmPriority.High, TripKind.Fault), (trip.Rule, trip.Target, trip.Priority, trip.Kind));
        Assert.Equal(
            "The control loop missed 3 ticks in a row (30 ms without supervision). Outputs were made safe. If this repeats, the controller is overloaded: report it.",
            trip.Message);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void Any_output_that_failed_to_write_trips_outputs_once(int failures, bool trips)
    {
        var h = new SupervisorHarness();
        h.Context.LastWriteFailures = failures;
        var reported = new List<Trip>();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(trips, h.Step(h.Running()));
            reported.AddRange(h.Context.Trips);
        }

        Assert.Equal(trips ? 1 : 0, reported.Count);
        if (trips)
        {
            Assert.Equal(("control-loop", "outputs"), (reported[0].Rule, reported[0].Target));
            Assert.Equal(
                $"{failures} output(s) failed to write. The hardware may not be doing what it is told, so actuator power was cut. Check the PWM controller and its I2C wiring.",
                reported[0].Message);
        }
    }

    [Fact]
    public void Missed_ticks_and_failed_writes_in_one_tick_are_two_alarms()
    {
        var h = new SupervisorHarness();
        h.Context.MissedTicks = 4;
        h.Context.LastWriteFailures = 1;
        Assert.True(h.Step(h.Running()));
        Assert.Equal(["deadline", "outputs"], h.Context.Trips.Select(t => t.Target));
        Assert.True(h.Alarms.Contains("control-loop", "deadline"));
        Assert.True(h.Alarms.Contains("control-loop", "outputs"));
    }
}
