using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Control.Tests.Sessions;

/// <summary>
/// A remote start on a device without remote start allowed loads the session and waits ready for the local start
/// button; what it reports (the console shows it) is the new session's whole plan, not the last session's remainder.
/// </summary>
public sealed class ReadySessionTests : IDisposable
{
    private const string Short = """
        { "schema": "amps.profile/1", "name": "short", "painStopAt": 7,
          "steps": [ { "kind": "vibration", "channel": "vib1", "frequencyHz": 100, "amplitude": 0.2, "durationS": 1, "pattern": "continuous" } ] }
        """;

    private const string Long = """
        { "schema": "amps.profile/1", "name": "warmth", "painStopAt": 7,
          "steps": [ { "kind": "thermal", "pad": "pad1", "targetC": 36.0, "rampCPerS": 1.0, "holdS": 30 },
                     { "kind": "rest", "durationS": 20 } ] }
        """;

    private readonly SessionRig _rig = new(allowRemoteStart: false);

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task A_session_waiting_ready_reports_its_whole_plan_as_time_left()
    {
        // A first session runs part-way and is stopped: its remainder must not carry over.
        Assert.True((await StartAsync(Short)).Ok);
        Assert.Equal(SessionState.Ready, _rig.Engine.State);
        _rig.Core.Safety.Sensors.StartButtonPressed = true;
        _rig.Tick();
        _rig.Core.Safety.Sensors.StartButtonPressed = false;
        Assert.Equal(SessionState.Running, _rig.Engine.State);
        for (var i = 0; i < 50; i++)
        {
            _rig.Tick();
        }

        Assert.True((await StopAsync()).Ok);
        Assert.True(_rig.Engine.TimeLeftS < 1);

        Assert.True((await StartAsync(Long)).Ok);
        Assert.Equal(SessionState.Ready, _rig.Engine.State);
        var plan = ProfileParser.Parse(Long).Value!.Steps.Sum(s => s.NominalDurationS());
        Assert.Equal(plan, _rig.Engine.TimeLeftS, 6);
        Assert.True(plan > 50);
    }

    private Task<CommandResult> StartAsync(string profile) => _rig.TickUntilTakenAsync(_rig.StartAsync(profile));

    private Task<CommandResult> StopAsync() => _rig.TickUntilTakenAsync(_rig.Controller.StopAsync(CommandOrigin.Remote, CancellationToken.None).AsTask());
}
