using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;
using AmpsDevice.Telemetry.Tests.Support;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>Each test has its own mosquitto, because each one takes it down.</summary>
public sealed class OutageTests
{
    private static readonly DeviceTopics Topics = new(MosquittoBroker.DeviceA);

    private static Task<TestSubscriber> PersistentDashboardAsync(MosquittoBroker broker, string id) =>
        TestSubscriber.ConnectAsync(broker.Port, MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword, id, persistent: true, Topics.Prefix + "#");

    private static void AssertNoGaps(IReadOnlyList<TelemetryBatch> batches, string bootId, long upTo)
    {
        var seqs = batches.Where(b => b.BootId == bootId).Select(b => b.Seq).Distinct().Order().ToList();
        var missing = Enumerable.Range(1, (int)upTo).Select(i => (long)i).Except(seqs).ToList();
        Assert.True(missing.Count == 0, $"missing seq {string.Join(",", missing.Take(20))} of 1..{upTo}");
    }

    [Fact]
    public async Task Broker_killed_and_restarted_mid_stream_loses_no_sequence_number()
    {
        using var broker = new MosquittoBroker();
        await using var dashboard = await PersistentDashboardAsync(broker, "dash-outage");
        await using var device = new DeviceStack(broker.DeviceUri(), MosquittoBroker.DeviceA, TempDirectory.Create("data"));
        await device.StartAsync();
        device.StartTicks();
        await dashboard.WaitForAsync(Topics.Telemetry, m => Json.Telemetry(m).Seq >= 5);

        broker.Stop();
        await Task.Delay(2000);   // about 40 messages go to the outbox meanwhile
        var madeDuringOutage = device.Get<TelemetryBatcher>().LastSeq;
        Assert.True(device.Get<Outbox>().Count > 10, $"outbox holds {device.Get<Outbox>().Count}");
        broker.Start();
        await dashboard.ReconnectAsync(TimeSpan.FromSeconds(5));

        await dashboard.WaitForAsync(Topics.Telemetry, m => Json.Telemetry(m).Seq >= madeDuringOutage + 10, timeoutS: 10);
        await device.StopTicksAsync();
        var boot = device.Get<DeviceIdentity>().BootId;
        var batches = dashboard.Telemetry(Topics.Telemetry);
        AssertNoGaps(batches, boot, madeDuringOutage + 10);
        Assert.Contains(batches, b => b.Late);
        Assert.Contains(batches, b => !b.Late);
        Assert.Equal(Enumerable.Range(1, batches.Count).Select(i => (long)i).Take(5), batches.Select(b => b.Seq).Take(5));
    }

    [Fact]
    public async Task Outbox_survives_a_restart_of_the_publisher_during_an_outage_and_drains()
    {
        using var broker = new MosquittoBroker();
        await using (var subscribeFirst = await PersistentDashboardAsync(broker, "dash-restart"))
        {
        }

        broker.Stop();
        var data = TempDirectory.Create("data");
        string firstBoot;
        long made;
        await using (var first = new DeviceStack(broker.DeviceUri(), MosquittoBroker.DeviceA, data))
        {
            await first.StartAsync();
            for (var i = 0; i < 200; i++)
            {
                first.Tick();
            }

            await first.Get<IDevicePublisher>().PublishEventAsync(new DeviceEvent(EventKind.SessionStopped, DateTimeOffset.UtcNow, "s-1", Message: "during outage"));
            await Task.Delay(500);
            firstBoot = first.Get<DeviceIdentity>().BootId;
            await first.StopAsync();
            made = first.Get<TelemetryBatcher>().LastSeq;
            Assert.Equal(40, made);
        }

        broker.Start();
        await using var dashboard = new TestSubscriber();
        await dashboard.TryConnectAsync(broker.Port, MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword, "dash-restart", persistent: true);
        await using var second = new DeviceStack(broker.DeviceUri(), MosquittoBroker.DeviceA, data);
        await second.StartAsync();

        await dashboard.WaitForAsync(Topics.Telemetry, m => Json.Telemetry(m).BootId == firstBoot && Json.Telemetry(m).Seq == made, timeoutS: 10);
        var ev = Json.Event(await dashboard.WaitForAsync(Topics.Events));
        Assert.Equal(("during outage", true), (ev.Message, ev.Late));
        var batches = dashboard.Telemetry(Topics.Telemetry);
        AssertNoGaps(batches, firstBoot, made);
        Assert.All(batches.Where(b => b.BootId == firstBoot), b => Assert.True(b.Late));
        Assert.Equal(batches.Where(b => b.BootId == firstBoot).Select(b => b.Seq).Order(), batches.Where(b => b.BootId == firstBoot).Select(b => b.Seq));
        await WaitUntil(() => second.Get<Outbox>().Count == 0);
    }

    [Fact]
    public async Task Broker_stopped_during_a_pipelined_drain_loses_no_sequence_number_and_the_window_respects_receive_maximum()
    {
        using var broker = new MosquittoBroker();
        await using (var subscribeFirst = await PersistentDashboardAsync(broker, "dash-pipelined"))
        {
        }

        broker.Stop();
        // A window above mosquitto's max_inflight_messages (20): it must be capped (at half) by CONNACK's Receive
        // Maximum, or mosquitto disconnects the device and the drain never ends.
        await using var device = new DeviceStack(broker.DeviceUri(), MosquittoBroker.DeviceA, TempDirectory.Create("data"),
            new Dictionary<string, string?> { ["Mqtt:MaxInFlight"] = "64", ["Mqtt:RingCapacity"] = "100" });
        await device.StartAsync();
        var batcher = device.Get<TelemetryBatcher>();
        for (var i = 0; i < 20000; i++)
        {
            device.Tick();
            if (i % 5 == 4)
            {
                batcher.Flush(5);
            }
        }

        var made = batcher.LastSeq;
        Assert.Equal(4000, made);
        var outbox = device.Get<Outbox>();
        Assert.Equal(4000, outbox.Count);

        broker.Start();
        await using var dashboard = new TestSubscriber();
        await dashboard.TryConnectAsync(broker.Port, MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword, "dash-pipelined", persistent: true);
        await dashboard.WaitForAsync(Topics.Telemetry, m => Json.Telemetry(m).Seq >= 50, timeoutS: 10);
        broker.Stop();   // in the middle of the drain, with publishes in flight
        var leftAtStop = outbox.Count;
        broker.Start();
        await dashboard.ReconnectAsync(TimeSpan.FromSeconds(5));

        await dashboard.WaitForAsync(Topics.Telemetry, m => Json.Telemetry(m).Seq == made, timeoutS: 30);
        await WaitUntil(() => outbox.Count == 0, timeoutS: 10);
        var boot = device.Get<DeviceIdentity>().BootId;
        AssertNoGaps(dashboard.Telemetry(Topics.Telemetry), boot, made);
        Assert.Equal(20, device.Get<MqttConnection>().ReceiveMaximum);
        Assert.True(leftAtStop > 0, "the drain ended before the broker stopped; the test did not cut it in the middle");
        Assert.True(device.Get<MqttConnection>().ConnectCount >= 2);
    }

    [Fact]
    public async Task Last_will_marks_the_device_offline_when_its_connection_dies()
    {
        using var broker = new MosquittoBroker();
        using var proxy = new TcpProxy(broker.Port);
        await using var dashboard = await TestSubscriber.ConnectAsync(broker.Port, MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword, "dash-will", false, Topics.Status);
        await using var device = new DeviceStack($"mqtt://{MosquittoBroker.DeviceA}:{MosquittoBroker.DevicePassword}@127.0.0.1:{proxy.Port}", MosquittoBroker.DeviceA, TempDirectory.Create("data"));
        await device.StartAsync();
        await dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Online);

        proxy.Cut();
        var will = Json.Status(await dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Offline, timeoutS: 5));
        Assert.Equal("connection-lost", will.Reason);
        Assert.Equal(device.Get<DeviceIdentity>().BootId, will.BootId);
    }

    [Fact]
    public async Task Embedded_broker_accepts_a_subscriber_and_telemetry_flows()
    {
        var port = FreePort.Next();
        await using var device = new DeviceStack(null, "dev-embedded", TempDirectory.Create("data"),
            new Dictionary<string, string?> { ["Mqtt:EmbeddedBrokerPort"] = port.ToString() });
        await device.StartAsync();
        await using var dashboard = await TestSubscriber.ConnectAsync(port, null, null, "dash-embedded", false, "amps/v1/dev-embedded/#");
        for (var i = 0; i < 15; i++)
        {
            device.Tick();
        }

        await dashboard.WaitForAsync("amps/v1/dev-embedded/telemetry", m => Json.Telemetry(m).Seq == 3);
        Assert.Equal([1L, 2, 3], dashboard.Telemetry("amps/v1/dev-embedded/telemetry").Select(b => b.Seq));
        Assert.Equal(DeviceState.Online, Json.Status(await dashboard.WaitForAsync("amps/v1/dev-embedded/status")).State);
    }

    private static async Task WaitUntil(Func<bool> condition, double timeoutS = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutS);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }
}
