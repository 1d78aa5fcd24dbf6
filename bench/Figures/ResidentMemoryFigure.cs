using System.Text;
using System.Text.Json;
using AmpsDevice.Bench.Support;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AmpsDevice.Bench.Figures;

/// <summary>
/// Resident memory of the real service after running a session: the published <c>ampsdevice run --simulate
/// --allow-remote-start</c>, three of them side by side against a local mosquitto, the every-channel profile started
/// on each over MQTT (<c>cmd/session.start</c>, MQTT 5 request/response), VmRSS read from /proc every 10 s for 10
/// minutes (1 with <c>--quick</c>). The goal bounds the peak as well as the end.
/// </summary>
public sealed class ResidentMemoryFigure : IFigure
{
    private const string DeviceIdPrefix = "bench-rss-";

    public string Name => "rss";

    public async Task<IReadOnlyList<FigureResult>> MeasureAsync(FigureRunOptions options, CancellationToken cancellationToken)
    {
        const int Devices = 3;
        var minutes = options.Quick ? 1 : 10;
        var exe = PublishedProgram.Device.Executable;
        using var broker = MosquittoBroker.Anonymous();
        var runs = await Task.WhenAll(Enumerable.Range(1, Devices).Select(i => RunDeviceAsync(exe, broker, $"{DeviceIdPrefix}{i}", minutes, cancellationToken)));
        var last = runs.Select(r => r.Samples[^1]).ToList();
        var peaks = runs.Select(r => r.Samples.Max()).ToList();
        var worstPeak = peaks.Max();
        return
        [
            new($"service resident memory after {minutes} min running a session on the simulator: at the end / peak, MiB",
                $"{Stats.MedianSpread(last, "0.0", "MiB")} / {Stats.MedianSpread(peaks, "0.0", "MiB")}",
                "< 80 MiB, peak included", worstPeak < 80,
                $"VmRSS of {Devices} published `ampsdevice run --simulate` processes side by side (one broker), started with the installed unit's environment ({UnitEnvironment()}), each every 10 s for {minutes} min after `cmd/session.start` of the every-channel profile " +
                $"(replies: {string.Join(" ", runs.Select(r => r.Reply))}); samples per device: " +
                $"{string.Join("; ", runs.Select((r, i) => $"{i + 1}: {Stats.Runs(r.Samples, "0.0")}"))} MiB."),
        ];
    }

    /// <summary>docs/deployment/ampsdevice.service's <c>Environment=</c>, as <see cref="DeviceProcess.FromExecutable"/> passes it.</summary>
    private static string UnitEnvironment() =>
        OperatingSystem.IsLinux() ? string.Join(" ", new DeploymentUnit("ampsdevice").Environment().Select(e => $"{e.Key}={e.Value}")) : "none";

    private static async Task<(string Reply, List<double> Samples)> RunDeviceAsync(string exe, MosquittoBroker broker, string deviceId, int minutes, CancellationToken cancellationToken)
    {
        using var data = new TempDirectory("amps-bench-device");
        using var device = DeviceProcess.FromExecutable(exe, broker.Uri, deviceId, data.Path, "--allow-remote-start");
        await device.WaitForMilestoneAsync("Ready", TimeSpan.FromSeconds(30));
        await device.WaitForLineAsync("MQTT connected", TimeSpan.FromSeconds(30));
        var reply = await StartSessionAsync(broker.Port, deviceId, cancellationToken);
        var samples = new List<double>();
        var end = DateTime.UtcNow.AddMinutes(minutes);
        while (DateTime.UtcNow < end)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            samples.Add(device.ResidentMiB());
        }

        return (reply, samples);
    }

    /// <summary>Starts the every-channel session as the dashboard would; returns the device's reply.</summary>
    private static async Task<string> StartSessionAsync(int port, string deviceId, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var replied = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            replied.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTcpServer("127.0.0.1", port).WithClientId($"bench-dashboard-{deviceId}").Build(), cancellationToken);
        await client.SubscribeAsync($"bench/replies/{deviceId}", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        using var profile = JsonDocument.Parse(await File.ReadAllTextAsync(RepoPaths.EveryChannelProfile, cancellationToken));
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["patientId"] = "bench-patient",
            ["profile"] = profile.RootElement,
            ["issuedAt"] = DateTimeOffset.UtcNow,
            ["id"] = Guid.NewGuid().ToString("N"),
        });
        await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"amps/v1/{deviceId}/cmd/session.start")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithResponseTopic($"bench/replies/{deviceId}")
            .WithCorrelationData(Encoding.UTF8.GetBytes("bench-start"))
            .Build(), cancellationToken);
        var reply = await replied.Task.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        await client.DisconnectAsync(cancellationToken: cancellationToken);
        return reply;
    }
}
