using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator.Time;

namespace AmpsDevice.Control.Tests.Sessions;

/// <summary>
/// A remote start on a device without remote start allowed loads the session and waits ready for the local start
/// button; what it reports (the console shows it) is the new session's whole plan, not the last session's remainder.
/// </summary>
public sealed class ReadySessionTests
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

    private readonly DeviceShape _shape = new(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);
    private readonly VirtualTimeProvider _clock = new();
    private readonly SessionEngine _engine;
    private readonly SafetySupervisor _supervisor;
    private readonly SafetyContext _context;
    private readonly SessionController _controller;

    public ReadySessionTests()
    {
        _engine = new SessionEngine(2, [], _clock, new SessionOptions { AllowRemoteStart = false });
        var alarms = new AlarmBook();
        _supervisor = new SafetySupervisor(SafetySupervisor.StandardRules(_shape, 0.01, 0.75), alarms, _clock);
        _context = new SafetyContext(_shape, LimitSet.Absolute, 0.01, alarms);
        _controller = new SessionController(_engine, _supervisor, _shape, ProfileEnvelope.Absolute(), profiles: null);
    }

    [Fact]
    public async Task A_session_waiting_ready_reports_its_whole_plan_as_time_left()
    {
        // A first session runs part-way and is stopped: its remainder must not carry over.
        Assert.True((await StartAsync(Short)).Ok);
        Assert.Equal(SessionState.Ready, _engine.State);
        _context.Sensors.StartButtonPressed = true;
        Tick();
        _context.Sensors.StartButtonPressed = false;
        Assert.Equal(SessionState.Running, _engine.State);
        for (var i = 0; i < 50; i++)
        {
            Tick();
        }

        Assert.True((await StopAsync()).Ok);
        Assert.True(_engine.TimeLeftS < 1);

        Assert.True((await StartAsync(Long)).Ok);
        Assert.Equal(SessionState.Ready, _engine.State);
        var plan = ProfileParser.Parse(Long).Value!.Steps.Sum(s => s.NominalDurationS());
        Assert.Equal(plan, _engine.TimeLeftS, 6);
        Assert.True(plan > 50);
    }

    private void Tick()
    {
        _clock.Advance(TimeSpan.FromMilliseconds(10));
        _engine.Update(_context, _supervisor, new double[_shape.Pressure.Count], new StimulusTargets(_shape.Pads.Count, _shape.Vibration.Count, _shape.Pressure.Count));
    }

    private async Task<CommandResult> StartAsync(string profile)
    {
        var start = _controller.StartSessionAsync(new StartSessionRequest("p-001", System.Text.Json.JsonDocument.Parse(profile).RootElement, null),
            CommandOrigin.Remote, CancellationToken.None).AsTask();
        return await TickUntilTakenAsync(start);
    }

    private async Task<CommandResult> StopAsync() =>
        await TickUntilTakenAsync(_controller.StopAsync(CommandOrigin.Remote, CancellationToken.None).AsTask());

    private async Task<CommandResult> TickUntilTakenAsync(Task<CommandResult> pending)
    {
        for (var i = 0; i < 200 && !pending.IsCompleted; i++)
        {
            await Task.Delay(5);
            Tick();
        }

        return await pending;
    }
}
