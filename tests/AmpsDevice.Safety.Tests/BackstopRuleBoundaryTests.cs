using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Rules;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// The four backstop rules at their boundaries, through the supervisor with every standard rule: just
/// inside each limit nothing trips, just past it the named alarm latches, and each duration is met to
/// the tick (no trip in the last tick before it, a trip within a tick after it).
/// </summary>
public class BackstopRuleBoundaryTests
{
    private const double Tick = SupervisorHarness.Period;

    // HoldErrorRule (pad-hold-error): > 3 °C from a held setpoint for > 10 s.

    [Theory]
    [InlineData(+2.99, false)]
    [InlineData(+3.0, false)]
    [InlineData(+3.01, true)]
    [InlineData(-2.99, false)]
    [InlineData(-3.01, true)]
    public void HoldErrorRule_trips_pad_hold_error_only_past_3_C_from_the_held_setpoint(double errorC, bool trips)
    {
        var h = HoldingPad1At(35.0, errorC);
        var tripped = RunFor(h, HoldErrorRule.MaxErrorS + 1.0, "pad-hold-error");
        Assert.Equal(trips, tripped);
        Assert.Equal(trips, h.Alarms.Contains("pad-hold-error", "pad1"));
    }

    [Fact]
    public void HoldErrorRule_trips_pad_hold_error_just_after_10_s_of_error_not_before()
    {
        var h = HoldingPad1At(35.0, 3.01);
        var ticks = h.TicksUntilTrip("pad-hold-error", maxTicks: 2000);
        AssertTripsJustAfter(HoldErrorRule.MaxErrorS, ticks);
        Assert.Contains(h.Alarms.Active, a => a.Rule == "pad-hold-error" && a.Target == "pad1" && a.Message.Contains("+3.0 °C"));
    }

    [Fact]
    public void HoldErrorRule_does_not_judge_a_setpoint_still_ramping()
    {
        var h = HoldingPad1At(35.0, 5.0);
        h.Context.Intent.Pads[0].Holding = false;
        Assert.False(RunFor(h, 2 * HoldErrorRule.MaxErrorS, "pad-hold-error"));
    }

    [Fact]
    public void HoldErrorRule_restarts_its_timer_when_the_error_comes_back_inside_3_C()
    {
        var h = HoldingPad1At(35.0, 3.5);
        Assert.False(RunFor(h, HoldErrorRule.MaxErrorS - 0.5, "pad-hold-error"));
        SetPad(h, 0, 35.0 + 2.5);
        h.Step();
        SetPad(h, 0, 35.0 + 3.5);
        Assert.False(RunFor(h, HoldErrorRule.MaxErrorS - 0.5, "pad-hold-error"));
        Assert.True(RunFor(h, 1.0, "pad-hold-error"));
    }

    [Theory]
    [InlineData(false, true)] // the pad is not under control this tick
    [InlineData(true, false)] // its control sensor did not answer
    public void HoldErrorRule_does_not_judge_a_pad_out_of_control_or_a_failed_read(bool active, bool readOk)
    {
        var h = HoldingPad1At(35.0, 5.0);
        h.Context.Intent.Pads[0].Active = active;
        h.Sensors.Pads[0].ControlC.Ok = readOk;
        h.Sensors.Pads[0].ControlC.TicksSinceFresh = readOk ? 0 : 1;
        var rule = new HoldErrorRule(2);
        h.Judge(rule, 0.0);
        h.Judge(rule, 2 * HoldErrorRule.MaxErrorS);
        Assert.Empty(h.Context.Trips);
    }

    [Theory]
    [InlineData(3.5, "pad1 has been +3.5 °C from its 35.0 °C target for over 10 s.")]
    [InlineData(-3.5, "pad1 has been -3.5 °C from its 35.0 °C target for over 10 s.")]
    public void HoldErrorRule_allows_exactly_10_s_trips_past_it_and_then_times_the_error_afresh(double errorC, string opening)
    {
        var h = HoldingPad1At(35.0, errorC);
        var rule = new HoldErrorRule(2);
        h.Judge(rule, 0.0);
        h.Judge(rule, HoldErrorRule.MaxErrorS);
        Assert.Empty(h.Context.Trips);
        h.Judge(rule, HoldErrorRule.MaxErrorS + Tick);
        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal(("pad-hold-error", "pad1", AlarmPriority.Medium), (trip.Rule, trip.Target, trip.Priority));
        Assert.Equal(opening + " Temperature control is lost. Check the pad's contact with the skin and its heat sink fan.", trip.Message);

        // The rule alone latches nothing: after its report it times the error again from the next tick.
        h.Judge(rule, HoldErrorRule.MaxErrorS + 2 * Tick);
        h.Judge(rule, 2 * HoldErrorRule.MaxErrorS - 1.0);
        Assert.Single(h.Context.Trips);
        rule.Reset();
        h.Judge(rule, 30.0);
        h.Judge(rule, 30.0 + HoldErrorRule.MaxErrorS);
        Assert.Single(h.Context.Trips);
    }

    // HeatingCheckRule (pad-not-responding): driven at >= 80 % for > 20 s without moving 1 °C that way.

    [Theory]
    [InlineData(0.79, false)]
    [InlineData(0.80, true)]
    [InlineData(-0.79, false)]
    [InlineData(-0.80, true)]
    public void HeatingCheckRule_watches_a_pad_driven_at_80_percent_or_more_either_way(double drive, bool trips)
    {
        var h = new SupervisorHarness();
        Assert.Equal(trips, DriveAndMove(h, drive, movedC: 0.0, seconds: HeatingCheckRule.WindowS + 1.0));
        Assert.Equal(trips, h.Alarms.Contains("pad-not-responding", "pad1"));
    }

    [Theory]
    [InlineData(0.8, 0.99, true)]
    [InlineData(0.8, 1.0, false)]
    [InlineData(-0.8, -0.99, true)]
    [InlineData(-0.8, -1.0, false)]
    [InlineData(0.8, -3.0, true)] // heated hard while it cools: no response in the driven direction
    public void HeatingCheckRule_needs_1_C_in_the_driven_direction_within_20_s(double drive, double movedC, bool trips)
    {
        var h = new SupervisorHarness();
        // The pad moves at an even rate, reaching movedC just before the 20 s window closes.
        Assert.Equal(trips, DriveAndMove(h, drive, movedC, seconds: HeatingCheckRule.WindowS + 1.0, reachAtS: HeatingCheckRule.WindowS - 0.05));
    }

    [Fact]
    public void HeatingCheckRule_trips_pad_not_responding_just_after_20_s_of_hard_drive_not_before()
    {
        var h = new SupervisorHarness();
        var outputs = Driven(h, 1.0);
        var ticks = 0;
        // The first driven tick starts the watch: count from the tick after it.
        h.Step(Copy(h, outputs));
        while (!h.Step(Copy(h, outputs)) && ticks < 3000)
        {
            ticks++;
        }

        AssertTripsJustAfter(HeatingCheckRule.WindowS, ticks);
        Assert.Contains(h.Alarms.Active, a => a.Rule == "pad-not-responding" && a.Target == "pad1" && a.Message.Contains("heated hard"));
    }

    [Fact]
    public void HeatingCheckRule_does_not_watch_a_pad_whose_power_is_off()
    {
        var h = new SupervisorHarness();
        var outputs = Driven(h, 1.0);
        outputs.MasterEnable = false;
        for (var i = 0; i < (int)((HeatingCheckRule.WindowS + 1.0) / Tick); i++)
        {
            h.Step(Copy(h, outputs));
        }

        Assert.False(h.Alarms.Contains("pad-not-responding", "pad1"));
    }

    // SensorPlausibilityRule (sensor-implausible): a reading outside -10..80 °C, or not a number.

    [Theory]
    [InlineData(-10.0, false)]
    [InlineData(-10.01, true)]
    [InlineData(80.0, false)]
    [InlineData(80.01, true)]
    [InlineData(double.NaN, true)]
    public void SensorPlausibilityRule_trips_sensor_implausible_outside_minus_10_to_80_C(double readingC, bool trips)
    {
        foreach (var (sensor, target) in new[] { ("control", "pad2.control"), ("safety", "pad2.safety") })
        {
            var h = new SupervisorHarness();
            if (sensor == "control")
            {
                h.Sensors.Pads[1].ControlC = SupervisorHarness.Good(readingC);
            }
            else
            {
                h.Sensors.Pads[1].SafetyC = SupervisorHarness.Good(readingC);
            }

            var outputs = h.Running();
            h.Step(outputs);
            Assert.Equal(trips, h.Alarms.Contains("sensor-implausible", target));
            Assert.Equal(trips, h.Context.Trips.Any(t => t.Rule == "sensor-implausible"));
            if (trips)
            {
                Assert.True(outputs.IsSafe, $"{target} at {readingC} °C left the outputs on");
            }
        }
    }

    [Fact]
    public void SensorPlausibilityRule_does_not_judge_a_failed_read()
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Failed(500.0);
        h.Step(h.Running());
        Assert.False(h.Alarms.Contains("sensor-implausible", "pad1.control"));
    }

    [Fact]
    public void SensorPlausibilityRule_names_the_sensor_and_its_reading_once()
    {
        var h = new SupervisorHarness();
        h.Sensors.Pads[1].ControlC = SupervisorHarness.Good(85.0);
        var trip = Assert.Single(h.TripsOver(5, "sensor-implausible"));
        Assert.Equal(("pad2.control", AlarmPriority.High), (trip.Target, trip.Priority));
        Assert.Equal("pad2.control sensor reads 85.0 °C, which no pad on skin can be. The sensor or its wiring is faulty. Check the connector before acknowledging.", trip.Message);
    }

    // ExposureTimeRule (cold-exposure, warm-exposure): below 18 °C for > 120 s, above 41 °C for > 600 s.

    [Theory]
    [InlineData(18.0, false)]
    [InlineData(17.99, true)]
    public void ExposureTimeRule_cold_trips_cold_exposure_only_below_18_C(double c, bool trips)
    {
        var h = new SupervisorHarness();
        SetPad(h, 0, c);
        Assert.Equal(trips, RunFor(h, AbsoluteLimits.ColdExposureMaxS.Value + 1.0, "cold-exposure"));
        Assert.Equal(trips, h.Alarms.Contains("cold-exposure", "pad1"));
    }

    [Theory]
    [InlineData(41.0, false)]
    [InlineData(41.01, true)]
    public void ExposureTimeRule_warm_trips_warm_exposure_only_above_41_C(double c, bool trips)
    {
        var h = new SupervisorHarness();
        SetPad(h, 1, c);
        Assert.Equal(trips, RunFor(h, AbsoluteLimits.WarmExposureMaxS.Value + 1.0, "warm-exposure"));
        Assert.Equal(trips, h.Alarms.Contains("warm-exposure", "pad2"));
    }

    [Theory]
    [InlineData("cold-exposure", 17.99, 120.0)]
    [InlineData("warm-exposure", 41.01, 600.0)]
    public void ExposureTimeRule_trips_just_after_its_limit_not_before(string alarm, double c, double limitS)
    {
        var h = new SupervisorHarness();
        SetPad(h, 0, c);
        AssertTripsJustAfter(limitS, h.TicksUntilTrip(alarm, maxTicks: (int)(limitS / Tick) + 200));
        Assert.Contains(h.Alarms.Active, a => a.Rule == alarm && a.Target == "pad1");
    }

    [Theory]
    [InlineData("cold-exposure", 17.5)]
    [InlineData("warm-exposure", 41.5)]
    public void ExposureTimeRule_counts_the_worse_of_the_two_sensors(string alarm, double c)
    {
        var h = new SupervisorHarness();
        // Only the independent sensor is past the threshold (the control sensor reads 1 °C nearer neutral).
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Good(c);
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Good(c < 30 ? c + 1.0 : c - 1.0);
        Assert.True(RunFor(h, AbsoluteLimits.WarmExposureMaxS.Value + 1.0, alarm));
    }

    [Fact]
    public void ExposureTimeRule_reads_a_tightened_limit_from_configuration()
    {
        var tight = LimitSet.Absolute.Tighten([(AbsoluteLimits.ColdExposureMaxS, 60.0)]);
        var h = new SupervisorHarness(tight);
        SetPad(h, 0, 17.0);
        AssertTripsJustAfter(60.0, h.TicksUntilTrip("cold-exposure", maxTicks: 7000));
    }

    [Fact]
    public void ExposureTimeRule_restarts_when_the_pad_leaves_the_band()
    {
        var h = new SupervisorHarness();
        SetPad(h, 0, 17.0);
        Assert.False(RunFor(h, AbsoluteLimits.ColdExposureMaxS.Value - 1.0, "cold-exposure"));
        SetPad(h, 0, 18.0);
        h.Step();
        SetPad(h, 0, 17.0);
        Assert.False(RunFor(h, AbsoluteLimits.ColdExposureMaxS.Value - 1.0, "cold-exposure"));
    }

    [Theory]
    [InlineData(true, 17.0, 120.0, "pad1 has stayed below 18 °C for more than 120 s.")]
    [InlineData(false, 42.0, 600.0, "pad1 has stayed above 41 °C for more than 600 s.")]
    public void ExposureTimeRule_allows_exactly_its_limit_trips_past_it_and_then_times_afresh(bool cold, double c, double limitS, string opening)
    {
        var h = new SupervisorHarness();
        var rule = cold ? ExposureTimeRule.Cold(2) : ExposureTimeRule.Warm(2);
        SetPad(h, 0, c);
        h.Judge(rule, 0.0);
        h.Judge(rule, limitS);
        Assert.Empty(h.Context.Trips);
        h.Judge(rule, limitS + Tick);
        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal((cold ? "cold-exposure" : "warm-exposure", "pad1", AlarmPriority.Medium), (trip.Rule, trip.Target, trip.Priority));
        Assert.Equal(opening + " All outputs were switched off. Let the skin return to normal temperature before the next stimulus.", trip.Message);

        // The rule alone latches nothing: after its report it times the exposure again from the next tick.
        h.Judge(rule, limitS + 2 * Tick);
        h.Judge(rule, 2 * limitS - 1.0);
        Assert.Single(h.Context.Trips);
    }

    [Fact]
    public void ExposureTimeRule_reset_starts_the_time_again()
    {
        var h = new SupervisorHarness();
        var rule = ExposureTimeRule.Cold(2);
        SetPad(h, 1, 17.0);
        h.Judge(rule, 0.0);
        h.Judge(rule, 100.0);
        rule.Reset();
        h.Judge(rule, 100.0);
        h.Judge(rule, 100.0 + AbsoluteLimits.ColdExposureMaxS.Value);
        Assert.Empty(h.Context.Trips);
        h.Judge(rule, 100.0 + AbsoluteLimits.ColdExposureMaxS.Value + Tick);
        Assert.Equal("pad2", Assert.Single(h.Context.Trips).Target);
    }

    private static SupervisorHarness HoldingPad1At(double setpointC, double errorC)
    {
        var h = new SupervisorHarness();
        h.Context.Intent.Pads[0] = new() { Active = true, Holding = true, SetpointC = setpointC };
        SetPad(h, 0, setpointC + errorC);
        return h;
    }

    private static void SetPad(SupervisorHarness h, int pad, double c)
    {
        h.Sensors.Pads[pad].ControlC = SupervisorHarness.Good(c);
        h.Sensors.Pads[pad].SafetyC = SupervisorHarness.Good(c);
    }

    /// <summary>Ticks for <paramref name="seconds"/> with the sensors as they are; whether <paramref name="alarm"/> tripped.</summary>
    private static bool RunFor(SupervisorHarness h, double seconds, string alarm)
    {
        var tripped = false;
        for (var i = 0; i < (int)Math.Round(seconds / Tick); i++)
        {
            h.Step();
            tripped |= h.Context.Trips.Any(t => t.Rule == alarm);
        }

        return tripped;
    }

    /// <summary>A condition that held from tick 0 tripped after <paramref name="limitS"/> had passed, within one tick of it.</summary>
    private static void AssertTripsJustAfter(double limitS, int ticks) =>
        Assert.InRange(ticks * Tick, limitS, limitS + 1.5 * Tick);

    private static ActuatorFrame Driven(SupervisorHarness h, double drive)
    {
        var o = h.Shape.CreateActuatorFrame();
        o.MasterEnable = true;
        o.Pads[0] = new PadOutput { Enabled = true, Drive = drive };
        return o;
    }

    private static ActuatorFrame Copy(SupervisorHarness h, ActuatorFrame o)
    {
        var c = h.Shape.CreateActuatorFrame();
        c.MasterEnable = o.MasterEnable;
        o.Pads.AsSpan().CopyTo(c.Pads);
        o.Vibration.AsSpan().CopyTo(c.Vibration);
        return c;
    }

    /// <summary>Drives pad1 at <paramref name="drive"/> while its sensors move evenly by <paramref name="movedC"/>
    /// over <paramref name="reachAtS"/> and then stay; whether pad-not-responding tripped within <paramref name="seconds"/>.</summary>
    private static bool DriveAndMove(SupervisorHarness h, double drive, double movedC, double seconds, double reachAtS = 1.0)
    {
        var outputs = Driven(h, drive);
        var tripped = false;
        var ticks = (int)Math.Round(seconds / Tick);
        var reachTicks = (int)Math.Round(reachAtS / Tick);
        for (var i = 0; i <= ticks; i++)
        {
            // Tick 0 writes the drive, tick 1 starts the watch from 32 °C; the pad reaches movedC at tick 1 + reachTicks.
            SetPad(h, 0, 32.0 + movedC * Math.Clamp((i - 1.0) / reachTicks, 0.0, 1.0));
            h.Step(Copy(h, outputs));
            tripped |= h.Context.Trips.Any(t => t.Rule == "pad-not-responding");
        }

        return tripped;
    }
}
