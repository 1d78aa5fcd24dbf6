using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hardware.Simulated;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator;
using AmpsDevice.Simulator.Bus;
using AmpsDevice.Simulator.Faults;
using AmpsDevice.Simulator.Time;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// One whole session on simulated hardware, through the real drivers, supervisor, controllers and
/// session engine, stepped in virtual time (or paced to the wall clock). Scenario events are applied
/// at their times: faults and patient actions to the simulated hardware, ratings and therapist
/// commands through the same command surface the dashboard uses. The virtual patient follows the
/// pressure guidance. A run is not thread-safe: its caller steps it one call at a time (another thread may take
/// over between calls), and so is its simulated device, which therefore takes no lock.
/// </summary>
public sealed class SimulationRun : IDisposable
{
    /// <summary>Time allowed after the profile's worst-case duration before the run gives up, s.</summary>
    public const double ExtraTimeS = 600;

    private readonly VirtualTimeProvider _clock = new();
    private readonly SimulatedDevice _device;
    private readonly IDeviceIo _io;
    private readonly SessionEngine _engine;
    private readonly ControlLoop _loop;
    private readonly FaultInjector _faults;
    private readonly ReportBuilder _report;
    private readonly TimeSpan _period;
    private readonly int _seed;

    public SimulationRun(HardwareOptions hardware, int seed,
        ControlLoopOptions? control = null, SessionOptions? session = null, LimitSet? limits = null)
    {
        _seed = seed;
        // The run is stepped by its caller, one call at a time (the loop, the scenario and the report all run inside
        // Run or Tick): its device needs no lock between threads.
        var opened = DeviceHardware.Open(hardware,
            valid => new SimulatedHardwareFactory(new SimulatedDevice(SimulatedHardwareFactory.LayoutFor(valid), _clock, seed, DeviceGate.SingleCaller())), _clock);
        _device = ((SimulatedHardwareFactory)opened.Factory).Device;
        _io = opened.Io;
        var shape = _io.Shape;
        var guidance = new StimulusTargets(shape.Pads.Count, shape.Vibration.Count, shape.Pressure.Count);
        Core = new DeviceCore(_io, _clock, control ?? new ControlLoopOptions(), session ?? new SessionOptions { AllowRemoteStart = true },
            limits ?? LimitSet.Absolute, engine => new GuidedPatient(engine, _device, guidance));
        _engine = Core.Engine;
        _loop = Core.Loop;
        _period = TimeSpan.FromSeconds(_loop.PeriodS);
        Truth = new SimulatedTruth(_device);
        _report = new ReportBuilder(shape, Truth, () => _loop.LastWriteTimeS);
        Core.AddSessionObserver(_report);
        Core.AddTickObserver(_report);
        _faults = new FaultInjector(_device);
    }

    /// <summary>The device's core, composed as the service composes it (<see cref="DeviceCore"/>).</summary>
    public DeviceCore Core { get; }

    public SimulatedDevice Device => _device;

    public IPhysicalTruth Truth { get; }

    public SafetySupervisor Supervisor => Core.Supervisor;

    public ControlLoop Loop => _loop;

    public SessionEngine Engine => _engine;

    public ProfileEnvelope Envelope => Core.Envelope;

    public VirtualTimeProvider Clock => _clock;

    /// <summary>The loop time at which the session started, s (NaN before): the zero of every time in the
    /// report, of the scenario's <c>at</c> and of the samples' <c>t</c>.</summary>
    public double SessionStartedAtS => _report.StartedAtS;

    /// <summary>Runs the profile to its end with the scenario's events. Returns the report.</summary>
    /// <param name="sessionId">The session's id (default <c>sim-{seed}</c>).</param>
    /// <param name="patientId">The pseudonymous patient id (default <c>sim-patient</c>).</param>
    public SimulationReport Run(StimulusProfile profile, Scenario? scenario, bool realtime = false,
        string? sessionId = null, string patientId = "sim-patient", CancellationToken cancellationToken = default)
    {
        _loop.Start();
        var startResult = Start(profile, CommandOrigin.Scenario, sessionId ?? $"sim-{_seed}", patientId);

        var driver = new ScenarioDriver(scenario ?? Scenario.Empty, _faults, _engine, Supervisor, e =>
        {
            if (e.Category == ScenarioCategory.Fault)
            {
                _report.FaultInjected(e.Target ?? "", _loop.TimeS - _report.StartedAtS);
            }
        });
        var limitS = profile.MaximumDurationS() + ExtraTimeS;
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var started = false;
        var overrun = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var sessionTime = double.IsNaN(_report.StartedAtS) ? 0 : _loop.TimeS - _report.StartedAtS;
            if (started)
            {
                driver.ApplyDue(sessionTime);
            }

            Tick();
            if (startResult.IsCompleted && !startResult.Result.Ok)
            {
                _io.DriveSafe();
                return _report.Build("rejected", _seed, profile.Name) with { Reason = startResult.Result.Error };
            }

            started |= _engine.State != SessionState.Idle;
            if (started && _engine.State.IsFinished())
            {
                break;
            }

            if (_loop.TimeS > limitS && !overrun)
            {
                overrun = true;
                _ = _engine.Post(new SessionCommand.Stop(CommandOrigin.Scenario));
            }

            if (realtime)
            {
                var ahead = TimeSpan.FromSeconds(_loop.TimeS) - wall.Elapsed;
                if (ahead > TimeSpan.Zero)
                {
                    Thread.Sleep(ahead);
                }
            }
        }

        // Hold the outputs safe for a last tick so the report's end state is the hardware's.
        Tick();
        _io.DriveSafe();
        var outcome = _engine.State switch
        {
            SessionState.Completed => "completed",
            SessionState.SafetyStop => "safety-stop",
            _ => "stopped",
        };
        return _report.Build(outcome, _seed, profile.Name);
    }

    /// <summary>Posts a session start to the engine, which takes it at its next tick: how <see cref="Run"/> starts its
    /// session, and how a caller that ticks the run itself (<see cref="Tick"/>) starts one.</summary>
    public Task<CommandResult> Start(StimulusProfile profile, CommandOrigin origin, string sessionId, string patientId) =>
        _engine.Post(new SessionCommand.Start(origin, sessionId, patientId, profile,
            profile.Steps.Select(s => Sessions.Steps.StepRunner.For(s, _io.Shape)).ToArray()));

    /// <summary>One control tick, a control period of virtual time after the last.</summary>
    public void Tick()
    {
        _clock.Advance(_period);
        _loop.Tick();
    }

    /// <summary>Control ticks for <paramref name="seconds"/> of virtual time.</summary>
    public void TickFor(double seconds)
    {
        var ticks = (int)Math.Round(seconds / _loop.PeriodS);
        for (var i = 0; i < ticks; i++)
        {
            Tick();
        }
    }

    public void Dispose() => _io.Dispose();

    /// <summary>
    /// The session engine, plus the virtual patient following the on-device pressure guidance: when a
    /// guided pressure step shows a target, the simulated limb presses toward it.
    /// </summary>
    private sealed class GuidedPatient(SessionEngine engine, SimulatedDevice device, StimulusTargets mirror) : IStimulusSource
    {
        public void Update(SafetyContext safety, SafetySupervisor supervisor, ReadOnlySpan<double> filteredForceN, StimulusTargets targets)
        {
            engine.Update(safety, supervisor, filteredForceN, targets);
            for (var i = 0; i < targets.Pressure.Length; i++)
            {
                var guided = targets.Pressure[i].Guided ? targets.Pressure[i].TargetN : (double?)null;
                if (mirror.Pressure[i].Guided != targets.Pressure[i].Guided || mirror.Pressure[i].TargetN != targets.Pressure[i].TargetN)
                {
                    device.Pressure[i].Limb.GuidedTargetN = guided;
                }

                mirror.Pressure[i] = targets.Pressure[i];
            }
        }
    }
}
