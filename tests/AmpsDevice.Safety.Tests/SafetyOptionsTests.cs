using System.Reflection;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Safety.Tests;

public class SafetyOptionsTests
{
    public static TheoryData<string> Limits() => [.. AbsoluteLimits.All.Select(l => l.Key)];

    private static SafetyOptions With(string key, double value)
    {
        var options = new SafetyOptions();
        var property = typeof(SafetyOptions).GetProperty(key, BindingFlags.Public | BindingFlags.Instance);
        Assert.NotNull(property); // every limit can be configured under its own key
        property.SetValue(options, value);
        return options;
    }

    private static double Moved(SafetyLimit limit, bool safer)
    {
        var step = Math.Abs(limit.Value) * 0.01;
        return (limit.Safer == SaferDirection.Lower) == safer ? limit.Value - step : limit.Value + step;
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Configuration_tightens_each_limit_the_supervisor_and_the_envelope_read(string key)
    {
        var limit = AbsoluteLimits.All.Single(l => l.Key == key);
        var tighter = Moved(limit, safer: true);
        var options = With(key, tighter);

        Assert.True(new SafetyOptionsValidator().Validate(null, options).Succeeded);
        var limits = options.ToLimits();
        Assert.Equal(tighter, limits[limit]);
        var envelope = Protocol.Profiles.ProfileEnvelope.For(Protocol.Profiles.DeviceChannels.Default, limits);
        Assert.Same(limits, envelope.Limits);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void Loosening_any_limit_is_refused_naming_the_key_and_the_limit(string key)
    {
        var limit = AbsoluteLimits.All.Single(l => l.Key == key);
        var options = With(key, Moved(limit, safer: false));

        var result = new SafetyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Safety:{key}: ", failure, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"would loosen the limit of {limit.Value} {limit.Unit}"), failure, StringComparison.Ordinal);
        var ex = Assert.Throws<ArgumentException>(options.ToLimits);
        Assert.Contains($"Safety:{key}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zero_is_refused_for_a_duration_and_judged_by_direction_for_a_temperature()
    {
        var duration = new SafetyOptionsValidator().Validate(null, new SafetyOptions { ColdExposureMaxS = 0 });
        Assert.Equal(["Safety:ColdExposureMaxS: 0 s is not a usable value: it must be above 0"], duration.Failures);

        var temperature = new SafetyOptionsValidator().Validate(null, new SafetyOptions { PadMinTargetC = 0 });
        Assert.Equal(["Safety:PadMinTargetC: 0 °C would loosen the limit of 15 °C; configuration may only raise it"], temperature.Failures);
    }
}
