using System.Globalization;
using AmpsDevice.FirmwareHost.Telemetry;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>
/// The dashboard's persistent session must outlast ten minutes away in a busy clinic: mosquitto queues for it at most
/// <c>max_queued_messages</c> (docs/deployment/mosquitto.conf) and drops the rest silently.
/// </summary>
public sealed class BrokerQueueTests
{
    /// <summary>A busy clinic: 50 devices (the load of the ingest figure in docs/performance.md).</summary>
    public const int BusyClinicDevices = 50;

    /// <summary>How long the dashboard may be away (a restart, an update, a crash and a person noticing).</summary>
    public static readonly TimeSpan Outage = TimeSpan.FromMinutes(10);

    /// <summary>Messages per device beyond telemetry: a running session's state once a second, and a generous bound of
    /// 0.2 a second (12 a minute) for its events (two per step, a pain rating every 30 s), alarms and status.</summary>
    public const double OtherMessagesPerSecond = 1.2;

    /// <summary>Messages queued for the dashboard while it is away: devices × outage × (telemetry at the device's default rate + the rest).</summary>
    public static int QueueNeeded()
    {
        var device = new MqttOptions();
        var telemetryPerSecond = device.TelemetryRateHz / device.BatchSize;
        return (int)Math.Ceiling(BusyClinicDevices * Outage.TotalSeconds * (telemetryPerSecond + OtherMessagesPerSecond));
    }

    [Fact]
    public void The_deployment_broker_queues_ten_minutes_of_a_busy_clinic_for_the_dashboard()
    {
        var setting = File.ReadLines(Repository.PathOf("docs", "deployment", "mosquitto.conf"))
            .Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single(parts => parts is ["max_queued_messages", _]);
        var queued = int.Parse(setting[1], CultureInfo.InvariantCulture);
        Assert.Equal(186_000, QueueNeeded());
        Assert.True(queued >= QueueNeeded(), $"max_queued_messages {queued} is below the {QueueNeeded()} messages of {Outage.TotalMinutes} minutes of {BusyClinicDevices} devices");
    }

    [Fact]
    public async Task Ten_minutes_of_a_busy_clinic_queued_while_the_dashboard_was_down_are_all_stored_once_it_is_back()
    {
        var devices = Enumerable.Range(1, 10).Select(i => $"clinic-{i:00}").ToArray();
        using var stack = new HistoryStack(devices);
        await stack.StartDashboardAsync();
        stack.StopDashboard();

        var perDevice = QueueNeeded() / devices.Length;
        await Task.WhenAll(devices.Select(device => PublishAsync(stack.Broker, device, perDevice)));
        await stack.StartDashboardAsync();

        await HistoryStack.WaitForAsync(async () => await stack.CountAsync("history_telemetry") >= QueueNeeded(), TimeSpan.FromSeconds(240),
            () => $"{stack.CountAsync("history_telemetry").Result} of {QueueNeeded()} stored");
        Assert.Equal(QueueNeeded(), await stack.CountAsync("history_telemetry"));
        foreach (var device in devices)
        {
            Assert.Equal(Enumerable.Range(1, perDevice).Select(i => (long)i), (await stack.TelemetryAsync(device)).Select(t => t.Seq));
        }
    }

    /// <summary>What a device sends in <paramref name="count"/> seconds, published as fast as the broker takes it (QoS 1, each acknowledged).</summary>
    private static async Task PublishAsync(MosquittoBroker broker, string device, int count)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithProtocolVersion(MqttProtocolVersion.V500).WithTcpServer("127.0.0.1", broker.Port)
            .WithClientId(device).WithCredentials(device, MosquittoBroker.DevicePassword).Build());
        var boot = Guid.NewGuid().ToString("N");
        var start = DateTimeOffset.UtcNow.AddSeconds(-count);
        for (var seq = 1; seq <= count; seq++)
        {
            var message = Messages.Telemetry(device, boot, seq, start.AddSeconds(seq));
            var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"amps/v1/{device}/telemetry")
                .WithPayload(message.Raw.ToArray()).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.True(result.IsSuccess, $"{device} seq {seq}: {result.ReasonCode}");
        }

        await client.DisconnectAsync();
    }
}
