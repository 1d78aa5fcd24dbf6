using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Sessions.Steps;
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
    private const string Profile = """
        {"schema":"amps.profile/1","name":"Scenario check","painStopAt":10,"steps":[
          {"kind":"vibration","channel":"vib1","frequencyHz":120,"amplitude":0.3,"durationS":4,"pattern":"continuous"},
          {"kind":"vibration","channel":"vib1","frequencyHz":120,"amplitude":0.3,"durationS":30,"pattern":"continuous"}]}
        """;

    private const string ScenarioJson = """
        {"events":[
          {"at":1,"patient":"rate-pain","value":2},
          {"at":6,"fault":"sensor-disconnected","target":"pad1"}]}
        """;

    [Fact]
    public void Each_session_meets_the_scenario_at_its_own_time_with_the_patient_rating_and_an_acknowledgement_repairs_the_fault()
    {
        using var run = new SimulationRun(SimulateVerb.LoadHardwareOptions(), seed: 5);
        var scenario = Scenario.Parse(ScenarioJson, run.Device.Layout);
        var events = new EventLog();
        run.Engine.AddObserver(events);
        var sessions = new ScenarioSessions(scenario, run.Device, run.Engine, run.Supervisor);
        run.Engine.AddObserver(sessions);
        run.Loop.AddObserver(sessions);
        run.Loop.Start();
        Tick(run, 3); // idle for 3 s: nothing is injected while no session runs
        Assert.Empty(run.Supervisor.Alarms.Active);

        Start(run, "s-1");
        Tick(run, 12);
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
        Tick(run, 2);
        Assert.False(run.Supervisor.Alarms.AnyLatched);
        Start(run, "s-2");
        Tick(run, 12);
        var started2 = events.Of(EventKind.SessionStarted, "s-2").Single().AtS;
        Assert.InRange(events.Of(EventKind.PainRating, "s-2")[0].AtS - started2, 1.0, 1.1);
        Assert.InRange(events.Of(EventKind.SafetyTrip, "s-2").Single().AtS - started2, 6.0, 6.5);
    }

    private static void Start(SimulationRun run, string id)
    {
        var profile = ProfileParser.Parse(Profile).Value!;
        _ = run.Engine.Post(new SessionCommand.Start(CommandOrigin.Remote, id, "p-001", profile,
            profile.Steps.Select(s => StepRunner.For(s, run.Loop.Shape)).ToArray()));
    }

    private static void Tick(SimulationRun run, double seconds)
    {
        var period = TimeSpan.FromSeconds(run.Loop.PeriodS);
        for (var i = 0; i < (int)Math.Round(seconds / run.Loop.PeriodS); i++)
        {
            run.Clock.Advance(period);
            run.Loop.Tick();
        }
    }

    private sealed class EventLog : ISessionObserver
    {
        private readonly List<SessionEvent> _events = [];

        public void OnSessionEvent(SessionEvent sessionEvent) => _events.Add(sessionEvent);

        public List<SessionEvent> Of(EventKind kind, string sessionId) =>
            _events.Where(e => e.Kind == kind && e.Session.SessionId == sessionId).ToList();
    }
}
