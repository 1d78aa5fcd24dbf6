using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Safety.Tests;

public class SafetyRuleTests
{
    [Fact]
    public void Over_temperature_makes_every_output_safe_in_the_tick_that_reads_it_and_latches()
    {
        var h = new SupervisorHarness();
        Assert.False(h.Step(h.Running()));
        h.Sensors.Pads[1].SafetyC = SupervisorHarness.Good(43.0);
        var outputs = h.Running();

        Assert.True(h.Step(outputs));

        Assert.True(outputs.IsSafe);
        Assert.Contains(h.Alarms.Active, a => a.Rule == "pad-over-temperature" && a.Target == "pad2");
        // Still latched once the reading is back to normal: only a person clears it.
        h.SetAllPads(32);
        var next = h.Running();
        Assert.True(h.Step(next));
        Assert.True(next.IsSafe);
    }

    [Fact]
    public void Acknowledged_alarm_clears_at_the_next_tick_and_outputs_are_allowed_again()
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Good(9.5);
        h.Step(h.Running());
        Assert.Contains(h.Alarms.Active, a => a.Rule == "pad-under-temperature");

        h.SetAllPads(32);
        h.Alarms.RequestAcknowledge();
        var outputs = h.Running();
        Assert.False(h.Step(outputs));
        Assert.False(outputs.IsSafe);
        Assert.True(h.Supervisor.AcknowledgedThisTick);
        Assert.Empty(h.Alarms.Active);
    }

    [Fact]
    public void Sensor_disagreement_trips_after_one_second_not_before()
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Good(35.0);
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Good(37.5);
        var ticks = 0;
        while (!h.Step(h.Running()) && ticks < 500)
        {
            ticks++;
        }

        Assert.InRange(ticks * SupervisorHarness.Period, 1.0, 1.05);
        Assert.Contains(h.Alarms.Active, a => a.Rule == "sensor-disagreement" && a.Target == "pad1");
    }

    [Fact]
    public void A_latched_alarm_whose_cause_persists_is_reported_once_not_once_per_window()
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Good(35.0);
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Good(37.5);
        var trips = 0;
        for (var i = 0; i < 500; i++)
        {
            h.Step(h.Running());
            trips += h.Context.Trips.Count(t => t.Rule == "sensor-disagreement");
        }

        Assert.Equal(1, trips);
    }

    [Fact]
    public void A_sensor_that_stops_answering_trips_on_the_third_failed_tick()
    {
        var h = new SupervisorHarness();
        for (var t = 1; t <= 3; t++)
        {
            h.Sensors.Pads[1].ControlC = new SensorValue { Value = 32, Ok = false, TicksSinceFresh = t };
            var safe = h.Step(h.Running());
            Assert.Equal(t == 3, safe);
        }

        Assert.Contains(h.Alarms.Active, a => a.Rule == "sensor-lost" && a.Target == "pad2.control");
    }

    [Fact]
    public void Runaway_heating_is_caught_before_the_surface_limit()
    {
        var h = new SupervisorHarness();
        var c = 36.0;
        var tripped = false;
        while (!tripped && c < 43)
        {
            c += 6.0 * SupervisorHarness.Period; // a heater stuck on: 6 °C/s
            h.SetAllPads(c);
            tripped = h.Step(h.Running());
        }

        Assert.True(tripped);
        Assert.True(c < 39.0, $"caught at {c:0.00} °C");
        Assert.Contains(h.Alarms.Active, a => a.Rule == "thermal-runaway");
    }

    [Fact]
    public void Withdrawal_during_a_stimulus_stops_it_at_once_without_latching_an_alarm()
    {
        var h = new SupervisorHarness();
        h.Context.Intent.StimulusActive = true;
        for (var i = 0; i < 20; i++)
        {
            h.Step(h.Running());
        }

        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Good(0.3);
        var outputs = h.Running();
        Assert.True(h.Step(outputs));
        Assert.True(outputs.IsSafe);
        Assert.Contains(h.Context.Trips, t => t.Rule == "limb-withdrawal" && t.Kind == TripKind.PatientResponse);
        Assert.Empty(h.Alarms.Active);
    }

    [Theory]
    [InlineData(3.0, false)] // relaxing from the 10 N press back to the 3 N it rested with: what was asked
    [InlineData(0.3, true)]  // off the sensor altogether, below 30 % of its resting contact: a withdrawal
    public void Right_after_a_guided_press_only_a_fall_below_the_resting_contact_is_a_withdrawal(double releasedToN, bool withdrawal)
    {
        var h = new SupervisorHarness();
        h.Context.Intent.StimulusActive = true;
        h.Context.Intent.Pressure[0].Guided = true;
        h.Step(h.Running()); // resting contact (3 N) as the press begins
        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Good(10.0);
        for (var i = 0; i < 200; i++)
        {
            h.Step(h.Running());
        }

        h.Context.Intent.Pressure[0].Guided = false; // the press step ends; warmth goes on
        h.Step(h.Running());
        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Good(releasedToN);
        var tripped = false;
        for (var i = 0; i < 300; i++)
        {
            h.Step(h.Running());
            tripped |= h.Context.Trips.Any(t => t.Rule == "limb-withdrawal");
        }

        Assert.Equal(withdrawal, tripped);
    }

    [Fact]
    public void Estop_latches_and_an_acknowledgement_does_not_clear_it_while_pressed()
    {
        var h = new SupervisorHarness();
        h.Sensors.EStopActive = true;
        Assert.True(h.Step(h.Running()));
        h.Alarms.RequestAcknowledge();
        Assert.True(h.Step(h.Running()));
        Assert.Contains(h.Alarms.Active, a => a.Rule == "estop");

        h.Sensors.EStopActive = false;
        h.Step(h.Running());
        h.Alarms.RequestAcknowledge();
        Assert.False(h.Step(h.Running()));
        Assert.Empty(h.Alarms.Active);
    }

    [Fact]
    public void Patient_stop_holds_outputs_safe_while_pressed_and_latches_nothing()
    {
        var h = new SupervisorHarness();
        h.Sensors.PatientStopActive = true;
        for (var i = 0; i < 5; i++)
        {
            var o = h.Running();
            Assert.True(h.Step(o));
            Assert.True(o.IsSafe);
        }

        Assert.Empty(h.Alarms.Active);
        h.Sensors.PatientStopActive = false;
        Assert.False(h.Step(h.Running()));
    }

    [Fact]
    public void Motor_drawing_current_while_commanded_off_trips_as_stuck_on()
    {
        var h = new SupervisorHarness();
        var outputs = h.Running();
        outputs.Vibration[0].Amplitude = 0;
        h.Step(outputs);
        h.Sensors.Vibration[0].CurrentA = SupervisorHarness.Good(0.75);
        var ticks = 0;
        while (!h.Step(Clone(outputs)) && ticks < 100)
        {
            ticks++;
        }

        Assert.InRange(ticks, 9, 12);
        Assert.Contains(h.Alarms.Active, a => a.Rule == "motor-stuck-on" && a.Target == "vib1");
    }

    [Fact]
    public void Missed_ticks_trip_the_loop_health_rule_at_three()
    {
        var h = new SupervisorHarness();
        h.Context.MissedTicks = 2;
        Assert.False(h.Step(h.Running()));
        h.Context.MissedTicks = 3;
        Assert.True(h.Step(h.Running()));
        Assert.Contains(h.Alarms.Active, a => a.Rule == "control-loop" && a.Target == "deadline");
    }

    [Fact]
    public void Pressure_at_the_limit_trips()
    {
        var h = new SupervisorHarness();
        h.Sensors.Pressure[1].ForceN = SupervisorHarness.Good(60.0);
        Assert.True(h.Step(h.Running()));
        Assert.Contains(h.Alarms.Active, a => a.Rule == "pressure-overload" && a.Target == "pressure2");
    }

    [Fact]
    public void Configuration_may_tighten_a_limit_but_never_loosen_it()
    {
        var tight = new SafetyOptions { PadMaxTripC = 41.5, PadMaxTargetC = 40.5 }.ToLimits();
        Assert.Equal(41.5, tight[AbsoluteLimits.PadMaxTripC]);
        var ex = Assert.Throws<ArgumentException>(() => new SafetyOptions { PadMaxTripC = 45 }.ToLimits());
        Assert.Contains("Safety:PadMaxTripC", ex.Message);
        Assert.Contains("loosen", ex.Message);
        Assert.Throws<ArgumentException>(() => new SafetyOptions { PadMinTripC = 5 }.ToLimits());

        var h = new SupervisorHarness(tight);
        h.SetAllPads(41.6);
        Assert.True(h.Step(h.Running()));
    }

    private static ActuatorFrame Clone(ActuatorFrame o)
    {
        var c = new ActuatorFrame(o.Pads.Length, o.Vibration.Length) { MasterEnable = o.MasterEnable };
        o.Pads.AsSpan().CopyTo(c.Pads);
        o.Vibration.AsSpan().CopyTo(c.Vibration);
        return c;
    }
}
