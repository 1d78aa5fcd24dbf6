using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;
using MQTTnet;

namespace AmpsDevice.Telemetry.Tests.Support;

/// <summary>
/// A therapist's console on device A through the test broker, for the tests that drive the whole device
/// (<see cref="FullDevice"/>, composed as <c>run --simulate</c> composes it, or the built service as its own process) over
/// MQTT: the dashboard's subscriber to
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
        bool allowRemoteStart)
    {
        var device = new FullDevice(broker.DeviceUri(), MosquittoBroker.DeviceA, dataDirectory, allowRemoteStart);
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

    /// <summary>
    /// Device A as <c>ampsdevice run --simulate</c> with <paramref name="options"/>, its own process above the test runner's
    /// priority (<see cref="DeviceProcess.Prioritized"/>), once <paramref name="dashboard"/> has seen it online: for a test
    /// whose assertions need the control loop on time.
    /// </summary>
    public static async Task<DeviceProcess> StartDeviceProcessAsync(MosquittoBroker broker, TestSubscriber dashboard, string dataDirectory,
        params string[] options)
    {
        var device = DeviceProcess.Prioritized(broker.DeviceUri(), MosquittoBroker.DeviceA, dataDirectory, options);
        try
        {
            // A process starting on a loaded machine (the runtime, the JIT) takes longer than the composed device.
            await dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Online, timeoutS: 30);
            return device;
        }
        catch (TimeoutException e)
        {
            var output = device.Output;
            device.Dispose();
            throw new TimeoutException($"{e.Message}; the device service wrote: {output}", e);
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
