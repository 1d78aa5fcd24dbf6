using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;
using AmpsDevice.Simulator.Faults;
using MQTTnet;

namespace AmpsDevice.Telemetry.Tests.Support;

/// <summary>
/// A therapist's console on device A through the test broker, for the tests that drive the whole device
/// (<see cref="FullDevice"/>, composed as <c>run --simulate</c> composes it) over MQTT: the dashboard's subscriber to
/// everything the device publishes, the device started and seen online, and a command sent and its reply awaited.
/// </summary>
internal static class DeviceConsole
{
    public static DeviceTopics Topics { get; } = new(MosquittoBroker.DeviceA);

    /// <summary>A profile for a session to run: pad1 warmed to 36 °C and held 30 s, then vib1 at 120 Hz for 30 s.</summary>
    public const string WarmthThenVibration = """
        {"schema":"amps.profile/1","name":"Warmth, then vibration","painStopAt":7,"steps":[
          {"kind":"thermal","pad":"pad1","targetC":36.0,"rampCPerS":1.0,"holdS":30},
          {"kind":"vibration","channel":"vib1","frequencyHz":120,"amplitude":0.4,"durationS":30,"pattern":"continuous"}]}
        """;

    /// <summary>Now, as a command's <c>issuedAt</c>.</summary>
    public static string Now => DateTimeOffset.UtcNow.ToString("O");

    /// <summary>The broker of a class fixture, started by the first of the class's tests.</summary>
    public static MosquittoBroker Running(MosquittoBroker broker)
    {
        if (!broker.IsRunning)
        {
            broker.Start();
        }

        return broker;
    }

    /// <summary>A dashboard subscribed to everything device A publishes.</summary>
    public static Task<TestSubscriber> ConnectDashboardAsync(MosquittoBroker broker) =>
        TestSubscriber.ConnectAsync(broker.Port, MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword,
            "dash-" + Guid.NewGuid().ToString("N")[..8], persistent: false, Topics.Prefix + "#");

    /// <summary>Device A in this process, started, once <paramref name="dashboard"/> has seen it online.</summary>
    public static async Task<FullDevice> StartDeviceAsync(MosquittoBroker broker, TestSubscriber dashboard, string dataDirectory,
        bool allowRemoteStart, Scenario? scenario = null)
    {
        var device = new FullDevice(broker.DeviceUri(), MosquittoBroker.DeviceA, dataDirectory, allowRemoteStart, scenario);
        try
        {
            await device.StartAsync();
            await dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Online, timeoutS: 10);
            return device;
        }
        catch
        {
            await device.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends command <paramref name="name"/> as the dashboard does and waits for its reply.</summary>
    public static async Task<MqttApplicationMessage> CommandAsync(TestSubscriber dashboard, string name, string payload)
    {
        var correlation = Guid.NewGuid().ToByteArray();
        var replyTopic = Topics.Reply("dash");
        await dashboard.PublishAsync(Topics.Command(name), payload, replyTopic, correlation);
        return await dashboard.WaitForAsync(replyTopic, m => m.CorrelationData.AsSpan().SequenceEqual(correlation), timeoutS: 5);
    }
}
