using AmpsDevice.Protocol.Messages;
using AmpsDevice.Telemetry.Tests.Support;
using static AmpsDevice.Telemetry.Tests.Support.DeviceConsole;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>
/// session.start from the dashboard against the whole device (session engine, safety supervisor, simulated
/// hardware behind the real drivers) through a real mosquitto: without <c>--allow-remote-start</c> a remote start
/// only readies the session, and the stimulus begins when someone at the device presses the start button.
/// </summary>
public sealed class RemoteStartTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private readonly MosquittoBroker _broker = Running(broker);

    [Fact]
    public async Task A_remote_start_readies_the_session_and_the_local_start_button_starts_it()
    {
        await using var dashboard = await ConnectDashboardAsync(_broker);
        await using var device = await StartDeviceAsync(_broker, dashboard, TempDirectory.Create("data"), allowRemoteStart: false);

        var reply = Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStart, StartPayload()));
        Assert.True(reply.Ok, reply.Error);
        Assert.Equal("ready", reply.State);
        var ready = await dashboard.WaitForAsync(Topics.Events, m => Json.Event(m).Kind == EventKind.SessionReady, timeoutS: 5);
        Assert.Equal("remote", Json.Event(ready).Origin);

        // Ready is not running: for a second, nothing is energised and the session has not moved.
        await Task.Delay(1000);
        Assert.Equal(0.0, device.Hardware.BridgeVoltage(0));
        Assert.Equal(0.0, device.Hardware.Vibration[0].Model.AmplitudeFraction);
        Assert.DoesNotContain(dashboard.Messages, m => m.Topic == Topics.Events && Json.Event(m).Kind == EventKind.SessionStarted);
        Assert.Equal(SessionState.Ready, LastSession(dashboard).State);

        // The therapist at the device presses start.
        device.Hardware.StartButtonPressed = true;
        var started = Json.Event(await dashboard.WaitForAsync(Topics.Events, m => Json.Event(m).Kind == EventKind.SessionStarted, timeoutS: 5));
        device.Hardware.StartButtonPressed = false;
        Assert.Equal("local", started.Origin);
        Assert.Equal(SessionState.Running, Json.Session(await dashboard.WaitForAsync(Topics.Session,
            m => Json.Session(m).State == SessionState.Running, timeoutS: 5)).State);
        await WaitUntilAsync(() => device.Hardware.BridgeVoltage(0) > 0, "pad1 is heated once the session runs");
    }

    [Fact]
    public async Task With_remote_start_allowed_the_session_runs_at_once_and_a_latched_alarm_refuses_the_next_start()
    {
        await using var dashboard = await ConnectDashboardAsync(_broker);
        await using var device = await StartDeviceAsync(_broker, dashboard, TempDirectory.Create("data"), allowRemoteStart: true);

        var reply = Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStart, StartPayload()));
        Assert.True(reply.Ok, reply.Error);
        Assert.Equal("running", reply.State);
        var started = Json.Event(await dashboard.WaitForAsync(Topics.Events, m => Json.Event(m).Kind == EventKind.SessionStarted, timeoutS: 5));
        Assert.Equal("remote", started.Origin);

        // E-stop pressed and released: the alarm stays latched, and a start is refused until it is acknowledged.
        device.Hardware.EStopPressed = true;
        await dashboard.WaitForAsync(Topics.Session, m => Json.Session(m).State == SessionState.Stopped, timeoutS: 5);
        device.Hardware.EStopPressed = false;
        await Task.Delay(200);
        var refused = Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStart, StartPayload()));
        Assert.False(refused.Ok);
        Assert.Contains("alarm is latched", refused.Error);
        Assert.Equal(0.0, device.Hardware.BridgeVoltage(0));

        var ack = Json.Reply(await CommandAsync(dashboard, CommandNames.FaultAck, $$"""{"issuedAt":"{{Now}}"}"""));
        Assert.True(ack.Ok, ack.Error);
        var again = Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStart, StartPayload()));
        Assert.True(again.Ok, again.Error);
        Assert.Equal("running", again.State);
    }


    private static string StartPayload() => $$"""{"patientId":"p-001","profile":{{WarmthThenVibration}},"issuedAt":"{{Now}}"}""";


    private static SessionStateMessage LastSession(TestSubscriber dashboard) =>
        Json.Session(dashboard.Messages.Last(m => m.Topic == Topics.Session));

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within 5 s: {what}");
            await Task.Delay(20);
        }
    }
}
