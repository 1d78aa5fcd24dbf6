using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Hosting;

/// <summary>
/// The device's core, composed in one place for both time bases: the safety supervisor with the standard rules
/// and its latched alarms, the evidence it judges, the session engine, the device envelope and the control loop
/// over the opened hardware. <c>run</c> builds it through <see cref="DeviceServices"/> and ticks it in real time;
/// <c>simulate</c> builds it in <c>SimulationRun</c> and ticks it in virtual time, so what a simulation shows is
/// what the service runs. Observers are attached here, by the composition, before the loop starts.
/// </summary>
public sealed class DeviceCore
{
    /// <param name="io">The opened hardware, outputs already safe.</param>
    /// <param name="time">Real or virtual time.</param>
    /// <param name="control">The loop's rate and the controllers' settings.</param>
    /// <param name="session">The session engine's settings.</param>
    /// <param name="limits">The absolute limits, tightened by configuration.</param>
    /// <param name="stimulus">What the loop asks for targets each tick, given the session engine: the engine itself
    /// when null; <c>simulate</c> adds the virtual patient following the engine's pressure guidance.</param>
    public DeviceCore(IDeviceIo io, TimeProvider time, ControlLoopOptions control, SessionOptions session, LimitSet limits,
        Func<SessionEngine, IStimulusSource>? stimulus = null)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(control);
        Io = io;
        var shape = io.Shape;
        var period = 1.0 / control.TickRateHz;
        Alarms = new AlarmBook();
        Supervisor = new SafetySupervisor(SafetySupervisor.StandardRules(shape, period, control.MotorFullScaleCurrentA), Alarms, time);
        Safety = new SafetyContext(shape, limits, period, Alarms);
        Engine = new SessionEngine(shape.Pads.Count, [], time, session);
        Envelope = DeviceEnvelope.For(shape, limits);
        Loop = new ControlLoop(io, Supervisor, Safety, stimulus?.Invoke(Engine) ?? Engine, [], time, control);
    }

    public IDeviceIo Io { get; }

    public DeviceShape Shape => Io.Shape;

    public AlarmBook Alarms { get; }

    public SafetySupervisor Supervisor { get; }

    public SafetyContext Safety { get; }

    public SessionEngine Engine { get; }

    /// <summary>What a profile may ask of this device: the absolute envelope tightened by the limits.</summary>
    public ProfileEnvelope Envelope { get; }

    public ControlLoop Loop { get; }

    /// <summary>Shows every tick to <paramref name="observer"/>, after those attached before it.</summary>
    public void AddTickObserver(ITickObserver observer) => Loop.AddObserver(observer);

    /// <summary>Shows every session event to <paramref name="observer"/>, after those attached before it.</summary>
    public void AddSessionObserver(ISessionObserver observer) => Engine.AddObserver(observer);
}
