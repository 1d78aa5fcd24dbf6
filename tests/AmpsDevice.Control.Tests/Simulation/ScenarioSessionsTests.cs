using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Simulation;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator.Faults;

namespace AmpsDevice.Control.Tests.Simulation;

/// <summary>
/// <see cref="ScenarioSessions"/> (what <c>run --simulate --scenario</c> adds) on the simulated device in virtual time:
/// each session gets the scenario at its own session time, the virtual patient rates, and an acknowledgement repairs
/// the injected fault so the next session can start and meet the scenario afresh.
/// </summary>
public sealed class ScenarioSessionsTests
{
    [Fact]
    public void Each_session_meets_the_scenario_at_its_own_time_with_the_patient_rating_and_an_acknowledgement_repairs_the_fault()
    {
        using var run = new SimulationRun(SimulateVerb.LoadHardwareOptions(), seed: 5);
        var scenario = Scenario.Parse(ScenarioCheck.ScenarioJson, run.Device.Layout);
        var events = new EventLog();
        run.Engine.AddObserver(events);
        var sessions = new ScenarioSessions(scenario, run.Device, run.Engine, run.Supervisor);
        run.Engine.AddObserver(sessions);
        run.Loop.AddObserver(sessions);
        run.Loop.Start();
        run.TickFor(3); // idle for 3 s: nothing is injected while no session runs
        Assert.Empty(run.Supervisor.Alarms.Active);

        _ = run.Start(ProfileParser.Parse(ScenarioCheck.Profile).Value!, CommandOrigin.Remote, "s-1", "p-001");
        run.TickFor(12);
        var started = events.Of(EventKind.SessionStarted, "s-1").Single().AtS;
        var trip = events.Of(EventKind.SafetyTrip, "s-1").Single();
        Assert.Equal("sensor-lost", trip.Rule);
        Assert.InRange(trip.AtS - started, 6.0, 6.5); // the scenario's 6 s of session time, plus the rule's detection
        var ratings = events.Of(EventKind.PainRating, "s-1");
        Assert.Equal((2.0, CommandOrigin.Scenario), (ratings[0].Value, ratings[0].Origin));
        Assert.InRange(ratings[0].AtS - started, 1.0, 1.1);
        Assert.True(ratings.Count >= 2, "the virtual patient rates the end of step 1 too");
        Assert.InRange(ratings[1].AtS - started, 4.0, 4.2);
        Assert.True(run.Supervisor.Alarms.AnyLatched);

        // Acknowledged: the sensor is repaired, nothing trips again, and the next session starts and meets the scenario afresh.
        run.Supervisor.Alarms.RequestAcknowledge();
        run.TickFor(2);
        Assert.False(run.Supervisor.Alarms.AnyLatched);
        _ = run.Start(ProfileParser.Parse(ScenarioCheck.Profile).Value!, CommandOrigin.Remote, "s-2", "p-001");
        run.TickFor(12);
        var started2 = events.Of(EventKind.SessionStarted, "s-2").Single().AtS;
        Assert.InRange(events.Of(EventKind.PainRating, "s-2")[0].AtS - started2, 1.0, 1.1);
        Assert.InRange(events.Of(EventKind.SafetyTrip, "s-2").Single().AtS - started2, 6.0, 6.5);
    }

    private sealed class EventLog : ISessionObserver
    {
        private readonly List<SessionEvent> _events = [];

        public void OnSessionEvent(SessionEvent sessionEvent) => _events.Add(sessionEvent);

        public List<SessionEvent> Of(EventKind kind, string sessionId) =>
            _events.Where(e => e.Kind == kind && e.Session.SessionId == sessionId).ToList();
    }
}
