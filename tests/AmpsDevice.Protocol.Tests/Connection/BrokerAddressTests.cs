using AmpsDevice.Protocol.Connection;

namespace AmpsDevice.Protocol.Tests.Connection;

public sealed class BrokerAddressTests
{
    [Fact]
    public void A_broker_uri_gives_host_port_tls_and_credentials()
    {
        Assert.True(BrokerAddress.TryParse("mqtt://dashboard:s%40cret@broker.local:1884", out var broker, out _));
        Assert.Equal(new BrokerAddress("broker.local", 1884, false, "dashboard", "s@cret"), broker);
        Assert.True(BrokerAddress.TryParse("mqtts://broker.local", out var tls, out _));
        Assert.Equal(("broker.local", 8883, true), (tls.Host, tls.Port, tls.Tls));
        Assert.True(BrokerAddress.TryParse("tcp://10.0.0.5", out var plain, out _));
        Assert.Equal(("10.0.0.5", 1883, false), (plain.Host, plain.Port, plain.Tls));
        Assert.Equal("mqtt://dashboard@broker.local:1884", broker.ToString());
    }

    [Theory]
    [InlineData(null, "is not a URI")]
    [InlineData("", "is not a URI")]
    [InlineData("broker.local:1883", "scheme 'broker.local' is not supported")]
    [InlineData("http://broker.local", "scheme 'http' is not supported")]
    [InlineData("mqtt://broker.local:1883/amps", "a broker URI has no path or query")]
    [InlineData("mqtt://u:s3cret@broker.local/x?y=1", "a broker URI has no path or query")]
    public void A_bad_broker_uri_says_what_is_wrong_and_never_shows_the_password(string? uri, string problem)
    {
        Assert.False(BrokerAddress.TryParse(uri, out _, out var error));
        Assert.Contains(problem, error);
        Assert.Contains("expected mqtt://[user:pass@]host:port", error);
        Assert.DoesNotContain("s3cret", error);
    }

    [Theory]
    [InlineData("mqtt://dashboard:s%40cret@broker.local:1884", "mqtt://dashboard:***@broker.local:1884")]
    [InlineData("mqtt://user@broker.local", "mqtt://user@broker.local")]
    [InlineData("mqtt://broker.local:1883", "mqtt://broker.local:1883")]
    public void Redact_hides_only_the_password(string uri, string redacted) => Assert.Equal(redacted, BrokerAddress.Redact(uri));
}
