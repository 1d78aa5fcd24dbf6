using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// ThermalRunawayRule (thermal-runaway) at its boundaries: the least-squares slope of either sensor over 0.5 s, trusted
/// once 0.2 s of readings are held, trips past 4 °C/s either way; the faster sensor is the evidence, and a lost
/// reading or an acknowledgement starts the slope afresh. The rule alone at exact times (on a 1/8 s grid the slope
/// of a straight line is exact in double arithmetic).
/// </summary>
public class ThermalRunawayRuleTests
{
    private const double StartC = 30.0;
    private static readonly double[] EighthSeconds = [0.0, 0.125, 0.25, 0.375];

    [Theory]
    [InlineData(4.0, false)]
    [InlineData(-4.0, false)]
    [InlineData(4.5, true)]
    [InlineData(-4.5, true)]
    public void A_rate_of_exactly_4_C_per_s_is_allowed_and_a_faster_one_trips(double rateCPerS, bool trips)
    {
        var (rule, h) = Rule(tickPeriodS: 0.125);
        foreach (var t in EighthSeconds)
        {
            SetPad1(h, StartC + rateCPerS * t, StartC + rateCPerS * t);
            h.Judge(rule, t);
        }

        Assert.Equal(trips, h.Context.Trips.Count > 0);
    }

    [Theory]
    [InlineData(4.5, 0.0, "pad1 is heating at 4.5 °C/s")] // the control sensor alone
    [InlineData(0.0, -4.5, "pad1 is cooling at 4.5 °C/s")] // the safety sensor alone
    [InlineData(5.0, -4.5, "pad1 is heating at 5.0 °C/s")] // the faster of the two
    [InlineData(-4.5, 5.0, "pad1 is heating at 5.0 °C/s")]
    [InlineData(5.0, -5.0, "pad1 is heating at 5.0 °C/s")] // equally fast: the control sensor's
    public void The_faster_sensor_is_the_evidence_and_the_message_says_which_way_how_fast_and_what_to_check(double controlRate, double safetyRate, string opening)
    {
        var (rule, h) = Rule(tickPeriodS: 0.125);
        foreach (var t in EighthSeconds)
        {
            SetPad1(h, StartC + controlRate * t, StartC + safetyRate * t);
            h.Judge(rule, t);
        }

        // Judged from 0.25 s (three samples, 0.2 s covered) and again at 0.375 s: the rule alone does not latch.
        Assert.Equal([0.25, 0.375], h.Context.Trips.Select(t => t.DetectedAtS));
        var trip = h.Context.Trips[0];
        Assert.Equal("pad1", trip.Target);
        Assert.Equal(
            opening + ", faster than any stimulus asks (limit 4 °C/s). The Peltier driver may be stuck on; actuator power was cut. " +
            "Do not reuse the pad until the driver is checked.",
            trip.Message);
    }

    [Fact]
    public void The_slope_is_trusted_from_0_2_s_of_readings()
    {
        var (rule, h) = Rule(tickPeriodS: 0.1);
        var trippedAt = new List<double>();
        for (var k = 0; k <= 3; k++)
        {
            var t = k / 10.0;
            SetPad1(h, StartC + 10.0 * t, StartC + 10.0 * t);
            var before = h.Context.Trips.Count;
            h.Judge(rule, t);
            if (h.Context.Trips.Count > before)
            {
                trippedAt.Add(t);
            }
        }

        Assert.Equal(0.2, trippedAt[0]);
    }

    [Fact]
    public void A_lost_reading_starts_the_slope_afresh_so_readings_either_side_of_it_are_not_compared()
    {
        var (rule, h) = Rule(tickPeriodS: 0.1);
        for (var k = 0; k <= 10; k++)
        {
            var t = k / 10.0;
            // Flat at 30 °C, lost at 0.4 s, back at 32 °C: across the loss the pad seems to have jumped 2 °C.
            h.Sensors.Pads[0].ControlC = k == 4
                ? SupervisorHarness.Failed(StartC)
                : SupervisorHarness.Good(k < 4 ? StartC : StartC + 2.0);
            h.Judge(rule, t);
        }

        Assert.Empty(h.Context.Trips);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reset_forgets_the_readings_of_both_sensors(bool controlJumps)
    {
        var (rule, h) = Rule(tickPeriodS: 0.1);
        for (var k = 0; k <= 10; k++)
        {
            var t = k / 10.0;
            if (k == 4)
            {
                rule.Reset();
            }

            // Flat at 30 °C, then (after the reset) flat at 32 °C on one sensor.
            var c = k < 4 ? StartC : StartC + 2.0;
            SetPad1(h, controlJumps ? c : StartC, controlJumps ? StartC : c);
            h.Judge(rule, t);
        }

        Assert.Empty(h.Context.Trips);
    }

    private static (ThermalRunawayRule Rule, SupervisorHarness H) Rule(double tickPeriodS)
    {
        var h = new SupervisorHarness();
        return (new ThermalRunawayRule(h.Shape.Pads.Count, tickPeriodS), h);
    }

    private static void SetPad1(SupervisorHarness h, double controlC, double safetyC)
    {
        h.Sensors.Pads[0].ControlC = SupervisorHarness.Good(controlC);
        h.Sensors.Pads[0].SafetyC = SupervisorHarness.Good(safetyC);
    }
}
