using System.Text;
using System.Text.Json;
using AmpsDevice.Bench.Support;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AmpsDevice.Bench.Dashboard;

/// <summary>
/// Starts the every-channel session on a device as the dashboard does (<c>cmd/session.start</c>, MQTT 5
/// request/response, <c>issuedAt</c>); the device must run with <c>--allow-remote-start</c>. On a loaded machine the
/// real-time loop may latch a control-loop alarm while the service starts: that is acknowledged and the start retried.
/// </summary>
public static class RemoteStart
{
    public static async Task<string> SessionAsync(int brokerPort, string deviceId, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var replies = System.Threading.Channels.Channel.CreateUnbounded<string>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            replies.Writer.TryWrite(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTcpServer("127.0.0.1", brokerPort).WithClientId("bench-start-" + deviceId).Build(), cancellationToken);
        var replyTopic = $"bench/replies/{deviceId}";
        await client.SubscribeAsync(replyTopic, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        using var profile = JsonDocument.Parse(await File.ReadAllTextAsync(RepoPaths.EveryChannelProfile, cancellationToken));
        var reply = "";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            reply = await CommandAsync("session.start", new Dictionary<string, object>
            {
                ["patientId"] = "p-bench",
                ["profile"] = profile.RootElement,
                ["issuedAt"] = DateTimeOffset.UtcNow,
            });
            if (reply.Contains("\"ok\":true", StringComparison.Ordinal))
            {
                break;
            }

            await CommandAsync("fault.ack", new Dictionary<string, object> { ["issuedAt"] = DateTimeOffset.UtcNow });
            await Task.Delay(500, cancellationToken);
        }

        await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        return reply;

        async Task<string> CommandAsync(string name, Dictionary<string, object> payload)
        {
            await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic($"amps/v1/{deviceId}/cmd/{name}")
                .WithPayload(JsonSerializer.SerializeToUtf8Bytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithResponseTopic(replyTopic)
                .WithCorrelationData(Guid.NewGuid().ToByteArray())
                .Build(), cancellationToken);
            return await replies.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        }
    }
}
