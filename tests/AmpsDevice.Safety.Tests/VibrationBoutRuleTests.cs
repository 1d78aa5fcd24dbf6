using AmpsDevice.FirmwareHost.Safety.Rules;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Safety.Tests;

/// <summary>
/// VibrationBoutRule (vibration-bout) at its boundaries: a bout is measured from the first tick that sees a motor
/// running to the current one and may last the 60 s limit plus one tick; a gap shorter than 1 s does not end it, a
/// gap of 1 s does. The rule alone at exact times, then through the supervisor.
/// </summary>
public class VibrationBoutRuleTests
{
    private const double Tick = SupervisorHarness.Period;
    private static readonly double LimitS = AbsoluteLimits.VibrationMaxBoutS.Value;

    [Fact]
    public void A_bout_may_last_the_limit_plus_one_tick_and_trips_the_first_time_it_is_longer()
    {
        var (rule, h) = Vibrating(vib1: true);
        h.Judge(rule, 0.0);
        h.Judge(rule, LimitS);
        h.Judge(rule, LimitS + Tick);
        Assert.Empty(h.Context.Trips);

        h.Judge(rule, LimitS + 2 * Tick);
        var trip = Assert.Single(h.Context.Trips);
        Assert.Equal("vib1", trip.Target);
        Assert.Equal(
            "vib1 has vibrated one site for 60 s, longer than the 60 s bout limit. Let the site rest; check the profile's vibration steps.",
            trip.Message);
    }

    [Fact]
    public void A_bout_is_counted_from_the_first_tick_that_sees_the_motor_run_not_from_the_start()
    {
        var (rule, h) = Vibrating(vib1: true);
        h.Judge(rule, 150.0); // the first tick the rule sees, with the motor running
        h.Judge(rule, 150.0 + LimitS);
        Assert.Empty(h.Context.Trips);
        h.Judge(rule, 150.0 + LimitS + 2 * Tick);
        Assert.Single(h.Context.Trips);
    }

    [Theory]
    [InlineData(false, 0.4)] // power off: the amplitude written reaches no motor
    [InlineData(true, 0.0)] // amplitude 0: the motor is stopped
    public void A_motor_without_power_or_amplitude_is_no_bout(bool power, double amplitude)
    {
        var (rule, h) = Vibrating(vib1: true);
        h.Context.LastOutputs.MasterEnable = power;
        h.Context.LastOutputs.Vibration[0].Amplitude = amplitude;
        for (var t = 0.0; t <= 3 * LimitS; t += 1.0)
        {
            h.Judge(rule, t);
        }

        Assert.Empty(h.Context.Trips);
    }

    [Fact]
    public void A_gap_just_under_1_s_does_not_end_a_bout()
    {
        var (rule, h) = Vibrating(vib1: true);
        h.Judge(rule, 0.0);
        h.Judge(rule, 30.0);
        h.Context.LastOutputs.Vibration[0].Amplitude = 0;
        h.Judge(rule, 30.5);
        h.Judge(rule, 30.0 + 0.99);
        h.Context.LastOutputs.Vibration[0].Amplitude = 0.4;
        h.Judge(rule, 31.0);
        h.Judge(rule, LimitS + 2 * Tick);
        Assert.Single(h.Context.Trips);
    }

    [Fact]
    public void A_gap_of_1_s_ends_a_bout_and_the_next_one_starts_afresh()
    {
        var (rule, h) = Vibrating(vib1: true);
        h.Judge(rule, 0.0);
        h.Judge(rule, 30.0);
        h.Context.LastOutputs.Vibration[0].Amplitude = 0;
        h.Judge(rule, 30.5);
        h.Judge(rule, 31.0);
        h.Context.LastOutputs.Vibration[0].Amplitude = 0.4;
        h.Judge(rule, 32.0);
        h.Judge(rule, 32.0 + LimitS);
        Assert.Empty(h.Context.Trips);
        h.Judge(rule, 32.0 + LimitS + 2 * Tick);
        Assert.Single(h.Context.Trips);
    }

    [Fact]
    public void Reset_forgets_the_bout_so_far()
    {
        var (rule, h) = Vibrating(vib1: true);
        h.Judge(rule, 0.0);
        h.Judge(rule, 50.0);
        rule.Reset();
        h.Judge(rule, 50.5);
        h.Judge(rule, 50.5 + LimitS);
        Assert.Empty(h.Context.Trips);
    }

    [Fact]
    public void Each_channel_has_its_own_bout()
    {
        var (rule, h) = Vibrating(vib1: false);
        h.Context.LastOutputs.Vibration[1].Amplitude = 0.4;
        h.Judge(rule, 0.0);
        h.Judge(rule, LimitS + 2 * Tick);
        Assert.Equal("vib2", Assert.Single(h.Context.Trips).Target);
    }

    [Fact]
    public void Through_the_supervisor_a_tightened_limit_trips_each_running_channel_once_and_stops_the_motors()
    {
        var h = new SupervisorHarness(LimitSet.Absolute.Tighten([(AbsoluteLimits.VibrationMaxBoutS, 20.0)]));
        var trips = new List<(string Target, double AtS, string Message)>();
        for (var i = 0; i < (int)(25.0 / Tick); i++)
        {
            h.Step(h.Running());
            trips.AddRange(h.Context.Trips.Where(t => t.Rule == "vibration-bout").Select(t => (t.Target, t.DetectedAtS, t.Message)));
        }

        Assert.Equal(["vib1", "vib2"], trips.Select(t => t.Target));
        // Tick 0 writes the motors on, tick 1 is the first to see them; the bout may last 20 s and one tick.
        Assert.All(trips, t => Assert.InRange(t.AtS, 20.0 + 1.5 * Tick, 20.0 + 3.5 * Tick));
        Assert.All(trips, t => Assert.Contains("longer than the 20 s bout limit", t.Message, StringComparison.Ordinal));
        Assert.True(h.Alarms.Contains("vibration-bout", "vib1"));
        Assert.True(h.Alarms.Contains("vibration-bout", "vib2"));
        var outputs = h.Running();
        h.Step(outputs);
        Assert.True(outputs.IsSafe);
    }

    /// <summary>The rule alone over the harness's context with the power on and vib1 running (or not) at amplitude 0.4.</summary>
    private static (VibrationBoutRule Rule, SupervisorHarness H) Vibrating(bool vib1)
    {
        var h = new SupervisorHarness();
        h.Context.LastOutputs.MasterEnable = true;
        h.Context.LastOutputs.Vibration[0].Amplitude = vib1 ? 0.4 : 0.0;
        return (new VibrationBoutRule(h.Shape.Vibration), h);
    }
}
