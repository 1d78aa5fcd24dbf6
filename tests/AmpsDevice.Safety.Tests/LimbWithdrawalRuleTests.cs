using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Safety.Rules;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// LimbWithdrawalRule (limb-withdrawal) at its boundaries, the rule alone at exact times: during a stimulus, a force
/// falling below 30 % of the largest force of the last 0.5 s (itself at least 1 N) is a withdrawal, reported once
/// until the limb is back; for 2 s after a guided press ends only a fall below 30 % of the resting contact counts.
/// </summary>
public class LimbWithdrawalRuleTests
{
    private const double Tick = SupervisorHarness.Period;

    [Fact]
    public void A_fall_to_exactly_30_percent_of_the_peak_is_allowed_and_below_it_is_a_withdrawal_with_its_message()
    {
        var (rule, h) = Pressing(10.0);
        h.Judge(rule, 0.0);
        Press(h, (1 - LimbWithdrawalRule.DropFraction) * 10.0);
        h.Judge(rule, Tick);
        Assert.Empty(h.Context.Trips);

        Press(h, 2.0);
        h.Judge(rule, 2 * Tick);
        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal(("limb-withdrawal", "pressure1", AlarmPriority.Low, TripKind.PatientResponse, false),
            (trip.Rule, trip.Target, trip.Priority, trip.Kind, trip.Latches));
        Assert.Equal(
            "The limb was pulled off pressure1 (10.0 N to 2.0 N within 0.5 s). The stimulus was stopped and the session paused. " +
            "Comfort the patient; resume only when ready.",
            trip.Message);
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.99, false)] // less than 1 N is not a limb resting on the sensor
    public void The_peak_must_be_at_least_1_N(double peakN, bool trips)
    {
        var (rule, h) = Pressing(peakN);
        h.Judge(rule, 0.0);
        Press(h, 0.1);
        h.Judge(rule, Tick);
        Assert.Equal(trips, h.Context.Trips.Count == 1);
    }

    [Fact]
    public void Without_a_stimulus_a_fall_is_not_judged()
    {
        var (rule, h) = Pressing(10.0);
        h.Context.Intent.StimulusActive = false;
        h.Judge(rule, 0.0);
        Press(h, 0.5);
        h.Judge(rule, Tick);
        Assert.Empty(h.Context.Trips);
    }

    [Fact]
    public void A_failed_read_is_not_judged_and_not_kept()
    {
        var (rule, h) = Pressing(10.0);
        h.Judge(rule, 0.0);
        h.Sensors.Pressure[0].ForceN = SupervisorHarness.Failed(0.0);
        h.Judge(rule, Tick);
        Assert.Empty(h.Context.Trips);
    }

    [Fact]
    public void A_slow_release_over_more_than_the_window_is_no_withdrawal()
    {
        var (rule, h) = Pressing(10.0);
        for (var k = 0; k <= 500; k++)
        {
            Press(h, 10.0 - (8.0 * k / 500)); // 10 N to 2 N over 5 s
            h.Judge(rule, k * Tick);
        }

        Assert.Empty(h.Context.Trips);
    }

    [Fact]
    public void A_withdrawal_is_reported_once_until_the_limb_is_back_on_the_sensor()
    {
        var (rule, h) = Pressing(10.0);
        var forces = new[] { 10.0, 2.0, 2.0, 0.5, 10.0, 10.0, 2.0 };
        for (var k = 0; k < forces.Length; k++)
        {
            Press(h, forces[k]);
            h.Judge(rule, k * Tick);
        }

        Assert.Equal([Tick, 6 * Tick], h.Context.Trips.Select(x => x.DetectedAtS));
    }

    [Fact]
    public void A_limb_back_at_exactly_1_N_is_back()
    {
        var (rule, h) = Pressing(3.0);
        h.Judge(rule, 0.0);
        Press(h, 0.5);
        h.Judge(rule, Tick);
        Press(h, 1.0); // back: rests with 1 N, no longer a fall from the 3 N peak
        h.Judge(rule, 2 * Tick);
        Assert.Single(h.Context.Trips);
        h.Judge(rule, 2.0); // the 3 N peak has left the window
        h.Judge(rule, 2.0 + Tick);
        Press(h, 0.2);
        h.Judge(rule, 2.0 + 2 * Tick);
        Assert.Equal(2, h.Context.Trips.Count);
    }

    [Fact]
    public void For_2_s_after_a_guided_press_ends_the_resting_contact_is_the_baseline()
    {
        var (rule, h) = Pressing(3.0);
        h.Context.Intent.Pressure[0].Guided = true;
        h.Judge(rule, 0.0); // resting contact 3 N as the press begins
        Press(h, 10.0);
        h.Judge(rule, 0.5);
        h.Context.Intent.Pressure[0].Guided = false;
        h.Judge(rule, 1.0); // the press ends: a release until 3.0 s
        h.Judge(rule, 2.9);
        Press(h, 2.5); // relaxed to 2.5 N: above 30 % of 3 N
        h.Judge(rule, 2.99);
        Assert.Empty(h.Context.Trips);

        // At 3.0 s the release time is over: the 10 N still in the window is the baseline again.
        h.Judge(rule, 3.0);
        Assert.Single(h.Context.Trips);
    }

    [Fact]
    public void Reset_forgets_a_withdrawal_and_a_release_in_progress()
    {
        var (rule, h) = Pressing(10.0);
        h.Judge(rule, 0.0);
        Press(h, 2.0);
        h.Judge(rule, Tick);
        h.Judge(rule, 2 * Tick);
        Assert.Single(h.Context.Trips);
        rule.Reset();
        h.Judge(rule, 3 * Tick); // still down from the 10 N in the window: a new withdrawal
        Assert.Equal(2, h.Context.Trips.Count);

        (rule, h) = Pressing(3.0);
        h.Context.Intent.Pressure[0].Guided = true;
        h.Judge(rule, 0.0);
        Press(h, 10.0);
        h.Judge(rule, 0.5);
        h.Context.Intent.Pressure[0].Guided = false;
        h.Judge(rule, 1.0);
        rule.Reset();
        Press(h, 2.5);
        h.Judge(rule, 1.1);
        Assert.Single(h.Context.Trips);
    }

    /// <summary>The rule alone over the harness's context, a stimulus running and pressure1 at <paramref name="forceN"/>.</summary>
    private static (LimbWithdrawalRule Rule, SupervisorHarness H) Pressing(double forceN)
    {
        var h = new SupervisorHarness();
        h.Context.Intent.StimulusActive = true;
        Press(h, forceN);
        return (new LimbWithdrawalRule(h.Shape.Pressure, Tick), h);
    }

    private static void Press(SupervisorHarness h, double forceN) => h.Sensors.Pressure[0].ForceN = SupervisorHarness.Good(forceN);
}
