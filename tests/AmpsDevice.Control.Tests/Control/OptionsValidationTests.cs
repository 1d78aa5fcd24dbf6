using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>The control loop's and the session's options are checked against their ranges by generated validators, at start.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Control:TickRateHz", "5", "TickRateHz")]
    [InlineData("Control:TickRateHz", "2500", "TickRateHz")]
    [InlineData("Control:RealTimePriority", "100", "RealTimePriority")]
    [InlineData("Control:ForceFilterS", "0", "ForceFilterS")]
    [InlineData("Control:MotorFullScaleCurrentA", "6", "MotorFullScaleCurrentA")]
    [InlineData("Session:PauseTimeoutS", "5", "PauseTimeoutS")]
    [InlineData("Session:PauseTimeoutS", "9.6", "PauseTimeoutS")]
    [InlineData("Session:PauseTimeoutS", "3600.4", "PauseTimeoutS")]
    [InlineData("Session:PauseReturnRateCPerS", "3", "PauseReturnRateCPerS")]
    public void A_value_out_of_its_range_is_refused_naming_the_option(string key, string value, string member)
    {
        using var services = Compose(new() { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => Resolve(services, key));

        Assert.Contains(member, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_and_values_inside_the_ranges_pass()
    {
        using var services = Compose(new() { ["Control:TickRateHz"] = "2000", ["Session:PauseTimeoutS"] = "10" });

        Assert.Equal(2000, services.GetRequiredService<IOptions<ControlLoopOptions>>().Value.TickRateHz);
        Assert.Equal(10, services.GetRequiredService<IOptions<SessionOptions>>().Value.PauseTimeoutS);
    }

    private static ServiceProvider Compose(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddDevice(configuration).BuildServiceProvider();
    }

    private static object Resolve(ServiceProvider services, string key) => key.StartsWith("Control:", StringComparison.Ordinal)
        ? services.GetRequiredService<IOptions<ControlLoopOptions>>().Value
        : services.GetRequiredService<IOptions<SessionOptions>>().Value;
}
