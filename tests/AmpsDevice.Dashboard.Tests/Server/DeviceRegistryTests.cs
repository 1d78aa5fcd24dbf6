using AmpsDevice.Dashboard.Commands;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Profiles;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmpsDevice.Dashboard.Tests.Server;

public sealed class DeviceRegistryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly DeviceRegistry _registry;

    public DeviceRegistryTests() =>
        _registry = new DeviceRegistry(new LiveFeed(), _time, Options.Create(new DashboardOptions { StaleAfter = TimeSpan.FromSeconds(4), MaxDevices = 3 }), NullLogger<DeviceRegistry>.Instance);

    private static StatusMessage Status(string id, DeviceState state) => new(state, id, "boot", "1", HardwareMode.Simulated, T0);

    private static AlarmsMessage Alarms(params AlarmPriority[] priorities) =>
        new([.. priorities.Select((p, i) => new AlarmEntry($"a{i}", "rule", null, p, $"{p} alarm", false, T0.AddSeconds(i)))], T0);

    private static TelemetryBatch Batch() => new("boot", 1, false, 0.1, T0, [new TelemetrySample(1, [new PadSample("pad1", 32, 32, 0)], [], [], false)]);

    [Fact]
    public void Devices_with_alarms_come_first_highest_priority_first()
    {
        _registry.OnStatus("a-quiet", Status("a-quiet", DeviceState.Online));
        _registry.OnStatus("b-low", Status("b-low", DeviceState.Online));
        _registry.OnAlarms("b-low", Alarms(AlarmPriority.Low));
        _registry.OnStatus("c-high", Status("c-high", DeviceState.Online));
        _registry.OnAlarms("c-high", Alarms(AlarmPriority.Low, AlarmPriority.High, AlarmPriority.Medium));

        var summaries = _registry.Summaries();
        Assert.Equal(["c-high", "b-low", "a-quiet"], summaries.Select(s => s.DeviceId));
        Assert.Equal(new AlarmHeadline(AlarmPriority.High, "High alarm", "rule", 3), summaries[0].Alarm);
    }

    [Fact]
    public void A_device_whose_telemetry_goes_silent_is_stale_and_its_will_makes_it_offline()
    {
        _registry.OnStatus("d", Status("d", DeviceState.Online));
        _registry.OnTelemetry("d", Batch());
        Assert.Equal(Connectivity.Online, _registry.Summaries()[0].Connectivity);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Connectivity.Stale, _registry.Summaries()[0].Connectivity);
        _registry.OnTelemetry("d", Batch());
        Assert.Equal(Connectivity.Online, _registry.Summaries()[0].Connectivity);
        _registry.OnStatus("d", Status("d", DeviceState.Offline));
        Assert.Equal(Connectivity.Offline, _registry.Summaries()[0].Connectivity);
    }

    [Fact]
    public void The_last_pain_rating_and_session_are_summarised()
    {
        _registry.OnEvent("d", new DeviceEvent(EventKind.PainRating, T0, "s1", Value: 6));
        _registry.OnSession("d", new SessionStateMessage(SessionState.Paused, T0, "s1", "p-001", "Warmth", 2, 7, 120), null);
        var s = _registry.Summaries()[0];
        Assert.Equal((6, SessionState.Paused, "p-001", 2, 7, 120.0), (s.LastPainRating, s.SessionState, s.PatientId, s.StepIndex, s.StepCount, s.TimeLeftS));
        Assert.Single(_registry.Detail("d")!.Events);
    }

    [Fact]
    public void A_markup_id_is_kept_as_text_and_marked_invalid_and_a_flood_of_ids_is_capped()
    {
        _registry.OnStatus("<script>", Status("<script>", DeviceState.Online));
        Assert.False(_registry.Find("<script>")!.IdValid);
        for (var i = 0; i < 10; i++)
        {
            _registry.OnStatus($"flood-{i}", Status($"flood-{i}", DeviceState.Online));
        }

        Assert.Equal(3, _registry.Summaries().Count);
    }

    [Fact]
    public void The_device_reply_is_passed_on_verbatim_with_its_error()
    {
        var refused = CommandSender.Interpret("""{"schema":"amps.reply/1","ok":false,"command":"fault.ack","error":"the E-stop is still pressed; release it first"}"""u8.ToArray());
        Assert.False(refused.Ok);
        Assert.Equal("the E-stop is still pressed; release it first", refused.Error);
        Assert.Equal("fault.ack", refused.Reply!.Value.GetProperty("command").GetString());
        Assert.True(CommandSender.Interpret("""{"ok":true}"""u8.ToArray()).Ok);
        Assert.Equal("the device's reply is not valid JSON", CommandSender.Interpret("nope"u8.ToArray()).Error);
    }

    [Fact]
    public void A_profile_timeline_starts_pads_at_neutral_and_reaches_each_thermal_target()
    {
        var result = ProfileParser.ParseFile(Repository.PathOf("docs", "examples", "warmth-vibration-level1.json"));
        var profile = result.Value!;
        var view = TimelineView.Of(profile);
        Assert.Equal(profile.Timeline().NominalDurationS, view.DurationS);
        Assert.Equal(profile.Steps.Count, view.Steps.Count);
        var targets = profile.AllSteps().OfType<ThermalStep>().ToList();
        Assert.NotEmpty(targets);
        foreach (var step in targets)
        {
            var points = view.PadTargetsC[step.Pad];
            Assert.Equal(32.0, points[0][1]);
            Assert.Contains(points, p => p[1] == step.TargetC);
        }

        foreach (var v in profile.AllSteps().OfType<VibrationStep>())
        {
            Assert.Contains(view.VibrationAmplitude[v.Channel], p => p[1] == v.Amplitude);
        }
    }
}

public sealed class SessionTimelinesTests
{
    [Fact]
    public void The_running_profile_the_device_publishes_gives_the_sessions_timeline()
    {
        using var profile = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repository.PathOf("docs", "examples", "warmth-vibration-level1.json")));
        var timelines = new SessionTimelines();
        var session = new SessionStateMessage(SessionState.Running, DateTimeOffset.UnixEpoch, "s1", "p-001", Profile: profile.RootElement.Clone());
        var timeline = timelines.For("dev-1", session);
        Assert.NotNull(timeline);
        Assert.Equal(ProfileParser.Parse(profile.RootElement).Value!.Name, timeline.Name);
        Assert.Null(timelines.For("dev-1", session with { SessionId = null }));
    }
}
