using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.Simulator.Faults;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// Plays a scenario into one session at its events' times (seconds from the session's start): faults and the patient's
/// actions the hardware sees go to the simulated device (<see cref="FaultInjector"/>, below the drivers); pain ratings
/// and therapist commands go through the session engine's command queue, as the dashboard's would. Used by
/// <c>simulate</c> (<see cref="SimulationRun"/>) and by <c>run --simulate --scenario</c> (<see cref="ScenarioSessions"/>).
/// </summary>
/// <param name="scenario">The events, in time order.</param>
/// <param name="faults">The simulated device's fault injector.</param>
/// <param name="engine">The session engine.</param>
/// <param name="supervisor">The safety supervisor (for the therapist's acknowledgement).</param>
/// <param name="applied">Called with every event as it is applied.</param>
public sealed class ScenarioDriver(Scenario scenario, FaultInjector faults, SessionEngine engine, SafetySupervisor supervisor,
    Action<ScenarioEvent>? applied = null)
{
    private int _next;

    /// <summary>Starts the scenario over, for a new session.</summary>
    public void Restart() => _next = 0;

    /// <summary>Applies every event due at <paramref name="sessionTimeS"/> (seconds since the session started) not applied yet.</summary>
    public void ApplyDue(double sessionTimeS)
    {
        var events = scenario.Events;
        while (_next < events.Count && events[_next].At <= sessionTimeS + 1e-9)
        {
            Apply(events[_next++]);
        }
    }

    private void Apply(ScenarioEvent e)
    {
        switch (e.Category)
        {
            case ScenarioCategory.Fault or ScenarioCategory.Patient when e.IsHardware:
                faults.Apply(e);
                break;
            case ScenarioCategory.Patient:
                _ = engine.Post(new SessionCommand.RatePain(CommandOrigin.Scenario, (int)Math.Clamp(e.Value ?? 0, 0, 10)));
                break;
            case ScenarioCategory.Therapist when e.Kind == "ack":
                if (!supervisor.StopInputActive)
                {
                    supervisor.Alarms.RequestAcknowledge();
                }

                break;
            case ScenarioCategory.Therapist:
                _ = engine.Post(e.Kind switch
                {
                    "pause" => new SessionCommand.Pause(CommandOrigin.Scenario),
                    "resume" => new SessionCommand.Resume(CommandOrigin.Scenario),
                    _ => new SessionCommand.Stop(CommandOrigin.Scenario),
                });
                break;
        }

        applied?.Invoke(e);
    }
}
