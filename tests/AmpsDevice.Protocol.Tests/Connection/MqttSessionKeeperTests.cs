using AmpsDevice.Protocol.Connection;
using MQTTnet;
using MQTTnet.Formatter;
using Microsoft.Extensions.Logging.Abstractions;

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

    /// <summary>Checks every 50 ms, backs off 50-100 ms, and gives a ping or a connect 300 ms.</summary>
    private static readonly ReconnectTiming Quick = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100))
    {
        AttemptTimeout = TimeSpan.FromMilliseconds(300),
    };

    [Fact]
    public async Task A_broker_that_accepts_the_connection_and_never_answers_the_connect_is_tried_again_after_the_attempt_timeout()
    {
        using var broker = new UnresponsiveBroker(answerConnect: false);
        using var client = new MqttClientFactory().CreateMqttClient();
        var address = new BrokerAddress("127.0.0.1", broker.Port, false, null, null);
        var keeper = new MqttSessionKeeper(client, address, Quick, NullLogger.Instance);
        var attempts = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var running = keeper.RunAsync(
            async ct =>
            {
                Interlocked.Increment(ref attempts);
                await client.ConnectAsync(QuietTestOptions(address), ct);
            },
            onDown: () => { },
            stop.Token);
        await Until(() => Volatile.Read(ref attempts) >= 3 && broker.Connections >= 3, stop.Token);
        await stop.CancelAsync();
        await running;

        // Each attempt gave up after its 300 ms and the next one opened a new connection; without the bound the
        // first connect waited for a CONNACK that never came.
        Assert.True(attempts >= 3, $"{attempts} connect attempts in 20 s");
        Assert.True(broker.Connections >= 3, $"{broker.Connections} TCP connections in 20 s");
    }

    [Fact]
    public async Task A_connection_whose_broker_stops_answering_pings_is_found_down_and_made_again()
    {
        using var broker = new UnresponsiveBroker(answerConnect: true);
        using var client = new MqttClientFactory().CreateMqttClient();
        var address = new BrokerAddress("127.0.0.1", broker.Port, false, null, null);
        var keeper = new MqttSessionKeeper(client, address, Quick, NullLogger.Instance);
        var connects = 0;
        var downs = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var running = keeper.RunAsync(
            async ct =>
            {
                await client.ConnectAsync(QuietTestOptions(address), ct);
                Interlocked.Increment(ref connects);
            },
            onDown: () => Interlocked.Increment(ref downs),
            stop.Token);
        await Until(() => Volatile.Read(ref connects) >= 3, stop.Token);
        await stop.CancelAsync();
        await running;

        // Connected, then the unanswered ping marked the connection down (the first down is the start), and the
        // keeper connected again: three connects need at least three downs and three TCP connections.
        Assert.True(connects >= 3, $"{connects} connects in 20 s");
        Assert.True(downs >= 3, $"{downs} downs in 20 s");
        Assert.True(broker.Connections >= 3, $"{broker.Connections} TCP connections in 20 s");
    }

    private static MqttClientOptions QuietTestOptions(BrokerAddress address) =>
        MqttSessionKeeper.Build(MqttSessionKeeper.ClientOptions(address, "quiet-test", TimeSpan.FromHours(1), TimeSpan.FromSeconds(15)));

    private static async Task Until(Func<bool> condition, CancellationToken ct)
    {
        while (!condition() && !ct.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
