using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// StopInputRule (estop, patient-stop), through the supervisor: each press is reported once, as a person's stop
/// with its own priority and message; the E-stop latches an alarm and the patient's button does not; while either
/// input is held an acknowledgement is refused.
/// </summary>
public class StopInputRuleTests
{
    [Fact]
    public void The_e_stop_is_a_high_priority_person_stop_that_latches_with_what_to_do()
    {
        var h = new SupervisorHarness();
        h.Sensors.EStopActive = true;
        Assert.True(h.Step(h.Running()));

        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal(("estop", "", AlarmPriority.High, TripKind.PersonStop, true), (trip.Rule, trip.Target, trip.Priority, trip.Kind, trip.Latches));
        Assert.Equal("The E-stop was pressed (or its wiring is broken). Actuator power is cut. Release the E-stop and acknowledge to continue.", trip.Message);
        Assert.True(h.Alarms.Contains("estop", ""));
    }

    [Fact]
    public void The_patient_stop_is_a_low_priority_person_stop_reported_once_per_press_without_an_alarm()
    {
        var h = new SupervisorHarness();
        var trips = new List<Trip>();
        foreach (var pressed in new[] { true, true, true, false, false, true, true })
        {
            h.Sensors.PatientStopActive = pressed;
            var outputs = h.Running();
            Assert.Equal(pressed, h.Step(outputs));
            Assert.Equal(pressed, outputs.IsSafe);
            trips.AddRange(h.Context.Trips);
        }

        Assert.Equal(2, trips.Count);
        Assert.All(trips, t => Assert.Equal(("patient-stop", "", AlarmPriority.Low, TripKind.PersonStop, false), (t.Rule, t.Target, t.Priority, t.Kind, t.Latches)));
        Assert.All(trips, t => Assert.Equal("The patient pressed the stop button. The stimulus was stopped at once.", t.Message));
        Assert.Empty(h.Alarms.Active);
    }

    [Fact]
    public void An_e_stop_pressed_again_before_its_alarm_was_acknowledged_is_not_reported_twice()
    {
        var h = new SupervisorHarness();
        var trips = 0;
        foreach (var pressed in new[] { true, true, false, false, true, true })
        {
            h.Sensors.EStopActive = pressed;
            Assert.True(h.Step(h.Running()));
            trips += h.Context.Trips.Count;
        }

        Assert.Equal(1, trips);
        Assert.Single(h.Alarms.Active);
    }

    [Fact]
    public void An_acknowledgement_is_refused_while_the_patient_holds_the_stop_button_and_carried_out_after_release()
    {
        var h = new SupervisorHarness();
        h.Sensors.EStopActive = true;
        h.Step(h.Running());
        h.Sensors.EStopActive = false;
        h.Sensors.PatientStopActive = true;
        h.Step(h.Running());
        Assert.True(h.Supervisor.StopInputActive);

        h.Alarms.RequestAcknowledge();
        Assert.True(h.Step(h.Running()));
        Assert.False(h.Supervisor.AcknowledgedThisTick);
        Assert.True(h.Alarms.Contains("estop", ""));

        h.Sensors.PatientStopActive = false;
        h.Step(h.Running());
        Assert.False(h.Supervisor.StopInputActive);
        Assert.True(h.Alarms.Contains("estop", "")); // the refused request was used up: it does not wait for the release
        h.Alarms.RequestAcknowledge();
        Assert.False(h.Step(h.Running()));
        Assert.True(h.Supervisor.AcknowledgedThisTick);
        Assert.Empty(h.Alarms.Active);
    }

    [Fact]
    public void Reset_forgets_a_press_so_one_still_held_is_reported_again()
    {
        // The supervisor resets only when no stop input is active; the rule alone shows what Reset forgets.
        var h = new SupervisorHarness();
        var rule = StopInputRule.PatientStop();
        h.Sensors.PatientStopActive = true;
        h.Judge(rule, 0.0);
        h.Judge(rule, 0.01);
        Assert.True(rule.IsActive);
        Assert.Single(h.Context.Trips);

        rule.Reset();
        Assert.False(rule.IsActive);
        h.Judge(rule, 0.02);
        Assert.Equal(2, h.Context.Trips.Count);
    }
}
