using System.Diagnostics;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Telemetry.Tests.Support;
using static AmpsDevice.Telemetry.Tests.Support.DeviceConsole;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>
/// <c>run --simulate --scenario</c>: the whole device, the service as installed (natively compiled) in its own process
/// (simulated hardware behind the real drivers), with a scenario played into every session started over MQTT, through a
/// real mosquitto. The test asserts that the first trip is the scenario's; a control loop sharing the test runner's
/// process (its threads, its garbage collections), or a JIT-compiled build compiling on its control thread, can trip its
/// deadline first on a loaded machine (<see cref="DeviceProcess.Prioritized"/>).
/// </summary>
public sealed class ScenarioRunTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private readonly MosquittoBroker _broker = Running(broker);

    [Fact]
    public async Task Every_session_gets_the_scenario_at_session_time_with_a_virtual_patient_and_an_acknowledgement_repairs_the_fault()
    {
        var scenario = Path.Combine(TempDirectory.Create("scenario"), "scenario-check.json");
        await File.WriteAllTextAsync(scenario, ScenarioCheck.ScenarioJson);
        await using var dashboard = await ConnectDashboardAsync(_broker);
        using var device = await StartDeviceProcessAsync(_broker, dashboard, TempDirectory.Create("data"), "--allow-remote-start", "--scenario", scenario);

        var first = Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStart, StartPayload()));
        Assert.True(first.Ok, first.Error);
        var trip = Json.Event(await dashboard.WaitForAsync(Topics.Events,
            m => Json.Event(m) is { Kind: EventKind.SafetyTrip } e && e.SessionId == first.SessionId, timeoutS: 15));
        Assert.True(trip.Rule == "sensor-lost", $"the first trip is {trip.Rule} {trip.Target}: {trip.Message}");
        Assert.Equal("pad1", trip.Target?.Split('.')[0]);
        var alarms = Json.Alarms(await dashboard.WaitForAsync(Topics.Alarms,
            m => !m.Retain && Json.Alarms(m).Active.Any(a => a.Rule == "sensor-lost"), timeoutS: 5));
        var alarm = Assert.Single(alarms.Active);
        Assert.Equal(("sensor-lost", AlarmPriority.High, true), (alarm.Rule, alarm.Priority, alarm.Latched));
        await device.WaitForLineAsync($"Alarm latched: sensor-lost on {alarm.Target} (High)", TimeSpan.FromSeconds(5));   // in the journal too

        // The scripted rating at 1 s and the virtual patient's own at the end of step 1 (4 s), both before the fault at 6 s.
        var ratings = Events(dashboard, EventKind.PainRating, first.SessionId);
        Assert.True(ratings.Count >= 2, $"expected the scripted and the patient's rating, got {ratings.Count}");
        Assert.Equal((2.0, "scenario"), (ratings[0].Value, ratings[0].Origin));
        Assert.All(ratings, r => Assert.True(r.At < trip.At, "ratings come before the fault"));
        var started = Events(dashboard, EventKind.SessionStarted, first.SessionId).Single();
        var faultAfterS = (trip.At - started.At).TotalSeconds;
        Assert.InRange(faultAfterS, 5.9, 8); // at the scenario's 6 s of session time, plus the rule's detection time

        // Acknowledged: the sensor is reseated, the alarm clears and stays clear, and the next session starts.
        var ack = Json.Reply(await CommandAsync(dashboard, CommandNames.FaultAck, "{}"));
        Assert.True(ack.Ok, ack.Error);
        await dashboard.WaitForAsync(Topics.Alarms, m => Json.Alarms(m).Active.Count == 0, timeoutS: 5);
        await device.WaitForLineAsync($"Alarm cleared: sensor-lost on {alarm.Target}", TimeSpan.FromSeconds(5));
        await Task.Delay(1000);
        Assert.Empty(Json.Alarms(dashboard.Messages.Last(m => m.Topic == Topics.Alarms)).Active);

        var second = Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStart, StartPayload()));
        Assert.True(second.Ok, second.Error);
        var again = Json.Event(await dashboard.WaitForAsync(Topics.Events,
            m => Json.Event(m) is { Kind: EventKind.PainRating } e && e.SessionId == second.SessionId, timeoutS: 5));
        Assert.Equal((2.0, "scenario"), (again.Value, again.Origin)); // the scenario starts over with every session
        Assert.True(Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStop, "{}")).Ok);
    }

    [Fact]
    public async Task A_scenario_without_simulate_or_a_bad_scenario_file_exits_2_naming_the_problem_before_anything_starts()
    {
        var (code, stderr) = await RunAsync("run", "--scenario", "whatever.json", "--mqtt", _broker.DeviceUri());
        Assert.Equal(2, code);
        Assert.Contains("--scenario needs --simulate", stderr);

        var bad = Path.Combine(TempDirectory.Create("scenario"), "bad.json");
        await File.WriteAllTextAsync(bad, """{"events":[{"at":1,"fault":"heater-stuck-on","target":"pad9"}]}""");
        (code, stderr) = await RunAsync("run", "--simulate", "--scenario", bad, "--mqtt", _broker.DeviceUri(), "--data", TempDirectory.Create("data"));
        Assert.Equal(2, code);
        Assert.Contains("events[0].target", stderr);
        Assert.Contains("pad9", stderr);

        (code, stderr) = await RunAsync("run", "--simulate", "--scenario", bad + ".missing", "--mqtt", _broker.DeviceUri(), "--data", TempDirectory.Create("data"));
        Assert.Equal(2, code);
        Assert.Contains("cannot read the scenario", stderr);
    }

    private static async Task<(int Code, string Stderr)> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "ampsdevice.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        await stdout;
        return (p.ExitCode, await stderr);
    }

    private static List<DeviceEvent> Events(TestSubscriber dashboard, EventKind kind, string? sessionId) =>
        dashboard.Messages.Where(m => m.Topic == Topics.Events).Select(Json.Event)
            .Where(e => e.Kind == kind && e.SessionId == sessionId).ToList();

    private static string StartPayload() => $$"""{"patientId":"p-001","profile":{{ScenarioCheck.Profile}},"issuedAt":"{{DateTimeOffset.UtcNow:O}}"}""";

}
