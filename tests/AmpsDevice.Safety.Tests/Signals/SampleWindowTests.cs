using AmpsDevice.FirmwareHost.Safety.Signals;

namespace AmpsDevice.Safety.Tests.Signals;

public class SampleWindowTests
{
    /// <summary>The least-squares slope computed directly from the samples, the definition the window must match.</summary>
    private static double DirectSlope(IReadOnlyList<(double T, double V)> samples)
    {
        var mt = samples.Average(s => s.T);
        var mv = samples.Average(s => s.V);
        var num = samples.Sum(s => (s.T - mt) * (s.V - mv));
        var den = samples.Sum(s => (s.T - mt) * (s.T - mt));
        return num / den;
    }

    [Fact]
    public void Slope_from_running_sums_matches_a_direct_fit_over_a_two_hour_session()
    {
        const double Period = 0.01, Span = 2.0;
        var window = new SampleWindow(Span, Period);
        var held = new Queue<(double T, double V)>();
        var random = new Random(7);
        for (var tick = 0; tick < 720_000; tick++)
        {
            var t = tick * Period;
            // A pad temperature: slow ramps, a fast rise, sensor noise.
            var v = 32 + (6 * Math.Sin(t / 300)) + (tick % 50_000 < 500 ? (tick % 50_000) * 0.02 : 0) + ((random.NextDouble() - 0.5) * 0.05);
            window.Add(t, v);
            held.Enqueue((t, v));
            while (held.Count > 2 && t - held.Peek().T > Span)
            {
                held.Dequeue();
            }

            if (tick % 9973 == 0 && held.Count >= 3)
            {
                Assert.Equal(DirectSlope([.. held]), window.Slope(), 6);
            }
        }
    }

    [Fact]
    public void Slope_recovers_once_a_non_finite_sample_has_left_the_window()
    {
        var window = new SampleWindow(0.5, 0.1);
        window.Add(0, double.NaN);
        for (var i = 1; i <= 20; i++)
        {
            window.Add(i * 0.1, i * 0.2);
        }

        Assert.Equal(2.0, window.Slope(), 9);
    }

    [Fact]
    public void Slope_is_zero_with_fewer_than_three_samples_and_after_clear()
    {
        var window = new SampleWindow(1, 0.1);
        window.Add(0, 1);
        window.Add(0.1, 2);
        Assert.Equal(0, window.Slope());
        window.Add(0.2, 3);
        Assert.Equal(10, window.Slope(), 9);
        window.Clear();
        Assert.Equal(0, window.Slope());
        Assert.Equal(0, window.Count);
    }

    [Fact]
    public void Max_matches_a_scan_of_the_samples_held_through_ties_gaps_nan_and_clear()
    {
        const double Period = 0.01, Span = 0.5;
        var window = new SampleWindow(Span, Period);
        var held = new Queue<(double T, double V)>();
        var random = new Random(11);
        var t = 0.0;
        for (var tick = 0; tick < 200_000; tick++)
        {
            // Irregular spacing (a stalled loop drops samples out by span, a fast one by capacity), forces
            // quantised to 0.5 N so that equal maxima are common, and the odd NaN.
            t += random.Next(10) == 0 ? Period * random.Next(1, 30) : Period * random.NextDouble();
            var v = random.Next(500) == 0 ? double.NaN : Math.Round(random.NextDouble() * 20) / 2;
            window.Add(t, v);
            held.Enqueue((t, v));
            while (held.Count > 2 && t - held.Peek().T > Span)
            {
                held.Dequeue();
            }

            while (held.Count > window.Count)
            {
                held.Dequeue(); // the ring was full
            }

            var scan = held.Select(s => s.V).Where(x => !double.IsNaN(x)).DefaultIfEmpty(double.NaN).Max();
            Assert.Equal(scan, window.Max());
            if (tick % 50_000 == 49_999)
            {
                window.Clear();
                held.Clear();
                Assert.True(double.IsNaN(window.Max()));
            }
        }
    }

    [Fact]
    public void Slope_stays_exact_a_day_into_a_run_because_times_are_taken_from_the_window()
    {
        // 28 hours after the loop started: times this large, squared in the sums, would cost the slope its
        // fourth decimal were they not taken from a reference inside the window.
        const double Start = 100_000.0, Period = 0.01;
        var window = new SampleWindow(2.0, Period);
        for (var k = 0; k < 5000; k++)
        {
            window.Add(Start + (k * Period), 30 + (2.0 * k * Period));
        }

        Assert.Equal(2.0, window.Slope(), 9);
    }

    [Fact]
    public void After_clear_the_slope_is_of_the_new_samples_alone()
    {
        var window = new SampleWindow(1, 0.1);
        for (var k = 0; k <= 4; k++)
        {
            window.Add(k * 0.1, 5.0 * k * 0.1);
        }

        window.Clear(); // (well before the ring's periodic recomputation of the sums would come)
        window.Add(10.0, 1);
        window.Add(10.1, 3);
        window.Add(10.2, 5);
        Assert.Equal(20, window.Slope(), 9);
    }

    [Fact]
    public void Samples_all_at_one_instant_have_no_slope()
    {
        var window = new SampleWindow(1, 0.1);
        window.Add(1.0, 1);
        window.Add(1.0, 2);
        window.Add(1.0, 3);
        Assert.Equal(0, window.Slope());
    }

    [Fact]
    public void After_a_gap_longer_than_the_span_the_last_two_samples_are_kept()
    {
        var window = new SampleWindow(2.0, 0.01);
        window.Add(0.0, 1);
        window.Add(0.01, 1);
        window.Add(10.0, 3);
        Assert.Equal(2, window.Count);
        Assert.Equal(10.0 - 0.01, window.CoveredS);
        Assert.Equal(3, window.Max());
    }

    [Fact]
    public void A_window_keeping_one_statistic_gives_what_a_window_keeping_both_gives_and_refuses_the_other()
    {
        const double Period = 0.01, Span = 0.5;
        var both = new SampleWindow(Span, Period);
        var slope = new SampleWindow(Span, Period, WindowStatistics.Slope);
        var max = new SampleWindow(Span, Period, WindowStatistics.Max);
        var random = new Random(3);
        for (var tick = 0; tick < 20_000; tick++)
        {
            var t = tick * Period;
            var v = tick % 997 == 0 ? double.NaN : 20 + (5 * Math.Sin(t)) + random.NextDouble();
            foreach (var w in (SampleWindow[])[both, slope, max])
            {
                if (tick % 4001 == 4000)
                {
                    w.Clear();
                }

                w.Add(t, v);
            }

            Assert.Equal(both.Slope(), slope.Slope());
            Assert.Equal(both.Max(), max.Max());
            Assert.Equal(both.CoveredS, slope.CoveredS);
            Assert.Equal(both.Count, max.Count);
        }

        Assert.Throws<InvalidOperationException>(() => slope.Max());
        Assert.Throws<InvalidOperationException>(() => max.Slope());
    }
}
