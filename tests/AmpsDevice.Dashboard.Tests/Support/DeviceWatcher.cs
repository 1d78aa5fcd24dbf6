using System.Collections.Concurrent;
using System.Text.Json;
using AmpsDevice.Protocol.Messages;
using MQTTnet;

namespace AmpsDevice.Dashboard.Tests.Support;

/// <summary>An independent MQTT subscriber (the dashboard's broker user) that sees what the device itself publishes.</summary>
public sealed class DeviceWatcher : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<TelemetryBatch> _telemetry = new();
    private readonly ConcurrentQueue<DeviceEvent> _events = new();
    private readonly ConcurrentQueue<SessionStateMessage> _sessions = new();

    private DeviceWatcher(IMqttClient client) => _client = client;

    public static async Task<DeviceWatcher> StartAsync(MosquittoBroker broker, string deviceId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var watcher = new DeviceWatcher(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload);
            if (e.ApplicationMessage.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
            {
                watcher._telemetry.Enqueue(JsonSerializer.Deserialize(payload, ProtocolJsonContext.Default.TelemetryBatch)!);
            }
            else if (e.ApplicationMessage.Topic.EndsWith("/events", StringComparison.Ordinal))
            {
                watcher._events.Enqueue(JsonSerializer.Deserialize(payload, ProtocolJsonContext.Default.DeviceEvent)!);
            }
            else if (e.ApplicationMessage.Topic.EndsWith("/session", StringComparison.Ordinal))
            {
                watcher._sessions.Enqueue(JsonSerializer.Deserialize(payload, ProtocolJsonContext.Default.SessionStateMessage)!);
            }

            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithClientId("watcher-" + Guid.NewGuid().ToString("N")[..8])
            .WithCredentials(MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword)
            .Build());
        await client.SubscribeAsync($"amps/v1/{deviceId}/telemetry");
        await client.SubscribeAsync($"amps/v1/{deviceId}/events");
        await client.SubscribeAsync($"amps/v1/{deviceId}/session");
        return watcher;
    }

    public IReadOnlyList<DeviceEvent> Events => [.. _events];

    /// <summary>The session state the device published last (its retained message first), or null before any.</summary>
    public SessionStateMessage? LastSession => _sessions.LastOrDefault();

    /// <summary>The first telemetry batch taken after <paramref name="after"/>.</summary>
    public async Task<TelemetryBatch> TelemetryAfterAsync(DateTimeOffset after, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!cts.IsCancellationRequested)
        {
            var found = _telemetry.FirstOrDefault(b => b.At > after);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no telemetry after {after:O}");
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync();
        _client.Dispose();
    }
}
