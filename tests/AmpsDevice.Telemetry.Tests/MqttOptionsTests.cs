using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Connection;

namespace AmpsDevice.Telemetry.Tests;

public class MqttOptionsTests
{
    [Theory]
    [InlineData("not a uri")]
    [InlineData("http://host:1883")]
    [InlineData("mqtt://host:1883/path")]
    public void A_bad_broker_uri_is_an_error_naming_the_key(string uri)
    {
        var result = new MqttOptionsValidator().Validate(null, new MqttOptions { BrokerUri = uri });
        Assert.True(result.Failed);
        Assert.Contains("Mqtt:BrokerUri", result.FailureMessage);
    }

    [Fact]
    public void A_broker_uri_with_credentials_parses_and_the_password_is_redacted()
    {
        Assert.True(BrokerAddress.TryParse("mqtt://dev-a:s%40cret@broker.local:1884", out var b, out _));
        Assert.Equal(("broker.local", 1884, false, "dev-a", "s@cret"), (b.Host, b.Port, b.Tls, b.UserName, b.Password));
        Assert.DoesNotContain("cret", BrokerAddress.Redact("mqtt://dev-a:s%40cret@broker.local:1884"));
        Assert.True(new MqttOptionsValidator().Validate(null, new MqttOptions { BrokerUri = "mqtt://h:1" }).Succeeded);
        Assert.True(new MqttOptionsValidator().Validate(null, new MqttOptions { DeviceId = "bad/id" }).Failed);
    }
}
