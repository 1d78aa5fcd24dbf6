using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using AmpsDevice.Protocol.Connection;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// A dashboard-like MQTT 5 subscriber (QoS 1) that notes, for every telemetry message, its <c>seq</c> and the
/// <see cref="Stopwatch"/> timestamp at which it arrived.
/// </summary>
public sealed class SeqSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private SeqSubscriber() => _client.ApplicationMessageReceivedAsync += e =>
    {
        var now = Stopwatch.GetTimestamp();
        var seq = ReadSeq(e.ApplicationMessage.Payload);
        Arrivals[seq] = now;
        Interlocked.Increment(ref _received);
        return Task.CompletedTask;
    };

    private long _received;

    /// <summary>Arrival timestamp by seq (the first arrival of a repeated seq is overwritten: delivery is at least once).</summary>
    public ConcurrentDictionary<long, long> Arrivals { get; } = new();

    public long Received => Interlocked.Read(ref _received);

    public static async Task<SeqSubscriber> ConnectAsync(int port, string topicFilter)
    {
        var s = new SeqSubscriber();
        // Built with the dashboard's socket buffers (MqttSessionKeeper.Build): with MQTTnet's 8 KiB a broker's backlog
        // crawls to the subscriber one segment per delayed acknowledgement, and a drain measured the subscriber.
        var options = MqttSessionKeeper.Build(new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTcpServer("127.0.0.1", port)
            .WithClientId($"bench-sub-{Guid.NewGuid():N}")
            .WithCleanStart(true));
        await s._client.ConnectAsync(options);
        await s._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return s;
    }

    /// <summary>Waits until <paramref name="count"/> distinct seqs arrived or <paramref name="timeout"/> passed.</summary>
    public async Task<bool> WaitForAsync(int count, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (Arrivals.Count < count)
        {
            if (watch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(2);
        }

        return true;
    }

    public void Clear() => Arrivals.Clear();

    private static long ReadSeq(System.Buffers.ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                return reader.GetInt64();
            }
        }

        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
