using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>Commands to a device over MQTT as the dashboard's broker user, as the console's buttons send them.</summary>
internal static class DeviceCommands
{
    private const string ClientId = "history-test-commands";

    /// <summary>Sends <c>session.start</c> over MQTT as the dashboard's broker user (what the console's start button does) and checks the reply.</summary>
    public static async Task StartSessionAsync(MosquittoBroker broker, string deviceId, string patientId, string profile, Func<string> deviceOutput)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var correlation = Guid.NewGuid().ToByteArray();
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.CorrelationData.AsSpan().SequenceEqual(correlation))
            {
                reply.TrySetResult(Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)));
            }

            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithProtocolVersion(MqttProtocolVersion.V500).WithTcpServer("127.0.0.1", broker.Port)
            .WithClientId(ClientId).WithCredentials(MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword).Build());
        var replyTopic = $"amps/v1/{deviceId}/reply/{ClientId}";
        await client.SubscribeAsync(replyTopic, MqttQualityOfServiceLevel.AtLeastOnce);
        // The device may not be listening yet (a command published before it subscribed is lost), or may refuse until
        // its first control ticks ran: ask again, with a fresh issuedAt, until it accepts.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var payload = $$"""{"patientId":"{{patientId}}","profile":{{profile}},"issuedAt":"{{DateTimeOffset.UtcNow:O}}"}""";
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"amps/v1/{deviceId}/cmd/session.start").WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithResponseTopic(replyTopic).WithCorrelationData(correlation).Build());
            var answer = await Task.WhenAny(reply.Task, Task.Delay(TimeSpan.FromSeconds(3))) == reply.Task ? reply.Task.Result : null;
            if (answer is not null && answer.Contains("\"ok\":true", StringComparison.Ordinal))
            {
                break;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60),
                $"session.start not accepted: {answer ?? "no reply"}; the device said: {deviceOutput()}");
            reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            correlation = Guid.NewGuid().ToByteArray();
            if (answer?.Contains("alarm is latched", StringComparison.Ordinal) == true)
            {
                // A loaded machine can make the simulated device latch a control-loop alarm at start: acknowledge it, as a therapist would.
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"amps/v1/{deviceId}/cmd/fault.ack")
                    .WithPayload($$"""{"issuedAt":"{{DateTimeOffset.UtcNow:O}}"}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithResponseTopic(replyTopic).WithCorrelationData(Guid.NewGuid().ToByteArray()).Build());
            }

            await Task.Delay(1000);
        }

        await client.DisconnectAsync();
    }

    /// <summary>Sends <c>pain.rate</c> (0-10), as the console's pain buttons do.</summary>
    public static async Task RatePainAsync(MosquittoBroker broker, string deviceId, int value)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithProtocolVersion(MqttProtocolVersion.V500).WithTcpServer("127.0.0.1", broker.Port)
            .WithClientId(ClientId).WithCredentials(MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword).Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"amps/v1/{deviceId}/cmd/pain.rate")
            .WithPayload($$"""{"value":{{value}},"issuedAt":"{{DateTimeOffset.UtcNow:O}}"}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithResponseTopic($"amps/v1/{deviceId}/reply/{ClientId}").WithCorrelationData(Guid.NewGuid().ToByteArray()).Build());
        await client.DisconnectAsync();
    }
}
