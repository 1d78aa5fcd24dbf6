using AmpsDevice.FirmwareHost.Safety.Rules;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Simulator.Physics;
using Xunit.Abstractions;

namespace AmpsDevice.Simulator.Tests.Physics;

public class LimbModelTests
{
    private const double Dt = 0.001;
    private readonly ITestOutputHelper _out;

    public LimbModelTests(ITestOutputHelper output) => _out = output;

    private static LimbModel Limb(int seed = 1, LimbParameters? p = null) => new(p ?? LimbParameters.Default, new Random(seed));

    private static List<double> Run(LimbModel limb, double seconds)
    {
        int n = (int)Math.Round(seconds / Dt);
        var trace = new List<double>(n);
        for (int i = 0; i < n; i++)
        {
            limb.Step(Dt);
            trace.Add(limb.ForceN);
        }

        return trace;
    }

    private static readonly LimbParameters Quiet = LimbParameters.Default with
    {
        TremorBaseN = 0.0, TremorFraction = 0.0, DriftBaseN = 0.0, DriftFraction = 0.0, PressRateSpread = 0.0,
    };

    [Fact]
    public void A_resting_limb_lies_on_the_sensor_at_two_to_four_newtons()
    {
        var limb = Limb();
        var trace = Run(limb, 5.0);
        Assert.True(limb.OnSensor);
        Assert.Equal(LimbState.Resting, limb.State);
        Assert.InRange(trace.Average(), 2.0, 4.0);
        Assert.All(trace, f => Assert.InRange(f, 2.0, 4.0));
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(10.0)]
    [InlineData(40.0)]
    public void A_withdrawal_drops_the_force_by_more_than_seventy_percent_within_half_a_second(double pressingN)
    {
        var limb = Limb();
        limb.GuidedTargetN = pressingN;
        Run(limb, 15.0);
        double before = limb.ForceN;
        limb.Withdraw();
        var trace = Run(limb, LimbWithdrawalRule.WindowS);

        Assert.True(trace[^1] < (1.0 - LimbWithdrawalRule.DropFraction) * before);
        Assert.True(trace[199] < 0.05 * before, $"reflex: {trace[199]:F2} N of {before:F2} N left after 200 ms");
        int firstBelow30 = trace.FindIndex(f => f < 0.3 * before);
        Assert.InRange(firstBelow30 * Dt, 0.02, 0.1);
        Assert.False(limb.OnSensor);
        Assert.Equal(0.0, limb.ForceN);
        _out.WriteLine($"{pressingN} N: below 30 % after {firstBelow30} ms, 200 ms: {trace[199]:F3} N");
    }

    [Fact]
    public void Return_brings_back_the_resting_force_in_about_half_a_second()
    {
        var limb = Limb();
        Run(limb, 1.0);
        limb.Withdraw();
        Run(limb, 1.0);
        limb.Return();
        var trace = Run(limb, 1.5);
        int back = trace.FindIndex(f => f >= 0.9 * LimbParameters.Default.RestingForceN);
        Assert.InRange(back * Dt, 0.2, 0.7);
        Assert.InRange(trace.Skip(700).Average(), 2.5, 3.5);
        Assert.True(limb.OnSensor);
        _out.WriteLine($"return: 90 % of resting force after {back} ms");
    }

    [Fact]
    public void Guided_pressing_ramps_at_a_few_newtons_per_second_and_settles_within_tolerance()
    {
        var limb = Limb(seed: 7);
        limb.GuidedTargetN = 10.0;
        var trace = Run(limb, 10.0);

        int t25 = trace.FindIndex(f => f >= 3.0 + 0.25 * 7.0);
        int t75 = trace.FindIndex(f => f >= 3.0 + 0.75 * 7.0);
        double rate = 0.5 * 7.0 / ((t75 - t25) * Dt);
        Assert.InRange(rate, 2.0, 8.0);

        var settled = trace.Skip(5000).ToList();
        Assert.Equal(10.0, settled.Average(), 0.4);
        Assert.All(settled, f => Assert.InRange(f, 9.0, 11.0));
        double sd = Math.Sqrt(settled.Select(f => (f - settled.Average()) * (f - settled.Average())).Average());
        Assert.InRange(sd, 0.03, 0.5); // a human tremor: present, small
        _out.WriteLine($"press: {rate:F1} N/s, settled mean {settled.Average():F2} N sd {sd:F3} N, peak {trace.Max():F2} N");
    }

    [Fact]
    public void Without_noise_a_press_overshoots_a_little_then_settles_on_the_target()
    {
        var limb = Limb(p: Quiet);
        limb.GuidedTargetN = 20.0;
        var trace = Run(limb, 10.0);
        double peak = trace.Max();
        Assert.InRange(peak, 20.02, 21.0);
        Assert.Equal(20.0, trace[^1], 0.01);
    }

    [Fact]
    public void An_overload_holds_exactly_until_return_or_a_new_target()
    {
        var limb = Limb();
        Run(limb, 1.0);
        limb.Overload(70.0);
        var held = Run(limb, 2.0);
        Assert.All(held, f => Assert.Equal(70.0, f));
        Assert.Equal(LimbState.Overloaded, limb.State);

        limb.Return();
        var relaxing = Run(limb, 1.5);
        Assert.InRange(relaxing.Skip(1000).Average(), 2.5, 3.5);

        limb.Overload(65.0);
        Run(limb, 0.1);
        limb.GuidedTargetN = 10.0;
        Assert.Equal(LimbState.Pressing, limb.State);
        var easing = Run(limb, 20.0);
        Assert.InRange(easing[0], 62.0, 68.0); // eases off from the overload, no jump
        Assert.Equal(10.0, easing.Skip(18000).Average(), 0.5);
    }

    [Fact]
    public void A_withdrawn_limb_presses_only_after_it_returns()
    {
        var limb = Limb();
        limb.Withdraw();
        Run(limb, 0.5);
        limb.GuidedTargetN = 8.0;
        var away = Run(limb, 2.0);
        Assert.All(away, f => Assert.Equal(0.0, f));
        limb.Return();
        var pressing = Run(limb, 8.0);
        Assert.Equal(LimbState.Pressing, limb.State);
        Assert.Equal(8.0, pressing.Skip(6000).Average(), 0.4);
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace_and_another_seed_a_different_one()
    {
        static List<double> Script(int seed)
        {
            var limb = Limb(seed);
            limb.GuidedTargetN = 12.0;
            var trace = Run(limb, 5.0);
            limb.Withdraw();
            trace.AddRange(Run(limb, 1.0));
            limb.Return();
            trace.AddRange(Run(limb, 3.0));
            return trace;
        }

        Assert.Equal(Script(3), Script(3));
        Assert.NotEqual(Script(3), Script(4));
    }

    /// <summary>Steps the limb <paramref name="stepS"/> at a time for <paramref name="seconds"/>, adding its force to
    /// <paramref name="trace"/> every 10 ms (a control tick).</summary>
    private static void RunTicks(LimbModel limb, double stepS, double seconds, List<double> trace)
    {
        var perTick = (int)Math.Round(0.01 / stepS);
        for (var tick = 0; tick < (int)Math.Round(seconds / 0.01); tick++)
        {
            for (var k = 0; k < perTick; k++)
            {
                limb.Step(stepS);
            }

            trace.Add(limb.ForceN);
        }
    }

    /// <summary>Force sampled every 10 ms (a control tick) while the limb is stepped <paramref name="stepS"/> at a time:
    /// a press to 10 N, a withdrawal, a return and a press to 25 N.</summary>
    private static List<double> PressWithdrawReturn(LimbParameters p, int seed, double stepS, double holdS = 8)
    {
        var limb = new LimbModel(p, new Random(seed));
        var trace = new List<double>();
        void RunFor(double seconds) => RunTicks(limb, stepS, seconds, trace);

        limb.GuidedTargetN = 10;
        RunFor(4);
        limb.Withdraw();
        RunFor(0.5);
        limb.Return();
        limb.GuidedTargetN = 25;
        RunFor(holdS);
        return trace;
    }

    [Fact]
    public void One_ten_millisecond_step_moves_the_force_as_ten_one_millisecond_steps()
    {
        // The simulator steps the limb once per control tick; the follower still integrates at 1 ms inside.
        var fine = PressWithdrawReturn(Quiet, 3, 0.001);
        var tick = PressWithdrawReturn(Quiet, 3, 0.01);

        Assert.Equal(fine.Count, tick.Count);
        Assert.All(fine.Zip(tick), f => Assert.Equal(f.First, f.Second, 9));
    }

    [Fact]
    public void The_follower_taken_in_one_step_is_its_ten_substeps_to_twelve_digits()
    {
        // The closed form against the substeps written out: a ramp up at the press rate, a hold on the target, a
        // return to rest, each long enough to swing and settle, stepped 10 ms at a time for 12 s.
        var p = LimbParameters.Default;
        double omega = 2.0 * Math.PI * p.FollowerNaturalHz;
        var step = new LimbFollowerStep(0.01, omega, p.FollowerDamping, p.WithdrawTimeConstantS, p.ReturnTimeConstantS);
        double force = 3.0, velocity = 0.0, reference = 3.0;
        double fineForce = force, fineVelocity = velocity, fineReference = reference;
        double worstForce = 0.0, worstVelocity = 0.0, largestVelocity = 0.0;
        const double Rate = 5.0;
        for (var tick = 0; tick < 1200; tick++)
        {
            // 0-4 s ramp toward 30 N (never reaching it), 4-8 s held where the ramp stopped, 8-12 s back to rest.
            double? rest = tick >= 800 ? p.RestingForceN : null;
            double ramp = tick < 400 ? Rate : 0.0;
            double after = rest is double r ? r + ((reference - r) * step.ReturnLeft) : reference + (ramp * 0.01);
            Assert.True(step.TryAdvance(ref force, ref velocity, reference, ramp, rest, after));
            reference = after;

            for (var k = 0; k < 10; k++)
            {
                fineReference = rest is double settle
                    ? fineReference + ((settle - fineReference) * (1.0 - Math.Exp(-0.001 / p.ReturnTimeConstantS)))
                    : fineReference + (ramp * 0.001);
                double accel = (omega * omega * (fineReference - fineForce)) - (2.0 * p.FollowerDamping * omega * fineVelocity);
                fineVelocity += accel * 0.001;
                fineForce += fineVelocity * 0.001;
            }

            worstForce = Math.Max(worstForce, Math.Abs(force - fineForce) / fineForce);
            worstVelocity = Math.Max(worstVelocity, Math.Abs(velocity - fineVelocity));
            largestVelocity = Math.Max(largestVelocity, Math.Abs(fineVelocity));
        }

        _out.WriteLine($"largest relative force difference {worstForce:E2}, velocity {worstVelocity / largestVelocity:E2} of its largest");
        Assert.InRange(worstForce, 0.0, 1e-12);
        Assert.InRange(worstVelocity / largestVelocity, 0.0, 1e-12);
        Assert.Equal(fineReference, reference, 1e-12);
    }

    [Fact]
    public void Ten_millisecond_steps_are_one_millisecond_steps_to_twelve_digits_through_presses_withdrawals_and_zero()
    {
        // Through every kind of step: ramps, a press that reaches its target inside a step, a withdrawal to nothing,
        // a return, and a press to 0 N whose overshoot the substeps clamp at zero (the closed form gives way there).
        static List<double> Trace(double stepS)
        {
            var limb = new LimbModel(Quiet, new Random(5));
            var trace = new List<double>();
            void RunFor(double seconds) => RunTicks(limb, stepS, seconds, trace);

            limb.GuidedTargetN = 12.0;
            RunFor(4);
            limb.Withdraw();
            RunFor(0.5);
            limb.Return();
            RunFor(1);
            limb.GuidedTargetN = 40.0;
            RunFor(3);
            limb.GuidedTargetN = 0.0;
            RunFor(12);
            return trace;
        }

        // 1e-12 relative; below 1 N (the overshoot's clamp, a force of 40 N falling to nothing) 1e-12 N, since a small
        // force there is the difference of larger ones.
        var fine = Trace(0.001);
        var tick = Trace(0.01);
        Assert.Contains(0.0, fine);
        Assert.All(fine.Zip(tick), f => Assert.True(
            Math.Abs(f.First - f.Second) <= 1e-12 * Math.Max(1.0, Math.Max(f.First, f.Second)), $"{f.First:R} N against {f.Second:R} N"));
    }

    [Fact]
    public void The_tremor_and_drift_have_the_same_spread_and_memory_whatever_the_step()
    {
        // The noise is drawn once per step: an exact Ornstein-Uhlenbeck update and a phase random walk
        // scaled with √dt, so ten 1 ms steps and one 10 ms step give the same statistics at the ticks.
        static (double Sd, double Lag1) Statistics(double stepS)
        {
            var deviations = new List<double>();
            for (var seed = 1; seed <= 20; seed++)
            {
                var p = LimbParameters.Default with { PressRateSpread = 0.0 };
                var quiet = PressWithdrawReturn(Quiet, seed, stepS, holdS: 70);
                var noisy = PressWithdrawReturn(p, seed, stepS, holdS: 70);
                deviations.AddRange(noisy.Zip(quiet, (n, q) => n - q).Skip(1450)); // holding 25 N, the last 60 s
            }

            var mean = deviations.Average();
            var variance = deviations.Average(d => (d - mean) * (d - mean));
            var lag1 = deviations.Zip(deviations.Skip(1), (a, b) => (a - mean) * (b - mean)).Average() / variance;
            return (Math.Sqrt(variance), lag1);
        }

        var fine = Statistics(0.001);
        var tick = Statistics(0.01);
        _out.WriteLine($"1 ms: s.d. {fine.Sd:F4} N, lag-1 {fine.Lag1:F3}; 10 ms: s.d. {tick.Sd:F4} N, lag-1 {tick.Lag1:F3}");

        Assert.InRange(tick.Sd / fine.Sd, 0.85, 1.15);
        Assert.InRange(tick.Lag1 - fine.Lag1, -0.05, 0.05);
    }
}
