using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// DriveMismatchRule (pad-drive-mismatch) at its boundaries: a pad warming faster than 0.6 °C/s while driven at
/// -0.3 or harder toward cooling (or cooling that fast while driven at +0.3 or more) trips, once the 2 s slope window
/// is 90 % covered. The rule alone at exact times, so each limit is met exactly.
/// </summary>
public class DriveMismatchRuleTests
{
    private const double StartC = 30.0;

    [Theory]
    [InlineData(0.7, -0.3, true)]
    [InlineData(0.7, -0.29, false)]
    [InlineData(-0.7, 0.3, true)]
    [InlineData(-0.7, 0.29, false)]
    [InlineData(0.7, 0.3, false)] // warming while heated: as asked
    [InlineData(-0.7, -0.3, false)] // cooling while cooled: as asked
    [InlineData(0.6, -1.0, false)] // exactly the rate an idle pad cannot reach is not yet a mismatch
    [InlineData(0.61, -1.0, true)]
    [InlineData(-0.6, 1.0, false)]
    [InlineData(-0.61, 1.0, true)]
    public void A_pad_moving_faster_than_0_6_C_per_s_against_a_drive_of_0_3_or_more_trips(double rateCPerS, double drive, bool trips)
    {
        var (rule, h) = Driven(drive, tickPeriodS: 0.5);
        // Five samples over 2 s from 30 °C: a least-squares slope of exactly ±0.6 °C/s in double arithmetic.
        var tripped = Ramp(h, rule, 0, rateCPerS, [0.0, 0.5, 1.0, 1.5, 2.0]);
        Assert.Equal(trips, tripped.Count > 0);
    }

    [Theory]
    [InlineData(0, 0.7, -0.3, "pad1 is warming at 0.70 °C/s while its drive is -0.30.")]
    [InlineData(1, -0.7, 0.3, "pad2 is cooling at 0.70 °C/s while its drive is +0.30.")]
    public void The_message_names_the_pad_the_direction_the_rate_and_the_drive(int pad, double rateCPerS, double drive, string opening)
    {
        var (rule, h) = Driven(drive, tickPeriodS: 0.5, pad: pad);
        Ramp(h, rule, pad, rateCPerS, [0.0, 0.5, 1.0, 1.5, 2.0]);
        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal(h.Shape.Pads[pad], trip.Target);
        Assert.Equal(opening + " The H-bridge is not doing what it is told (stuck on). Actuator power was cut; have the driver checked.", trip.Message);
    }

    [Fact]
    public void The_slope_is_judged_once_90_percent_of_the_window_is_covered_and_after_a_trip_a_fresh_window_is_gathered()
    {
        var (rule, h) = Driven(-1.0, tickPeriodS: 0.1);
        var tripped = Ramp(h, rule, 0, 1.0, Enumerable.Range(0, 40).Select(k => k / 10.0));
        // 1.8 s covered at 1.8 s; the next window is covered 1.8 s after the first sample following the trip.
        Assert.Equal([1.8, 3.7], tripped);
    }

    [Fact]
    public void A_reading_lost_on_both_sensors_starts_the_window_again()
    {
        var (rule, h) = Driven(-1.0, tickPeriodS: 0.1);
        var tripped = Ramp(h, rule, 0, 1.0, Enumerable.Range(0, 11).Select(k => k / 10.0));
        h.Sensors.Pads[0].SafetyC.Ok = false;
        h.Sensors.Pads[0].ControlC.Ok = false;
        h.Judge(rule, 1.1);
        tripped.AddRange(Ramp(h, rule, 0, 1.0, Enumerable.Range(15, 30).Select(k => k / 10.0)));
        // Back at 1.5 s: judged again only once 1.8 s of readings after the loss are held (at 3.4 s on this grid).
        Assert.Equal(3.4, tripped[0]);
    }

    [Theory]
    [InlineData(true, false)] // the safety sensor reads: it is the evidence, and it holds still
    [InlineData(false, true)] // the safety sensor is lost: the control sensor's rise is the evidence
    public void Only_the_control_sensor_moving_trips_only_when_the_safety_sensor_is_lost(bool safetyOk, bool trips)
    {
        var (rule, h) = Driven(-1.0, tickPeriodS: 0.5);
        foreach (var t in new[] { 0.0, 0.5, 1.0, 1.5, 2.0 })
        {
            h.Sensors.Pads[0].ControlC = SupervisorHarness.Good(StartC + t);
            h.Sensors.Pads[0].SafetyC = SupervisorHarness.Reading(StartC, safetyOk);
            h.Judge(rule, t);
        }

        Assert.Equal(trips, h.Context.Trips.Count == 1);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_pad_without_power_or_with_its_bridge_disabled_has_no_drive_to_contradict(bool masterEnable, bool bridgeEnabled)
    {
        var (rule, h) = Driven(-1.0, tickPeriodS: 0.5);
        h.Context.LastOutputs.MasterEnable = masterEnable;
        h.Context.LastOutputs.Pads[0].Enabled = bridgeEnabled;
        Assert.Empty(Ramp(h, rule, 0, 1.0, [0.0, 0.5, 1.0, 1.5, 2.0]));
    }

    [Fact]
    public void Through_the_supervisor_a_pad_warming_against_its_cooling_drive_trips_and_cuts_the_power()
    {
        var h = new SupervisorHarness();
        var c = 30.0;
        var ticks = 0;
        ActuatorFrame outputs;
        do
        {
            c += 1.0 * SupervisorHarness.Period; // warming 1 °C/s while driven to cool at -0.5
            h.SetAllPads(c);
            outputs = h.Running();
            outputs.Pads[0].Drive = -0.5;
            h.Step(outputs);
            Assert.True(++ticks < 300, "pad-drive-mismatch did not trip within 3 s");
        }
        while (!h.Context.Trips.Any(t => t.Rule == "pad-drive-mismatch"));

        Assert.True(outputs.IsSafe);
        var alarm = Assert.Single(h.Alarms.Active);
        Assert.Equal(("pad-drive-mismatch", "pad1", AlarmPriority.High), (alarm.Rule, alarm.Target, alarm.Priority));
    }

    /// <summary>The rule alone over the harness's context, power on and <paramref name="pad"/>'s bridge enabled at <paramref name="drive"/>.</summary>
    private static (DriveMismatchRule Rule, SupervisorHarness H) Driven(double drive, double tickPeriodS, int pad = 0)
    {
        var h = new SupervisorHarness();
        h.Context.LastOutputs.MasterEnable = true;
        h.Context.LastOutputs.Pads[pad] = new PadOutput { Enabled = true, Drive = drive };
        return (new DriveMismatchRule(h.Shape.Pads.Count, tickPeriodS), h);
    }

    /// <summary>Both sensors of <paramref name="pad"/> at 30 °C moving at <paramref name="rateCPerS"/>, judged at each time; the times it tripped.</summary>
    private static List<double> Ramp(SupervisorHarness h, DriveMismatchRule rule, int pad, double rateCPerS, IEnumerable<double> times)
    {
        var tripped = new List<double>();
        foreach (var t in times)
        {
            h.Sensors.Pads[pad].ControlC = SupervisorHarness.Good(StartC + rateCPerS * t);
            h.Sensors.Pads[pad].SafetyC = SupervisorHarness.Good(StartC + rateCPerS * t);
            var before = h.Context.Trips.Count;
            h.Judge(rule, t);
            if (h.Context.Trips.Count > before)
            {
                tripped.Add(t);
            }
        }

        return tripped;
    }
}
