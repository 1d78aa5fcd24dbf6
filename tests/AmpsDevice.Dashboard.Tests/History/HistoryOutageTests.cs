using AmpsDevice.Dashboard.History;
using AmpsDevice.Dashboard.Tests.Support;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>
/// Nothing lost while the dashboard is away: real mosquitto (docs/deployment's configuration), the device service on
/// the simulator and the dashboard, each its own process.
/// </summary>
public sealed class HistoryOutageTests
{
    private const string Dev = MosquittoBroker.DeviceA;

    [Fact]
    public async Task The_dashboard_stopped_and_then_killed_mid_session_still_stores_every_seq_of_the_session()
    {
        using var stack = new HistoryStack();
        await stack.StartDashboardAsync();   // first: its persistent session exists before the device publishes
        stack.StartDevice();
        await stack.StartSessionAsync();
        await HistoryStack.WaitForAsync(async () => (await stack.Queries.PatientAsync("p-001")).Count == 1, TimeSpan.FromSeconds(30), () => "no session stored");

        await Task.Delay(TimeSpan.FromSeconds(6));
        stack.StopDashboard();                            // a clean stop mid-session
        await Task.Delay(TimeSpan.FromSeconds(12));
        await stack.StartDashboardAsync();
        await Task.Delay(TimeSpan.FromSeconds(6));
        stack.KillDashboard();                            // and a crash: nothing uncommitted was acknowledged
        await Task.Delay(TimeSpan.FromSeconds(10));
        await stack.StartDashboardAsync();

        await HistoryStack.WaitForAsync(async () => (await stack.Queries.PatientAsync("p-001")).Single().Outcome is not null,
            TimeSpan.FromSeconds(150), () => "the session did not end in the history");
        var detail = (await stack.Queries.SessionAsync(Dev, (await stack.Queries.PatientAsync("p-001")).Single().SessionId))!;
        // Completed, or (on a loaded machine) a safety stop for a late control loop: either way it ended on the device, not in the history.
        Assert.Contains(detail.Summary.Outcome, new[] { "completed", "safety-stop" });
        Assert.Equal(2, detail.Summary.PlanLevel);
        Assert.Contains(detail.Events, e => e.Kind == "session-started");
        Assert.Contains(detail.Events, e => e.Kind is "session-completed" or "safety-stop");
        Assert.Contains(detail.States, s => s.State == "running");

        // Every telemetry message of this boot, from seq 1, with none missing (the dashboard subscribed before the device started).
        await HistoryStack.WaitForAsync(async () => (await stack.TelemetryAsync()).Max(t => t.Seq) > detail.Telemetry.Max(t => t.Seq) + 2,
            TimeSpan.FromSeconds(30), () => "telemetry stopped arriving");
        var stored = await stack.TelemetryAsync();
        var boot = Assert.Single(stored.Select(t => t.BootId).Distinct());
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(t => t.Seq));
        Assert.Empty(detail.Gaps);
        Assert.Equal(boot, Assert.Single(detail.Parts).BootId);
        Assert.True(stack.Dashboard.Logged("session present: True"), "the broker did not keep the dashboard's session: " + stack.Dashboard.Output);
    }

    [Fact]
    public async Task A_device_restarted_mid_session_leaves_both_boots_in_order_and_the_session_interrupted()
    {
        using var stack = new HistoryStack();
        await stack.StartDashboardAsync();
        stack.StartDevice();
        await stack.StartSessionAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        stack.Device.Kill();
        stack.StartDevice();
        await HistoryStack.WaitForAsync(async () => (await stack.TelemetryAsync()).Select(t => t.BootId).Distinct().Count() == 2
                && (await stack.Queries.PatientAsync("p-001")).Single().Outcome is not null,
            TimeSpan.FromSeconds(60), () => "no second boot, or the session never closed");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var stored = await stack.TelemetryAsync();
        var boots = stored.Select(t => t.BootId).Distinct().ToList();
        Assert.Equal(2, boots.Count);
        // In device time: every message of the first boot, then every message of the second, each from seq 1 without a hole.
        var firstBoot = stored.TakeWhile(t => t.BootId == boots[0]).Select(t => t.Seq).ToList();
        var secondBoot = stored.SkipWhile(t => t.BootId == boots[0]).ToList();
        Assert.All(secondBoot, t => Assert.Equal(boots[1], t.BootId));
        Assert.Equal(Enumerable.Range(1, firstBoot.Count).Select(i => (long)i), firstBoot);
        Assert.Equal(Enumerable.Range(1, secondBoot.Count).Select(i => (long)i), secondBoot.Select(t => t.Seq));

        var session = (await stack.Queries.PatientAsync("p-001")).Single();
        var detail = (await stack.Queries.SessionAsync(Dev, session.SessionId))!;
        Assert.Equal(boots[0], detail.Parts[0].BootId);
        // Interrupted by the restart, unless (on a loaded machine) the device had ended it by itself before it was killed.
        var ended = detail.States.FirstOrDefault(s => s.State is "completed" or "stopped" or "safety-stop");
        Assert.Equal(ended?.State ?? HistoryWriter.Interrupted, session.Outcome);
    }
}
