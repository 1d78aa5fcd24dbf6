using System.Collections.Concurrent;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AmpsDevice.Bench.Dashboard;

/// <summary>
/// A subscriber to every device's telemetry on the broker, beside the dashboard: per device, messages and payload
/// bytes, and for every sample the time from its tick (the message's <c>at</c> plus the sample's offset on the
/// loop clock) to its arrival here, ms: the part of sample-to-screen that the device and the broker take.
/// </summary>
public sealed class TelemetryTap : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<string, Counts> _devices = new();

    private TelemetryTap(IMqttClient client) => _client = client;

    public static async Task<TelemetryTap> StartAsync(int brokerPort)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var tap = new TelemetryTap(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            var arrived = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var topic = e.ApplicationMessage.Topic;
            var deviceId = topic.Split('/')[2];
            var payload = e.ApplicationMessage.Payload;
            var counts = tap._devices.GetOrAdd(deviceId, _ => new Counts());
            using var json = JsonDocument.Parse(payload);
            var at = json.RootElement.GetProperty("at").GetDateTimeOffset().ToUnixTimeMilliseconds();
            var samples = json.RootElement.GetProperty("samples");
            var t0 = samples.GetArrayLength() > 0 ? samples[0].GetProperty("t").GetDouble() : 0;
            lock (counts)
            {
                counts.Messages++;
                counts.Bytes += payload.Length;
                foreach (var sample in samples.EnumerateArray())
                {
                    counts.LatenciesMs.Add(arrived - (at + ((sample.GetProperty("t").GetDouble() - t0) * 1000)));
                }
            }

            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTcpServer("127.0.0.1", brokerPort).WithClientId("bench-telemetry-tap").Build());
        await client.SubscribeAsync("amps/v1/+/telemetry", MqttQualityOfServiceLevel.AtLeastOnce);
        return tap;
    }

    /// <summary>What arrived for <paramref name="deviceId"/> since the last call, and starts counting afresh.</summary>
    public (long Messages, long Bytes, IReadOnlyList<double> LatenciesMs) Take(string deviceId)
    {
        var counts = _devices.GetOrAdd(deviceId, _ => new Counts());
        lock (counts)
        {
            var taken = (counts.Messages, counts.Bytes, (IReadOnlyList<double>)[.. counts.LatenciesMs]);
            counts.Messages = 0;
            counts.Bytes = 0;
            counts.LatenciesMs.Clear();
            return taken;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        _client.Dispose();
    }

    private sealed class Counts
    {
        public long Messages;
        public long Bytes;
        public List<double> LatenciesMs { get; } = [];
    }
}
