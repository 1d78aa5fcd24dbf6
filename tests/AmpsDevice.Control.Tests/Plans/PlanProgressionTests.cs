using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Sessions.Plans;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Plans;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Simulator.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmpsDevice.Control.Tests.Plans;

/// <summary>On the device: a start with a patient id alone runs the plan's level, and the session's events move the plan.</summary>
public sealed class PlanProgressionTests : IDisposable
{
    private readonly string _data = PlanFiles.NewDataDirectory();
    private readonly VirtualTimeProvider _clock = new();
    private readonly DeviceShape _shape = new(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);
    private readonly SessionEngine _engine;
    private readonly PlanStore _store;
    private readonly PlanProgression _progression;
    private readonly SessionController _controller;

    public PlanProgressionTests()
    {
        _engine = new SessionEngine(2, [], _clock, new SessionOptions());
        _store = new PlanStore(_data, ProfileEnvelope.Absolute());
        _progression = new PlanProgression(_store, NullLogger<PlanProgression>.Instance);
        _engine.AddObserver(_progression);
        var supervisor = new SafetySupervisor(SafetySupervisor.StandardRules(_shape, 0.01, 0.75), new AlarmBook(), _clock);
        var ids = 0;
        _controller = new SessionController(_engine, supervisor, _shape, ProfileEnvelope.Absolute(), new ProfileStore(_data),
            () => $"s-{++ids}", _store, _progression);
    }

    public void Dispose()
    {
        _progression.Dispose();
        PlanFiles.Delete(_data);
    }

    private SessionEvent Event(EventKind kind, string sessionId, double? value = null, string? message = null) =>
        new(kind, 0, _clock.GetUtcNow(), SessionSnapshot.Idle with { SessionId = sessionId, PatientId = "p-001" }) { Value = value, Message = message };

    [Fact]
    public void A_start_with_a_patient_id_alone_runs_the_current_level_of_the_patients_plan()
    {
        var plan = PlanFiles.Example;
        _store.Save(new PlanRecord(plan, new PlanPosition(4, 0), []));

        var (command, error) = _controller.PrepareStart(new StartSessionRequest("p-001", null, null), CommandOrigin.Remote);

        Assert.Null(error);
        Assert.Equal(4, command!.PlanLevel);
        Assert.Equal(ProfileJson.Serialize(plan.ProfileAt(4)), ProfileJson.Serialize(command.Profile));
    }

    [Fact]
    public void Without_a_plan_a_start_with_a_patient_id_alone_is_refused_and_the_old_forms_are_unchanged()
    {
        var (none, error) = _controller.PrepareStart(new StartSessionRequest("p-777", null, null), CommandOrigin.Remote);
        var inline = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(PlanFiles.Root, "docs", "examples", "contract-example.json"))).RootElement;
        var (withProfile, _) = _controller.PrepareStart(new StartSessionRequest("p-777", inline, null), CommandOrigin.Remote);

        Assert.Null(none);
        Assert.Contains("no plan is stored on this device for 'p-777'", error);
        Assert.Null(withProfile!.PlanLevel);
        Assert.Equal("Warmth and vibration, level 3", withProfile.Profile.Name);
    }

    [Fact]
    public void Two_good_plan_sessions_step_the_stored_plan_up_and_a_withdrawal_steps_it_down()
    {
        _store.Import(PlanFiles.Example);
        foreach (var (id, pain) in new[] { ("s-1", 2.0), ("s-2", 3.0) })
        {
            _progression.Expect(id, "p-001", _store.Load("p-001").Record!.Level);
            _progression.OnSessionEvent(Event(EventKind.SessionStarted, id));
            _progression.OnSessionEvent(Event(EventKind.PainRating, id, pain));
            _progression.OnSessionEvent(Event(EventKind.SessionCompleted, id));
            _progression.Drain();
        }

        var up = _store.Load("p-001").Record!;
        _progression.Expect("s-3", "p-001", up.Level);
        _progression.OnSessionEvent(Event(EventKind.SessionStarted, "s-3"));
        _progression.OnSessionEvent(Event(EventKind.Withdrawal, "s-3"));
        _progression.OnSessionEvent(Event(EventKind.SessionStopped, "s-3", message: "stopped by therapist"));
        _progression.Drain();

        var after = _store.Load("p-001").Record!;
        Assert.Equal(2, up.Level);
        Assert.Equal(1, after.Level);
        Assert.Equal(["same", "up", "down"], after.History.Select(h => h.Change));
        Assert.Equal("down: the patient withdrew", after.History[^1].Rule);
        Assert.Equal((2, "stopped", true, (int?)null), (after.History[^1].Level, after.History[^1].Outcome, after.History[^1].Withdrew, after.History[^1].MaxPain));
    }

    [Fact]
    public void Sessions_without_a_plan_and_plan_sessions_that_never_ran_do_not_move_any_plan()
    {
        _store.Import(PlanFiles.Example);
        _progression.OnSessionEvent(Event(EventKind.SessionStarted, "other"));
        _progression.OnSessionEvent(Event(EventKind.SessionStopped, "other"));
        _progression.Expect("s-9", "p-001", 1);
        _progression.OnSessionEvent(Event(EventKind.SessionReady, "s-9"));
        _progression.OnSessionEvent(Event(EventKind.SessionStopped, "s-9")); // stopped while waiting for the start button
        _progression.Drain();

        Assert.Empty(_store.Load("p-001").Record!.History);
    }

    [Fact]
    public void A_device_fault_safety_stop_is_recorded_but_not_counted_against_the_patient()
    {
        _store.Save(new PlanRecord(PlanFiles.Example, new PlanPosition(3, 1), []));
        _progression.Expect("s-5", "p-001", 3);
        _progression.OnSessionEvent(Event(EventKind.SessionStarted, "s-5"));
        _progression.OnSessionEvent(Event(EventKind.PainRating, "s-5", 2));
        _progression.OnSessionEvent(Event(EventKind.SafetyStop, "s-5", message: "sensor-lost"));
        _progression.Drain();

        var record = _store.Load("p-001").Record!;
        Assert.Equal(new PlanPosition(3, 1), record.Position);
        Assert.Equal(("safety-stop", "not-counted"), (record.History[0].Outcome, record.History[0].Change));
    }
}
