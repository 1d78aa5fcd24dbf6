using AmpsDevice.Protocol.Connection;
using MQTTnet;
using MQTTnet.Formatter;

namespace AmpsDevice.Protocol.Tests.Connection;

public sealed class MqttSessionKeeperTests
{
    [Fact]
    public void A_connection_keeps_its_session_at_the_broker_and_carries_the_address_credentials_and_tls()
    {
        var broker = new BrokerAddress("broker.local", 8883, true, "dashboard", "s@cret");
        var options = MqttSessionKeeper.Build(MqttSessionKeeper.ClientOptions(broker, "dashboard-1", TimeSpan.FromHours(1), TimeSpan.FromSeconds(15)));

        Assert.Equal(MqttProtocolVersion.V500, options.ProtocolVersion);
        Assert.Equal("dashboard-1", options.ClientId);
        // Clean start false with an hour's expiry: the broker queues QoS 1 messages while the client is away.
        Assert.False(options.CleanSession);
        Assert.Equal(3600u, options.SessionExpiryInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), options.KeepAlivePeriod);
        Assert.Equal("dashboard", options.Credentials.GetUserName(options));
        Assert.Equal("s@cret"u8.ToArray(), options.Credentials.GetPassword(options));
        var tcp = Assert.IsType<MqttClientTcpOptions>(options.ChannelOptions);
        var endpoint = Assert.IsType<System.Net.DnsEndPoint>(tcp.RemoteEndpoint);
        Assert.Equal(("broker.local", 8883), (endpoint.Host, endpoint.Port));
        Assert.True(tcp.TlsOptions.UseTls);
    }

    [Fact]
    public void The_socket_buffers_are_large_enough_for_linux_to_keep_a_window_of_many_segments()
    {
        var options = MqttSessionKeeper.Build(MqttSessionKeeper.ClientOptions(new BrokerAddress("127.0.0.1", 1883, false, null, null), "d", TimeSpan.FromHours(1), TimeSpan.FromSeconds(15)));

        var tcp = Assert.IsType<MqttClientTcpOptions>(options.ChannelOptions);
        Assert.Null(options.Credentials);
        Assert.False(tcp.TlsOptions.UseTls);
        // MQTTnet's own 8 KiB fixes a window under one loopback segment (64 KiB): the backlog then crawls.
        Assert.True(tcp.BufferSize >= 1024 * 1024, $"socket buffer {tcp.BufferSize} bytes");
    }
}
