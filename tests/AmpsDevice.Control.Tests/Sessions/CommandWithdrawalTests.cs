using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Control.Tests.Sessions;

/// <summary>
/// A start the control loop did not take in time is answered "refused" and withdrawn: when the loop comes back,
/// it must not begin a stimulus the therapist was told had not started. A late stop still stops.
/// </summary>
public sealed class CommandWithdrawalTests : IDisposable
{
    private const string Profile = """
        { "schema": "amps.profile/1", "name": "warmth", "painStopAt": 7,
          "steps": [ { "kind": "thermal", "pad": "pad1", "targetC": 36.0, "rampCPerS": 1.0, "holdS": 30 } ] }
        """;

    private readonly SessionRig _rig = new(allowRemoteStart: true);

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task A_start_the_loop_did_not_take_in_time_is_withdrawn_and_never_runs()
    {
        // The loop is stalled: nobody ticks the engine while the start waits.
        var reply = await _rig.StartAsync(Profile);
        Assert.False(reply.Ok);
        Assert.Contains("withdrawn and will not run", reply.Error, StringComparison.Ordinal);

        // The loop comes back.
        for (var i = 0; i < 10; i++)
        {
            _rig.Tick();
        }

        Assert.Equal(SessionState.Idle, _rig.Engine.State);
    }

    [Fact]
    public async Task A_start_the_loop_takes_in_time_runs_and_a_late_stop_still_stops()
    {
        Assert.True((await _rig.TickUntilTakenAsync(_rig.StartAsync(Profile))).Ok);
        Assert.Equal(SessionState.Running, _rig.Engine.State);

        var stop = await _rig.Controller.StopAsync(CommandOrigin.Remote, CancellationToken.None);
        Assert.False(stop.Ok);
        Assert.Contains("stays queued", stop.Error, StringComparison.Ordinal);
        _rig.Tick();
        Assert.Equal(SessionState.Stopped, _rig.Engine.State);
    }
}
