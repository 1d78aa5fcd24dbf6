using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// The alarm book, through the supervisor: one alarm per rule and target, highest priority first, stamped with the
/// tick's time; <see cref="AlarmBook.Changed"/> raised only when the set changes; an acknowledgement request used once.
/// </summary>
public class AlarmBookTests
{
    [Fact]
    public void Alarms_are_listed_highest_priority_first_and_found_by_rule_and_target_together()
    {
        var h = new SupervisorHarness();
        Assert.False(h.Alarms.AnyLatched);
        h.Supervisor.Rules.OfType<VibrationDoseRule>().Single().Seed(0, 1e6);
        h.Step(h.Running());
        h.Step(h.Running()); // the dose rule (medium) trips on the first tick that sees the motors run
        h.Sensors.Pressure[1].ForceN = SupervisorHarness.Good(61.0);
        h.Step(h.Running()); // pressure overload (high) trips later

        Assert.True(h.Alarms.AnyLatched);
        Assert.Equal([("pressure-overload", AlarmPriority.High), ("vibration-daily-dose", AlarmPriority.Medium)],
            h.Alarms.Active.Select(a => (a.Rule, a.Priority)));
        Assert.True(h.Alarms.Contains("pressure-overload", "pressure2"));
        Assert.False(h.Alarms.Contains("pressure-overload", "pressure1"));
        Assert.False(h.Alarms.Contains("sensor-lost", "pressure2"));
    }

    [Fact]
    public void Alarms_of_one_priority_are_listed_in_the_order_they_were_raised()
    {
        var h = new SupervisorHarness();
        h.Sensors.Pressure[1].ForceN = SupervisorHarness.Good(61.0);
        h.Step(h.Running());
        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Good(61.0);
        h.Step(h.Running());
        Assert.Equal(["pressure2", "pressure1"], h.Alarms.Active.Select(a => a.Target));
    }

    [Fact]
    public void An_alarm_carries_the_trip_and_the_time_of_the_tick_that_raised_it()
    {
        var h = new SupervisorHarness();
        for (var i = 0; i < 7; i++)
        {
            h.Step(h.Running());
        }

        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Good(60.0);
        h.Step(h.Running());
        var trip = Assert.Single(h.Context.Trips);
        var alarm = Assert.Single(h.Alarms.Active);
        Assert.Equal(new Alarm(trip.Rule, trip.Target, trip.Priority, trip.Kind, trip.Message, trip.DetectedAtS, h.Clock.GetUtcNow()), alarm);
        Assert.Equal(7 * SupervisorHarness.Period, alarm.RaisedAtS, precision: 12);
    }

    [Fact]
    public void Changed_is_raised_once_per_change_with_the_new_set()
    {
        var h = new SupervisorHarness();
        var careless = new CarelessRule();
        var supervisor = new SafetySupervisor([careless], h.Alarms, h.Clock);
        var changes = new List<IReadOnlyList<Alarm>>();
        h.Alarms.Changed += changes.Add;

        h.Alarms.RequestAcknowledge();
        supervisor.Evaluate(h.Context); // nothing latched: clearing changes nothing
        Assert.Empty(changes);

        careless.Tripping = true;
        supervisor.Evaluate(h.Context);
        supervisor.Evaluate(h.Context); // the same rule and target again: still one alarm, no change
        var latched = Assert.Single(changes);
        Assert.Equal([("careless", "x"), ("careless", "x")], h.Context.Trips.Select(t => (t.Rule, t.Target)));
        Assert.Equal("careless", Assert.Single(latched).Rule);
        Assert.Single(h.Alarms.Active);

        careless.Tripping = false;
        h.Alarms.RequestAcknowledge();
        Assert.False(supervisor.Evaluate(h.Context));
        Assert.Equal(2, changes.Count);
        Assert.Empty(changes[1]);
        Assert.False(h.Alarms.AnyLatched);
    }

    [Fact]
    public void An_acknowledgement_request_is_used_once()
    {
        var h = new SupervisorHarness();
        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Good(61.0);
        h.Step(h.Running());
        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Good(3.0);
        h.Alarms.RequestAcknowledge();
        Assert.False(h.Step(h.Running()));
        Assert.True(h.Supervisor.AcknowledgedThisTick);

        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Good(61.0);
        h.Step(h.Running());
        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Good(3.0);
        Assert.True(h.Step(h.Running()));
        Assert.False(h.Supervisor.AcknowledgedThisTick);
        Assert.True(h.Alarms.Contains("pressure-overload", "pressure1"));
    }

    /// <summary>A rule that reports its breach twice per tick and never asks whether it is latched already.</summary>
    private sealed class CarelessRule() : SafetyRule("careless", AlarmPriority.Medium)
    {
        public bool Tripping { get; set; }

        public override void Evaluate(SafetyContext context)
        {
            if (Tripping)
            {
                context.Trip(this, "x", "again");
                context.Trip(this, "x", "and again");
            }
        }
    }
}
