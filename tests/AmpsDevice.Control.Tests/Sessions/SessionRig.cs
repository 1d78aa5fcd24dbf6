using System.Text.Json;
using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Simulator.Time;

namespace AmpsDevice.Control.Tests.Sessions;

/// <summary>
/// The device's core as the service composes it (<see cref="DeviceCore"/>, here the simulated device's, in virtual
/// time) with the session controller that commands go through, but with the control loop left stopped: the test is the
/// loop, ticking the session engine itself, or not at all (a stalled loop).
/// </summary>
internal sealed class SessionRig : IDisposable
{
    private readonly SimulationRun _run;

    public SessionRig(bool allowRemoteStart)
    {
        _run = new SimulationRun(SimulateVerb.LoadHardwareOptions(), seed: 1, session: new SessionOptions { AllowRemoteStart = allowRemoteStart });
        Controller = new SessionController(Core.Engine, Core.Supervisor, Core.Shape, Core.Envelope, profiles: null);
    }

    public VirtualTimeProvider Clock => _run.Clock;

    public DeviceCore Core => _run.Core;

    public SessionEngine Engine => Core.Engine;

    public SessionController Controller { get; }

    /// <summary>One control tick of the session engine, a control period of virtual time after the last.</summary>
    public void Tick()
    {
        Clock.Advance(TimeSpan.FromSeconds(Core.Loop.PeriodS));
        var shape = Core.Shape;
        Engine.Update(Core.Safety, Core.Supervisor, new double[shape.Pressure.Count], new StimulusTargets(shape.Pads.Count, shape.Vibration.Count, shape.Pressure.Count));
    }

    /// <summary>A remote session.start for patient p-001 with <paramref name="profileJson"/>, as the controller receives it.</summary>
    public Task<CommandResult> StartAsync(string profileJson) =>
        Controller.StartSessionAsync(new StartSessionRequest("p-001", JsonDocument.Parse(profileJson).RootElement, null),
            CommandOrigin.Remote, CancellationToken.None).AsTask();

    /// <summary>Ticks until the controller has its answer; the controller posts the command to the engine
    /// asynchronously, so the rig waits a moment between ticks.</summary>
    public async Task<CommandResult> TickUntilTakenAsync(Task<CommandResult> pending)
    {
        for (var i = 0; i < 200 && !pending.IsCompleted; i++)
        {
            await Task.Delay(5);
            Tick();
        }

        return await pending;
    }

    public void Dispose() => _run.Dispose();
}
