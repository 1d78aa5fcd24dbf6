using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Protocol.Tests.Envelope;

public class LimitSetTests
{
    public static TheoryData<string> Limits() => [.. AbsoluteLimits.All.Select(l => l.Key)];

    private static SafetyLimit Limit(string key) => AbsoluteLimits.All.Single(l => l.Key == key);

    /// <summary>1 % of the value in the given direction: small enough to keep every target inside its trip.</summary>
    private static double Moved(SafetyLimit limit, bool safer)
    {
        var step = Math.Abs(limit.Value) * 0.01;
        var lower = (limit.Safer == SaferDirection.Lower) == safer;
        return lower ? limit.Value - step : limit.Value + step;
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Tightening_each_limit_takes_the_tighter_value(string key)
    {
        var limit = Limit(key);
        var tighter = Moved(limit, safer: true);

        var set = LimitSet.Absolute.Tighten([(limit, tighter)]);

        Assert.Equal(tighter, set[limit]);
        Assert.Equal(limit.Value, LimitSet.Absolute[limit]);
        Assert.All(AbsoluteLimits.All.Where(l => l != limit), other => Assert.Equal(other.Value, set[other]));
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Loosening_any_limit_is_refused_naming_the_key(string key)
    {
        var limit = Limit(key);

        var ex = Assert.Throws<ArgumentException>(() => LimitSet.Absolute.Tighten([(limit, Moved(limit, safer: false))], "Safety:"));

        Assert.StartsWith($"Safety:{key}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("would loosen the limit of", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void A_tightened_limit_cannot_be_loosened_back_to_the_absolute_value(string key)
    {
        var limit = Limit(key);
        var tight = LimitSet.Absolute.Tighten([(limit, Moved(limit, safer: true))]);

        Assert.Throws<ArgumentException>(() => tight.Tighten([(limit, limit.Value)]));
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void NaN_and_infinities_are_refused(string key)
    {
        var limit = Limit(key);
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var problems = LimitSet.Absolute.Problems([(limit, bad)]);
            Assert.Contains(problems, p => p.StartsWith($"{key}: ", StringComparison.Ordinal) && p.Contains("not a usable value", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void Zero_or_less_is_no_value_for_a_magnitude_even_where_it_would_be_lower(double value)
    {
        foreach (var limit in AbsoluteLimits.All.Where(l => l.Magnitude))
        {
            var problems = LimitSet.Absolute.Problems([(limit, value)]);
            Assert.Contains($"{limit.Key}: {value} {limit.Unit} is not a usable value: it must be above 0", problems);
        }
    }

    [Fact]
    public void Temperatures_at_or_below_zero_are_judged_by_direction_not_by_sign()
    {
        // 0 °C and below are temperatures: a ceiling lowered there is tighter (and refused only because the
        // target would then sit above its trip), a floor lowered there is looser.
        Assert.False(AbsoluteLimits.PadMaxTripC.Magnitude);
        var floor = LimitSet.Absolute.Problems([(AbsoluteLimits.PadMinTripC, -2.0)]);
        Assert.Equal(["PadMinTripC: -2 °C would loosen the limit of 10 °C; configuration may only raise it"], floor);

        var ceiling = LimitSet.Absolute.Problems([(AbsoluteLimits.PadMaxTripC, 0.0)]);
        Assert.Equal(["PadMaxTargetC: 42 must stay below the trip PadMaxTripC (0 °C)"], ceiling);

        var cold = new SafetyLimit("ColdC", "°C", 5.0, SaferDirection.Lower, "test", Magnitude: false);
        Assert.Null(cold.Refusal(-3.0, 5.0));
        Assert.Equal(-3.0, cold.Tighten(5.0, -3.0));
    }

    [Fact]
    public void A_target_must_stay_inside_its_trip_and_a_range_must_not_cross()
    {
        var problems = LimitSet.Absolute.Problems(
        [
            (AbsoluteLimits.PadMaxTripC, 40.0),
            (AbsoluteLimits.PressureMaxTargetN, 50.0),
            (AbsoluteLimits.PressureMaxTripN, 50.0),
            (AbsoluteLimits.PadMinTripC, 15.0),
            (AbsoluteLimits.VibrationMinHz, 200.0),
            (AbsoluteLimits.VibrationMaxHz, 100.0),
        ], "Safety:");

        Assert.Contains("Safety:PadMaxTargetC: 42 must stay below the trip PadMaxTripC (40 °C)", problems);
        Assert.Contains("Safety:PadMinTargetC: 15 must stay above the trip PadMinTripC (15 °C)", problems);
        Assert.Contains("Safety:PressureMaxTargetN: 50 must stay below the trip PressureMaxTripN (50 N)", problems);
        Assert.Contains("Safety:VibrationMinHz (200) is above VibrationMaxHz (100): no value could pass.", problems);
        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void Every_limit_has_a_unit_and_a_source()
    {
        Assert.Equal(AbsoluteLimits.All.Count, AbsoluteLimits.All.Select(l => l.Key).Distinct().Count());
        Assert.All(AbsoluteLimits.All, l =>
        {
            Assert.False(string.IsNullOrWhiteSpace(l.Unit));
            Assert.False(string.IsNullOrWhiteSpace(l.Source));
            Assert.True(double.IsFinite(l.Value));
            Assert.True(!l.Magnitude || l.Value > 0);
        });
    }

    [Fact]
    public void Every_limit_reads_its_own_value_and_a_limit_not_of_the_device_is_named_in_the_error()
    {
        var tightened = LimitSet.Absolute.Tighten([(AbsoluteLimits.MaxSessionS, 3600.0), (AbsoluteLimits.PadMaxTripC, 41.0), (AbsoluteLimits.PadMaxTargetC, 40.0)]);
        foreach (var limit in AbsoluteLimits.All)
        {
            Assert.Equal(limit.Value, LimitSet.Absolute[limit]);
            var expected = limit == AbsoluteLimits.MaxSessionS ? 3600.0 : limit == AbsoluteLimits.PadMaxTripC ? 41.0 : limit == AbsoluteLimits.PadMaxTargetC ? 40.0 : limit.Value;
            Assert.Equal(expected, tightened[limit]);
        }

        var stranger = new SafetyLimit("StrangerS", "s", 1.0, SaferDirection.Lower, "test");
        Assert.Contains("StrangerS", Assert.Throws<KeyNotFoundException>(() => LimitSet.Absolute[stranger]).Message);
    }
}
