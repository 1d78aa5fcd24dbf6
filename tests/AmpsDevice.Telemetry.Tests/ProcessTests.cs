using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;
using AmpsDevice.Telemetry.Tests.Support;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>The built <c>ampsdevice run --simulate</c> process against mosquitto: killed hard, and restarted.</summary>
public sealed class ProcessTests
{
    private static readonly DeviceTopics Topics = new(MosquittoBroker.DeviceA);

    private static DeviceProcess StartDevice(MosquittoBroker broker, string data) => new(broker.DeviceUri(), MosquittoBroker.DeviceA, data);

    [Fact]
    public async Task Sigkilled_device_is_marked_offline_by_its_will_and_its_outbox_drains_after_restart()
    {
        using var broker = new MosquittoBroker();
        await using var dashboard = await TestSubscriber.ConnectAsync(broker.Port, MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword,
            "dash-process", persistent: true, Topics.Prefix + "#");
        var data = TempDirectory.Create("data");

        using var first = StartDevice(broker, data);
        try
        {
            var online = Json.Status(await dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Online, timeoutS: 20));
            Assert.Equal(HardwareMode.Simulated, online.HardwareMode);
            await dashboard.WaitForAsync(Topics.Telemetry, m => Json.Telemetry(m).BootId == online.BootId, timeoutS: 5);

            // Broker down: telemetry goes to the outbox. Then the device dies hard.
            broker.Stop();
            await Task.Delay(3500);
            first.Kill();
            await first.WaitForExitAsync();
            broker.Start();
            await dashboard.ReconnectAsync(TimeSpan.FromSeconds(5));

            // The Will was registered with the connection that the broker stop ended, so kill once more while
            // connected to see the Will itself.
            using var second = StartDevice(broker, data);
            try
            {
                var online2 = Json.Status(await dashboard.WaitForAsync(Topics.Status,
                    m => Json.Status(m).State == DeviceState.Online && Json.Status(m).BootId != online.BootId, timeoutS: 20));

                // The first boot's telemetry made during the outage drains: late, none missing after the last live one.
                var firstBoot = await WaitForDrainAsync(dashboard, online.BootId);
                Assert.True(firstBoot.Count >= 3, $"only {firstBoot.Count} messages of the first boot");
                var seqs = firstBoot.Select(b => b.Seq).Distinct().Order().ToList();
                Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
                Assert.Contains(firstBoot, b => b.Late);

                second.Kill();
                var will = Json.Status(await dashboard.WaitForAsync(Topics.Status,
                    m => Json.Status(m).State == DeviceState.Offline && Json.Status(m).BootId == online2.BootId, timeoutS: 5));
                Assert.Equal("connection-lost", will.Reason);
            }
            finally
            {
                if (!second.HasExited)
                {
                    second.Kill();
                }
            }
        }
        finally
        {
            if (!first.HasExited)
            {
                first.Kill();
            }
        }
    }

    private static async Task<IReadOnlyList<TelemetryBatch>> WaitForDrainAsync(TestSubscriber dashboard, string bootId)
    {
        // Drained when messages of the first boot stop arriving for a second.
        var last = -1;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var count = dashboard.Telemetry(Topics.Telemetry).Count(b => b.BootId == bootId);
            if (count == last)
            {
                break;
            }

            last = count;
        }

        return [.. dashboard.Telemetry(Topics.Telemetry).Where(b => b.BootId == bootId)];
    }
}
