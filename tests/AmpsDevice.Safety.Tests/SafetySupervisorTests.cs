using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;

namespace AmpsDevice.Safety.Tests;

/// <summary>The supervisor's own paths: a rule that throws, and what an acknowledgement does and refuses to do.</summary>
public class SafetySupervisorTests
{
    [Fact]
    public void A_rule_that_throws_makes_the_outputs_safe_in_that_tick_and_latches_a_rule_error_alarm()
    {
        var h = new SupervisorHarness();
        var broken = new ThrowingRule();
        var supervisor = new SafetySupervisor([broken, .. SafetySupervisor.StandardRules(h.Shape, SupervisorHarness.Period, 0.75)], h.Alarms, h.Clock);
        var outputs = h.Running();
        Assert.False(supervisor.Evaluate(h.Context));

        broken.Throwing = true;
        // The rules after the broken one still judge this tick: pad2's over-temperature is latched too.
        h.Sensors.Pads[1].SafetyC = SupervisorHarness.Good(43.5);
        Assert.True(supervisor.Evaluate(h.Context));
        supervisor.Gate(outputs);

        Assert.True(outputs.IsSafe);
        var alarm = Assert.Single(h.Alarms.Active, a => a.Rule == "broken-rule");
        Assert.Equal("rule-error", alarm.Target);
        Assert.Equal(TripKind.Fault, alarm.Kind);
        Assert.Contains("The safety rule broken-rule failed (IndexOutOfRangeException: no such channel)", alarm.Message);
        Assert.Contains(h.Alarms.Active, a => a.Rule == "pad-over-temperature" && a.Target == "pad2");
    }

    [Fact]
    public void A_rule_that_keeps_throwing_is_reported_once_and_holds_the_outputs_safe_even_after_an_acknowledgement()
    {
        var h = new SupervisorHarness();
        var broken = new ThrowingRule { Throwing = true };
        var supervisor = new SafetySupervisor([broken, .. SafetySupervisor.StandardRules(h.Shape, SupervisorHarness.Period, 0.75)], h.Alarms, h.Clock);
        var trips = 0;
        for (var i = 0; i < 50; i++)
        {
            Assert.True(supervisor.Evaluate(h.Context));
            trips += h.Context.Trips.Count(t => t.Target == "rule-error");
        }

        Assert.Equal(1, trips);

        // An acknowledgement clears the alarm, but a rule that still cannot decide latches it again in the same tick.
        h.Alarms.RequestAcknowledge();
        var outputs = h.Running();
        Assert.True(supervisor.Evaluate(h.Context));
        supervisor.Gate(outputs);
        Assert.True(supervisor.AcknowledgedThisTick);
        Assert.True(outputs.IsSafe);
        Assert.Contains(h.Alarms.Active, a => a.Rule == "broken-rule" && a.Target == "rule-error");
    }

    [Fact]
    public void An_acknowledgement_asked_for_while_the_estop_is_held_is_not_carried_out()
    {
        var h = new SupervisorHarness();
        h.Sensors.EStopActive = true;
        Assert.True(h.Step(h.Running()));
        var latched = Assert.Single(h.Alarms.Active);
        var cleared = false;
        h.Alarms.Changed += active => cleared |= active.Count == 0;

        h.Alarms.RequestAcknowledge();
        var outputs = h.Running();
        Assert.True(h.Step(outputs));

        Assert.False(h.Supervisor.AcknowledgedThisTick, "an acknowledgement was carried out while the E-stop was held");
        Assert.False(cleared, "the alarms were cleared while the E-stop was held");
        Assert.Same(latched, Assert.Single(h.Alarms.Active));
        Assert.True(outputs.IsSafe);
    }

    [Fact]
    public void An_acknowledgement_starts_every_rule_afresh_so_evidence_from_before_it_is_not_judged_against_outputs_after_it()
    {
        var h = new SupervisorHarness();
        h.SetAllPads(40.0);
        for (var i = 0; i < 300; i++)
        {
            Assert.False(h.Step(h.Running()));
        }

        // An unrelated alarm cuts the power at 40 °C; the pad cools back at 0.8 °C/s for 2 s while the outputs are off.
        h.Sensors.Pressure[1].ForceN = SupervisorHarness.Good(61.0);
        Assert.True(h.Step(h.Running()));
        h.Sensors.Pressure[1].ForceN = SupervisorHarness.Good(3.0);
        var c = 40.0;
        for (var i = 0; i < 200; i++)
        {
            c -= 0.8 * SupervisorHarness.Period;
            h.SetAllPads(c);
            Assert.True(h.Step(h.Running()));
        }

        // The pad settles; a person acknowledges and heating resumes. The fall happened while nothing was driven:
        // it is no evidence that the bridge cools against a heating drive.
        h.Alarms.RequestAcknowledge();
        var tripped = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            h.Step(h.Running());
            tripped.AddRange(h.Context.Trips.Select(t => t.Rule));
        }

        Assert.Empty(tripped);
        Assert.Empty(h.Alarms.Active);
    }

    /// <summary>A rule with a bug: it throws while <see cref="Throwing"/>.</summary>
    private sealed class ThrowingRule() : SafetyRule("broken-rule", AlarmPriority.High)
    {
        public bool Throwing { get; set; }

        public override void Evaluate(SafetyContext context)
        {
            if (Throwing)
            {
                throw new IndexOutOfRangeException("no such channel");
            }
        }
    }
}
