using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// HeatingCheckRule (pad-not-responding), the rule alone at exact times, beyond the boundaries of
/// <see cref="BackstopRuleBoundaryTests"/>: the watch lasts exactly 20 s, and it starts again when the drive changes
/// direction, when the pad responds, when the control sensor fails a read, after a report and after a reset.
/// </summary>
public class HeatingCheckRuleTests
{
    private const double Tick = SupervisorHarness.Period;
    private const double WindowS = HeatingCheckRule.WindowS;

    [Theory]
    [InlineData(1.0, 0.5, "pad1 was heated hard for 20 s but its sensor moved only 0.5 °C.")]
    [InlineData(-1.0, 0.5, "pad1 was cooled hard for 20 s but its sensor moved only 0.5 °C.")]
    [InlineData(-1.0, 0.0, "pad1 was cooled hard for 20 s but its sensor did not move.")]
    [InlineData(1.0, -0.04, "pad1 was heated hard for 20 s but its sensor did not move.")]
    [InlineData(-1.0, -0.3, "pad1 was cooled hard for 20 s but its sensor moved 0.3 °C the other way.")]
    public void A_pad_that_does_not_respond_for_exactly_20_s_is_allowed_and_trips_past_it(double drive, double movedC, string opening)
    {
        var (rule, h) = Driven(drive);
        h.Judge(rule, 0.0);
        SetControl(h, 32.0 + movedC * drive); // less than the response asked for, in the driven direction (negative: the other way)
        h.Judge(rule, WindowS);
        Assert.Empty(h.Context.Trips);
        h.Judge(rule, WindowS + Tick);
        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal(("pad-not-responding", "pad1", AlarmPriority.High), (trip.Rule, trip.Target, trip.Priority));
        Assert.Equal(
            opening + " The control sensor may be off the pad, or the Peltier element failed. Check the sensor's seating before acknowledging.",
            trip.Message);

        // The rule alone latches nothing: after its report the next tick starts a new watch.
        h.Judge(rule, WindowS + 2 * Tick);
        h.Judge(rule, 2 * WindowS);
        Assert.Single(h.Context.Trips);
    }

    [Fact]
    public void A_reversed_drive_starts_a_new_watch()
    {
        var (rule, h) = Driven(1.0);
        h.Judge(rule, 0.0);
        h.Judge(rule, 15.0);
        h.Context.LastOutputs.Pads[0].Drive = -1.0;
        h.Judge(rule, 15.0 + Tick);
        h.Judge(rule, 30.0);
        Assert.Empty(h.Context.Trips);
    }

    [Fact]
    public void A_response_starts_a_new_watch_from_where_the_pad_got_to()
    {
        var (rule, h) = Driven(1.0);
        h.Judge(rule, 0.0);
        SetControl(h, 33.0); // 1 °C up after 15 s: it responds
        h.Judge(rule, 15.0);
        h.Judge(rule, 15.0 + WindowS);
        Assert.Empty(h.Context.Trips);
        h.Judge(rule, 15.0 + WindowS + Tick);
        Assert.Single(h.Context.Trips);
    }

    [Theory]
    [InlineData(true)] // the control sensor fails one read
    [InlineData(false)] // the rules are reset (an acknowledgement)
    public void A_failed_read_or_a_reset_ends_the_watch(bool failedRead)
    {
        var (rule, h) = Driven(1.0);
        h.Judge(rule, 0.0);
        h.Judge(rule, 15.0);
        if (failedRead)
        {
            h.Sensors.Pads[0].ControlC = SupervisorHarness.Failed(32.0);
            h.Judge(rule, 15.0 + Tick);
            SetControl(h, 32.0);
        }
        else
        {
            rule.Reset();
        }

        h.Judge(rule, 15.0 + 2 * Tick);
        h.Judge(rule, 15.0 + WindowS - 1.0);
        Assert.Empty(h.Context.Trips);
    }

    private static (HeatingCheckRule Rule, SupervisorHarness H) Driven(double drive)
    {
        var h = new SupervisorHarness();
        h.Context.LastOutputs.MasterEnable = true;
        h.Context.LastOutputs.Pads[0] = new PadOutput { Enabled = true, Drive = drive };
        return (new HeatingCheckRule(2), h);
    }

    private static void SetControl(SupervisorHarness h, double c) => h.Sensors.Pads[0].ControlC = SupervisorHarness.Good(c);
}
