using System.Text;
using System.Text.Json;
using AmpsDevice.Bench.Support;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Resident memory of the real service after running a session: <c>ampsdevice run --simulate --allow-remote-start</c>
/// against a local mosquitto, the every-channel profile started over MQTT (<c>cmd/session.start</c>, MQTT 5
/// request/response), VmRSS read from /proc every 10 s for 10 minutes (1 with <c>--quick</c>).
/// </summary>
public sealed class ResidentMemoryFigure : IFigure
{
    private const string DeviceId = "bench-rss";

    public string Name => "rss";

    public bool InBackground => true;

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        var minutes = options.Quick ? 1 : 10;
        using var broker = MosquittoBroker.Anonymous();
        using var data = new TempDirectory("amps-bench-device");
        using var device = new DeviceProcess(broker.Uri, DeviceId, data.Path, "--allow-remote-start");
        await device.WaitForMilestoneAsync("Ready", TimeSpan.FromSeconds(30));
        await device.WaitForLineAsync("MQTT connected", TimeSpan.FromSeconds(30));
        var reply = await StartSessionAsync(broker.Port, cancellationToken);
        var samples = new List<double>();
        var end = DateTime.UtcNow.AddMinutes(minutes);
        while (DateTime.UtcNow < end)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            samples.Add(device.ResidentMiB());
        }

        var last = samples[^1];
        return
        [
            new($"service resident memory after {minutes} min running a session on the simulator",
                $"{last:0.0} MB (peak {samples.Max():0.0} MB)",
                "< 80 MB", last < 80,
                $"VmRSS of `ampsdevice run --simulate` every 10 s for {minutes} min after `cmd/session.start` of the every-channel profile (reply: {reply}); " +
                $"samples: {string.Join(", ", samples.Select(s => $"{s:0.0}"))} MiB."),
        ];
    }

    /// <summary>Starts the every-channel session as the dashboard would; returns the device's reply.</summary>
    private static async Task<string> StartSessionAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var replied = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            replied.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTcpServer("127.0.0.1", port).WithClientId("bench-dashboard").Build(), cancellationToken);
        await client.SubscribeAsync("bench/replies", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        using var profile = JsonDocument.Parse(await File.ReadAllTextAsync(RepoPaths.EveryChannelProfile, cancellationToken));
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["patientId"] = "bench-patient",
            ["profile"] = profile.RootElement,
            ["issuedAt"] = DateTimeOffset.UtcNow,
            ["id"] = Guid.NewGuid().ToString("N"),
        });
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"amps/v1/{DeviceId}/cmd/session.start")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithResponseTopic("bench/replies")
            .WithCorrelationData(Encoding.UTF8.GetBytes("bench-start"))
            .Build(), cancellationToken);
        var reply = await replied.Task.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        await client.DisconnectAsync(cancellationToken: cancellationToken);
        return reply;
    }
}
