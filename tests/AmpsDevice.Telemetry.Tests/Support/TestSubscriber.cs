using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using AmpsDevice.Protocol.Messages;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AmpsDevice.Telemetry.Tests.Support;

/// <summary>A dashboard-like MQTT 5 client that records every message it receives.</summary>
public sealed class TestSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<MqttApplicationMessage> _messages = new();
    private readonly SemaphoreSlim _arrived = new(0, int.MaxValue);
    private MqttClientOptions? _options;

    public TestSubscriber() => _client.ApplicationMessageReceivedAsync += e =>
    {
        _messages.Enqueue(e.ApplicationMessage);
        _arrived.Release();
        return Task.CompletedTask;
    };

    public IMqttClient Client => _client;

    public IReadOnlyCollection<MqttApplicationMessage> Messages => _messages;

    public static async Task<TestSubscriber> ConnectAsync(int port, string? user, string? password, string clientId, bool persistent, params string[] filters)
    {
        var s = new TestSubscriber();
        var result = await s.TryConnectAsync(port, user, password, clientId, persistent);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        foreach (var filter in filters)
        {
            await s.SubscribeAsync(filter);
        }

        return s;
    }

    public async Task<MqttClientConnectResult> TryConnectAsync(int port, string? user, string? password, string clientId, bool persistent)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithTimeout(TimeSpan.FromSeconds(3))
            .WithCleanStart(!persistent)
            .WithSessionExpiryInterval(persistent ? 3600u : 0u);
        if (user is not null)
        {
            builder.WithCredentials(user, password);
        }

        _options = builder.Build();
        return await _client.ConnectAsync(_options);
    }

    /// <summary>Reconnects with the same options (a persistent session picks up where it was).</summary>
    public async Task ReconnectAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var r = await _client.ConnectAsync(_options!);
                if (r.ResultCode == MqttClientConnectResultCode.Success)
                {
                    return;
                }
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException("subscriber could not reconnect");
            }

            await Task.Delay(100);
        }
    }

    public async Task<MqttClientSubscribeResult> SubscribeAsync(string filter) =>
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build());

    public Task<MqttClientPublishResult> PublishAsync(string topic, string payload, string? responseTopic = null, byte[]? correlation = null, uint expiry = 0)
    {
        var b = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (responseTopic is not null)
        {
            b.WithResponseTopic(responseTopic);
        }

        if (correlation is not null)
        {
            b.WithCorrelationData(correlation);
        }

        if (expiry > 0)
        {
            b.WithMessageExpiryInterval(expiry);
        }

        return _client.PublishAsync(b.Build());
    }

    /// <summary>Waits (bounded) until a message on <paramref name="topic"/> matches, and returns it.</summary>
    public async Task<MqttApplicationMessage> WaitForAsync(string topic, Func<MqttApplicationMessage, bool>? match = null, double timeoutS = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutS);
        while (true)
        {
            var found = _messages.FirstOrDefault(m => m.Topic == topic && (match is null || match(m)));
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var last = _messages.LastOrDefault(m => m.Topic == topic);
                throw new TimeoutException($"no matching message on {topic} within {timeoutS} s; got {_messages.Count} messages on " +
                    string.Join(", ", _messages.Select(m => m.Topic).Distinct()) +
                    (last is null ? "" : $"; the last on {topic}: {System.Text.Encoding.UTF8.GetString(last.Payload)}"));
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public IReadOnlyList<TelemetryBatch> Telemetry(string topic) =>
        [.. _messages.Where(m => m.Topic == topic).Select(m => Json.Telemetry(m))];

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build());
        }

        _client.Dispose();
        _arrived.Dispose();
    }
}

internal static class Json
{
    public static string Text(MqttApplicationMessage m) => Encoding.UTF8.GetString(m.Payload);

    public static TelemetryBatch Telemetry(MqttApplicationMessage m) => JsonSerializer.Deserialize(Text(m), ProtocolJsonContext.Default.TelemetryBatch)!;

    public static CommandReply Reply(MqttApplicationMessage m) => JsonSerializer.Deserialize(Text(m), ProtocolJsonContext.Default.CommandReply)!;

    public static StatusMessage Status(MqttApplicationMessage m) => JsonSerializer.Deserialize(Text(m), ProtocolJsonContext.Default.StatusMessage)!;

    public static DeviceEvent Event(MqttApplicationMessage m) => JsonSerializer.Deserialize(Text(m), ProtocolJsonContext.Default.DeviceEvent)!;

    public static AlarmsMessage Alarms(MqttApplicationMessage m) => JsonSerializer.Deserialize(Text(m), ProtocolJsonContext.Default.AlarmsMessage)!;

    public static SessionStateMessage Session(MqttApplicationMessage m) => JsonSerializer.Deserialize(Text(m), ProtocolJsonContext.Default.SessionStateMessage)!;
}
