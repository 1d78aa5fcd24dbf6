using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Simulator;
using AmpsDevice.Simulator.Time;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>
/// The whole control loop (real drivers, supervisor, pad controllers) on the simulated device in virtual
/// time at 100 Hz, with the pad targets set by the test instead of a session: the bench the pad PID is
/// tuned and proven on. Supervised, it is the device's core as the service composes it (<see cref="DeviceCore"/>)
/// with the test's targets for the session's. Records the control sensor's reading and the pad's physical surface
/// each tick.
/// </summary>
internal sealed class PadLoopRig : IDisposable
{
    private readonly IDeviceIo _io;
    private readonly TestTargets _source = new();

    /// <param name="seed">Seeds the sensor noise.</param>
    /// <param name="controlNoiseC">Gaussian noise on every control sensor, standard deviation °C.</param>
    /// <param name="supervised">With the standard safety rules; false runs the controller alone (a setpoint
    /// step heats faster than the runaway rule allows, so only an unsupervised rig can show one).</param>
    /// <param name="limits">The limits in force; the absolute ones by default.</param>
    public PadLoopRig(int seed = 1, double controlNoiseC = 0, bool supervised = true, LimitSet? limits = null)
    {
        var opened = DeviceHardware.Open(SimulateVerb.LoadHardwareOptions(),
            valid => new SimulatedHardwareFactory(new SimulatedDevice(SimulatedHardwareFactory.LayoutFor(valid), Clock, seed)), Clock);
        Device = ((SimulatedHardwareFactory)opened.Factory).Device;
        _io = opened.Io;
        var options = new ControlLoopOptions();
        limits ??= LimitSet.Absolute;
        Loop = supervised
            ? new DeviceCore(_io, Clock, options, new SessionOptions(), limits, _ => _source).Loop
            : Unsupervised(_io, limits, options);
        foreach (var pad in Device.Pads)
        {
            pad.ControlFault.NoiseStdDev = controlNoiseC;
        }

        Loop.Start();
    }

    public VirtualTimeProvider Clock { get; } = new();

    public SimulatedDevice Device { get; }

    public ControlLoop Loop { get; }

    /// <summary>Pad 1's target; the other pads stay off.</summary>
    public void Target(double targetC, double rampCPerS)
    {
        _source.TargetC = targetC;
        _source.RampCPerS = rampCPerS;
        _source.Active = true;
        _source.PowerOn = true;
    }

    /// <summary>Vibration on channel 1 at <paramref name="amplitude"/> (0 = off), whatever any profile would allow:
    /// a session engine gone wrong, for the supervisor's backstops to catch.</summary>
    public void Vibrate(double amplitude, double frequencyHz = 120)
    {
        _source.VibrationAmplitude = amplitude;
        _source.VibrationHz = frequencyHz;
        _source.PowerOn = true;
    }

    /// <summary>Cuts (false) or restores the actuator rail while the controller keeps running: a saturation
    /// the controller cannot end by itself.</summary>
    public void Rail(bool on) => _source.PowerOn = on;

    /// <summary>Ticks for <paramref name="seconds"/>, calling <paramref name="each"/> after every tick.</summary>
    public void Run(double seconds, Action<Sample>? each = null)
    {
        var ticks = (int)Math.Round(seconds / Loop.PeriodS);
        for (var i = 0; i < ticks; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(Loop.PeriodS));
            Loop.Tick();
            var pad = Loop.Sensors.Pads[0].ControlC;
            each?.Invoke(new Sample(Loop.TimeS, pad.Ok ? pad.Value : double.NaN, Device.Pads[0].SurfaceC, Loop.Outputs.Pads[0].Drive, Loop.Outputs.IsSafe));
        }
    }

    public void Dispose() => _io.Dispose();

    /// <summary>The loop with a supervisor that has no rules: what no composition of the device builds.</summary>
    private ControlLoop Unsupervised(IDeviceIo io, LimitSet limits, ControlLoopOptions options)
    {
        var period = 1.0 / options.TickRateHz;
        var alarms = new AlarmBook();
        return new ControlLoop(io, new SafetySupervisor([], alarms, Clock), new SafetyContext(io.Shape, limits, period, alarms), _source, [], Clock, options);
    }

    internal readonly record struct Sample(double TimeS, double ControlC, double SurfaceC, double Drive, bool Safe);

    private sealed class TestTargets : IStimulusSource
    {
        public bool Active;
        public bool PowerOn;
        public double TargetC;
        public double RampCPerS;
        public double VibrationAmplitude;
        public double VibrationHz;

        public void Update(SafetyContext safety, SafetySupervisor supervisor, ReadOnlySpan<double> filteredForceN, StimulusTargets targets)
        {
            targets.PowerOn = PowerOn;
            targets.Pads[0] = new PadTarget { Active = Active, TargetC = TargetC, RampCPerS = RampCPerS };
            targets.Vibration[0] = new VibrationTarget { Amplitude = VibrationAmplitude, FrequencyHz = VibrationHz };
        }
    }
}
