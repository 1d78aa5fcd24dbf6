using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Simulator;
using AmpsDevice.Simulator.Faults;
using AmpsDevice.Simulator.Patient;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// <c>run --simulate --scenario</c>, for training and demonstration: every session the service runs (however it was
/// started) gets the scenario played into it at session time by a <see cref="ScenarioDriver"/>, and a virtual patient
/// (<see cref="PatientInTheLoop"/>, the one <c>plan simulate</c> uses, carried from session to session) feels the
/// stimulus, rates it and may withdraw. Runs on the control thread, as a tick and session observer: the scenario acts
/// on the simulated hardware between two ticks, exactly as <c>simulate</c> does.
/// <para>
/// Injected faults belong to the session they were injected into: they are repaired when it ends (by then the device
/// has made every output safe and latched its alarm, which stays until a person acknowledges it) and again when the
/// next session starts. A rule that sees a fault in the tick an acknowledgement is taken latches it anew, so a fault
/// must be gone before the acknowledgement, not with it. A stop input the scenario pressed without a duration
/// (<c>estop</c>) is released <see cref="StopReleasedAfterS"/> after its session ended, so an acknowledgement is
/// refused until then, as it would be while a real E-stop is still down.
/// </para>
/// </summary>
public sealed class ScenarioSessions : ITickObserver, ISessionObserver
{
    /// <summary>How long after its session ended a stop pressed by the scenario (without a duration) is released, s.</summary>
    public const double StopReleasedAfterS = 10;

    /// <summary>The virtual patient's seed: the same scenario gives the same patient every time.</summary>
    public const int PatientSeed = 1;

    private readonly SimulatedDevice _device;
    private readonly SessionEngine _engine;
    private readonly FaultInjector _faults;
    private readonly ScenarioDriver _driver;
    private readonly VirtualPatient _patient = new(VirtualPatientParameters.Default, PatientSeed);
    private readonly IPhysicalTruth _truth;
    private PatientInTheLoop? _inLoop;
    private double _startedAtS = double.NaN;
    private bool _stopHeld;

    public ScenarioSessions(Scenario scenario, SimulatedDevice device, SessionEngine engine, SafetySupervisor supervisor)
    {
        _device = device;
        _engine = engine;
        _faults = new FaultInjector(device);
        _truth = new SimulatedTruth(device);
        _driver = new ScenarioDriver(scenario, _faults, engine, supervisor, e => _stopHeld |= e.Kind == "estop" && e.DurationS is null);
    }

    public void OnSessionEvent(SessionEvent sessionEvent)
    {
        switch (sessionEvent.Kind)
        {
            case EventKind.SessionStarted:
                _faults.ClearAll();
                _driver.Restart();
                _startedAtS = sessionEvent.AtS;
                _inLoop = new PatientInTheLoop(_patient, _engine, _device, _truth) { TherapistStopsPausedSessions = false };
                break;
            case EventKind.SessionCompleted or EventKind.SessionStopped or EventKind.SafetyStop:
                // The outputs are safe and any alarm is latched: the session's faults end with it, so the alarm stays
                // until a person acknowledges it, and the acknowledgement then clears it.
                _faults.ClearAll();
                _startedAtS = double.NaN;
                _inLoop = null;
                if (_stopHeld)
                {
                    _stopHeld = false;
                    _device.Schedule(TimeSpan.FromSeconds(StopReleasedAfterS), () => _device.EStopPressed = false);
                }

                break;
        }
    }

    public void OnTick(in TickView tick)
    {
        if (double.IsNaN(_startedAtS))
        {
            return;
        }

        _driver.ApplyDue(tick.TimeS - _startedAtS);
        _inLoop?.OnTick(tick);
    }
}
