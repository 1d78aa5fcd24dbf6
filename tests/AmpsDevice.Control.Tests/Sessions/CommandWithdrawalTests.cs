using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator.Time;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Control.Tests.Sessions;

/// <summary>
/// A start the control loop did not take in time is answered "refused" and withdrawn: when the loop comes back,
/// it must not begin a stimulus the therapist was told had not started. A late stop still stops.
/// </summary>
public sealed class CommandWithdrawalTests
{
    private const string Profile = """
        { "schema": "amps.profile/1", "name": "warmth", "painStopAt": 7,
          "steps": [ { "kind": "thermal", "pad": "pad1", "targetC": 36.0, "rampCPerS": 1.0, "holdS": 30 } ] }
        """;

    private readonly DeviceShape _shape = new(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);
    private readonly VirtualTimeProvider _clock = new();
    private readonly SessionEngine _engine;
    private readonly SafetySupervisor _supervisor;
    private readonly SafetyContext _context;
    private readonly SessionController _controller;

    public CommandWithdrawalTests()
    {
        _engine = new SessionEngine(2, [], _clock, new SessionOptions { AllowRemoteStart = true });
        var alarms = new AlarmBook();
        _supervisor = new SafetySupervisor(SafetySupervisor.StandardRules(_shape, 0.01, 0.75), alarms, _clock);
        _context = new SafetyContext(_shape, LimitSet.Absolute, 0.01, alarms);
        _controller = new SessionController(_engine, _supervisor, _shape, ProfileEnvelope.Absolute(), profiles: null);
    }

    private void Tick() =>
        _engine.Update(_context, _supervisor, new double[_shape.Pressure.Count], new StimulusTargets(_shape.Pads.Count, _shape.Vibration.Count, _shape.Pressure.Count));

    [Fact]
    public async Task A_start_the_loop_did_not_take_in_time_is_withdrawn_and_never_runs()
    {
        // The loop is stalled: nobody ticks the engine while the start waits.
        var reply = await _controller.StartSessionAsync(new StartSessionRequest("p-001", System.Text.Json.JsonDocument.Parse(Profile).RootElement, null),
            CommandOrigin.Remote, CancellationToken.None);
        Assert.False(reply.Ok);
        Assert.Contains("withdrawn and will not run", reply.Error, StringComparison.Ordinal);

        // The loop comes back.
        for (var i = 0; i < 10; i++)
        {
            Tick();
        }

        Assert.Equal(SessionState.Idle, _engine.State);
    }

    [Fact]
    public async Task A_start_the_loop_takes_in_time_runs_and_a_late_stop_still_stops()
    {
        var start = _controller.StartSessionAsync(new StartSessionRequest("p-001", System.Text.Json.JsonDocument.Parse(Profile).RootElement, null),
            CommandOrigin.Remote, CancellationToken.None).AsTask();
        await WaitQueuedThenTickAsync(start);
        Assert.True((await start).Ok);
        Assert.Equal(SessionState.Running, _engine.State);

        var stop = await _controller.StopAsync(CommandOrigin.Remote, CancellationToken.None);
        Assert.False(stop.Ok);
        Assert.Contains("stays queued", stop.Error, StringComparison.Ordinal);
        Tick();
        Assert.Equal(SessionState.Stopped, _engine.State);
    }

    private async Task WaitQueuedThenTickAsync(Task pending)
    {
        // Tick until the command has been taken (the controller posts it asynchronously).
        for (var i = 0; i < 200 && !pending.IsCompleted; i++)
        {
            Tick();
            await Task.Delay(5);
        }
    }
}
