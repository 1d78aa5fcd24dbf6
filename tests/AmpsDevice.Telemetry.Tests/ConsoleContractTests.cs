using System.Text.Json;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using AmpsDevice.Telemetry.Tests.Support;
using static AmpsDevice.Telemetry.Tests.Support.DeviceConsole;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>
/// What a therapist's console reads from the device, against the whole device (simulated hardware behind the real
/// drivers) through a real mosquitto: the stored profiles (<c>profiles.list</c>, <c>profiles.get</c>), the running
/// profile and its pain stop in the retained session state, and each pad's ramped target in telemetry.
/// </summary>
public sealed class ConsoleContractTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private const string WarmRamp = """
        {"schema":"amps.profile/1","name":"Warm ramp","painStopAt":6,"steps":[
          {"kind":"thermal","pad":"pad1","targetC":38.0,"rampCPerS":0.5,"holdS":30,"label":"warm up"},
          {"kind":"rest","durationS":5}]}
        """;

    private const string Vibration = """
        {"schema":"amps.profile/1","name":"Buzz","painStopAt":7,"steps":[
          {"kind":"vibration","channel":"vib1","frequencyHz":120,"amplitude":0.4,"durationS":20,"pattern":"continuous"}]}
        """;

    // Over the device's absolute pad limit: a file like this may be copied onto the device, but it can never run.
    private const string TooHot = """
        {"schema":"amps.profile/1","name":"Too hot","painStopAt":6,"steps":[
          {"kind":"thermal","pad":"pad1","targetC":60.0,"rampCPerS":0.5,"holdS":30}]}
        """;

    private readonly MosquittoBroker _broker = Running(broker);

    [Fact]
    public async Task Profiles_list_names_every_valid_stored_profile_and_profiles_get_returns_one_or_names_the_problem()
    {
        var data = DataWithProfiles(("warm-ramp", WarmRamp), ("buzz", Vibration), ("too-hot", TooHot));
        await using var dashboard = await ConnectDashboardAsync(_broker);
        await using var device = await StartDeviceAsync(_broker, dashboard, data, allowRemoteStart: true);

        var list = Json.Reply(await CommandAsync(dashboard, CommandNames.ProfilesList, "{}"));
        Assert.True(list.Ok, list.Error);
        Assert.Equal("profiles.list", list.Command);
        Assert.Equal(
            [new StoredProfileEntry("buzz", "Buzz", 20), new StoredProfileEntry("warm-ramp", "Warm ramp", Math.Round(NominalS(WarmRamp), 1))],
            list.Profiles!);
        Assert.True(list.Profiles![1].DurationS > 35, "ramp, hold and rest all count in the duration"); // 30 s hold + 5 s rest + the ramp

        var get = Json.Reply(await CommandAsync(dashboard, CommandNames.ProfilesGet, """{"profileId":"warm-ramp"}"""));
        Assert.True(get.Ok, get.Error);
        Assert.Equal("warm-ramp", get.ProfileId);
        var profile = ProfileParser.Parse(get.Profile!.Value);
        Assert.True(profile.IsValid, string.Join("; ", profile.Errors));
        Assert.Equal(("Warm ramp", 6, 2), (profile.Value!.Name, profile.Value.PainStopAt, profile.Value.Steps.Count));
        Assert.Equal(38.0, Assert.IsType<ThermalStep>(profile.Value.Steps[0]).TargetC);

        var tooHot = Json.Reply(await CommandAsync(dashboard, CommandNames.ProfilesGet, """{"profileId":"too-hot"}"""));
        Assert.False(tooHot.Ok);
        Assert.Contains("stored profile 'too-hot' is invalid", tooHot.Error);
        Assert.Contains("targetC", tooHot.Error);

        var missing = Json.Reply(await CommandAsync(dashboard, CommandNames.ProfilesGet, """{"profileId":"nope"}"""));
        Assert.Equal((false, "profileId: no profile 'nope' is stored on this device"), (missing.Ok, missing.Error));
        var unnamed = Json.Reply(await CommandAsync(dashboard, CommandNames.ProfilesGet, "{}"));
        Assert.False(unnamed.Ok);
        Assert.Contains("profileId is required", unnamed.Error);
        var escaping = Json.Reply(await CommandAsync(dashboard, CommandNames.ProfilesGet, """{"profileId":"../plans/p-001"}"""));
        Assert.False(escaping.Ok);
        Assert.Contains("not a valid profile id", escaping.Error);

        // The rules every command follows: an expired one is refused, a redelivery is answered again.
        var stale = DateTimeOffset.UtcNow.AddMinutes(-3).ToString("O");
        var expired = Json.Reply(await CommandAsync(dashboard, CommandNames.ProfilesList, $$"""{"issuedAt":"{{stale}}"}"""));
        Assert.False(expired.Ok);
        Assert.Contains("expired", expired.Error);
        var first = Json.Reply(await CommandAsync(dashboard, CommandNames.ProfilesGet, """{"id":"get-1","profileId":"buzz"}"""));
        var again = Json.Reply(await CommandAsync(dashboard, CommandNames.ProfilesGet, """{"id":"get-1","profileId":"buzz"}"""));
        Assert.Equal((true, null, true), (first.Ok, first.Duplicate, again.Duplicate));
    }

    [Fact]
    public async Task A_session_started_by_profile_id_shows_its_profile_pain_stop_and_step_and_telemetry_carries_the_ramped_target()
    {
        var data = DataWithProfiles(("warm-ramp", WarmRamp));
        await using var dashboard = await ConnectDashboardAsync(_broker);
        await using var device = await StartDeviceAsync(_broker, dashboard, data, allowRemoteStart: true);

        // This device's first state (a retained one from an earlier device may come before it).
        var idle = Json.Session(await dashboard.WaitForAsync(Topics.Session, m => Json.Session(m).State == SessionState.Idle, timeoutS: 5));
        Assert.Equal((null, null, null, null), (idle.SessionId, idle.Profile, idle.ProfileId, idle.PainStopAt));

        var start = Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStart,
            $$"""{"patientId":"p-001","profileId":"warm-ramp","issuedAt":"{{DateTimeOffset.UtcNow:O}}"}"""));
        Assert.True(start.Ok, start.Error);

        var running = Json.Session(await dashboard.WaitForAsync(Topics.Session,
            m => Json.Session(m) is { State: SessionState.Running, StepIndex: 0 } s && s.SessionId == start.SessionId, timeoutS: 5));
        Assert.Equal((start.SessionId, "p-001", "warm-ramp", 6, 0.0), (running.SessionId, running.PatientId, running.ProfileId, running.PainStopAt, running.StepStartedAtS));
        var profile = ProfileParser.Parse(running.Profile!.Value);
        Assert.True(profile.IsValid, string.Join("; ", profile.Errors));
        Assert.Equal(("Warm ramp", 2), (profile.Value!.Name, profile.Value.Steps.Count));

        // pad1 follows a setpoint that ramps at 0.5 °C/s toward 38 °C; pad2 has no target.
        var targets = new List<(double T, double TargetC)>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (targets.Count < 2 || targets[^1].T - targets[0].T < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "telemetry did not carry pad1's target for 2 s within 10 s");
            targets = dashboard.Telemetry(Topics.Telemetry).SelectMany(b => b.Samples)
                .Where(s => s.Pads[0].TargetC is not null)
                .Select(s => (s.T, s.Pads[0].TargetC!.Value)).ToList();
            await Task.Delay(100);
        }

        var samples = dashboard.Telemetry(Topics.Telemetry).SelectMany(b => b.Samples).Where(s => s.Pads[0].TargetC is not null).ToList();
        Assert.All(samples, s => Assert.Null(s.Pads[1].TargetC));
        Assert.All(targets, t => Assert.InRange(t.TargetC, 20, 38));
        var (t0, c0) = targets[0];
        var (t1, c1) = targets[^1];
        Assert.True(c1 < 38, $"still ramping after {t1 - t0:0.0} s: {c1} °C");
        Assert.InRange((c1 - c0) / (t1 - t0), 0.45, 0.55); // the ramp the profile asks for, 0.5 °C/s

        // Stopped: the session keeps its id and profile; the pad has no target any more.
        Assert.True(Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStop, "{}")).Ok);
        var stopped = Json.Session(await dashboard.WaitForAsync(Topics.Session, m => Json.Session(m) is { State: SessionState.Stopped } s && s.SessionId == start.SessionId, timeoutS: 5));
        Assert.Equal((start.SessionId, "warm-ramp"), (stopped.SessionId, stopped.ProfileId));
        Assert.NotNull(stopped.Profile);
        var stoppedAt = stopped.At;
        var after = await dashboard.WaitForAsync(Topics.Telemetry, m => Json.Telemetry(m).At > stoppedAt.AddSeconds(0.5), timeoutS: 5);
        Assert.All(Json.Telemetry(after).Samples, s => Assert.Null(s.Pads[0].TargetC));
    }

    [Fact]
    public async Task A_session_started_with_an_inline_profile_has_no_profile_id_but_carries_the_profile()
    {
        await using var dashboard = await ConnectDashboardAsync(_broker);
        await using var device = await StartDeviceAsync(_broker, dashboard, TempDirectory.Create("data"), allowRemoteStart: true);

        var start = Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStart,
            $$"""{"patientId":"p-002","profile":{{Vibration}},"issuedAt":"{{DateTimeOffset.UtcNow:O}}"}"""));
        Assert.True(start.Ok, start.Error);
        var running = Json.Session(await dashboard.WaitForAsync(Topics.Session,
            m => Json.Session(m) is { State: SessionState.Running, StepIndex: 0 } s && s.SessionId == start.SessionId, timeoutS: 5));
        Assert.Null(running.ProfileId);
        Assert.Equal(7, running.PainStopAt);
        Assert.Equal("Buzz", running.Profile!.Value.GetProperty("name").GetString());

        var list = Json.Reply(await CommandAsync(dashboard, CommandNames.ProfilesList, "{}"));
        Assert.True(list.Ok, list.Error);
        Assert.Empty(list.Profiles!); // no profiles folder yet: an empty list, not an error
    }

    private static double NominalS(string json) => ProfileParser.Parse(json).Value!.NominalDurationS();

    private static string DataWithProfiles(params (string Id, string Json)[] profiles)
    {
        var data = TempDirectory.Create("data");
        Directory.CreateDirectory(Path.Combine(data, "profiles"));
        foreach (var (id, json) in profiles)
        {
            File.WriteAllText(Path.Combine(data, "profiles", id + ".json"), json);
        }

        return data;
    }

}
