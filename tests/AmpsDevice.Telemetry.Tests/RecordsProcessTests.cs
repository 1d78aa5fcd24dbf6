using System.Diagnostics;
using System.Text.Json;
using AmpsDevice.FirmwareHost.Sessions.Records;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;
using AmpsDevice.Telemetry.Tests.Support;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>
/// Session records of the built <c>ampsdevice run --simulate</c> process: a session started over MQTT, then the
/// process killed hard (a power cut for the records) or stopped with SIGTERM.
/// </summary>
public sealed class RecordsProcessTests
{
    private static readonly DeviceTopics Topics = new(MosquittoBroker.DeviceA);

    private static DeviceProcess StartDevice(MosquittoBroker broker, string data) => new(broker.DeviceUri(), MosquittoBroker.DeviceA, data, "--allow-remote-start");

    /// <summary>
    /// Starts a session over MQTT and returns once it has run for <paramref name="holdS"/> seconds. On this test
    /// machine (two cores shared by several builds) a freshly started process can starve its own control loop
    /// while it compiles; the loop-deadline rule then stops the session safely. That is the device doing its
    /// job, not what these tests are about: acknowledge, as a therapist would, and start again.
    /// </summary>
    private static async Task<string> StartRunningSessionAsync(TestSubscriber dashboard, string replyTopic, double holdS)
    {
        await dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Online, timeoutS: 30);
        var profile = File.ReadAllText(Path.Combine(Repository.Root, "docs", "examples", "contract-example.json"));
        for (var attempt = 1; ; attempt++)
        {
            await CommandAsync(CommandNames.FaultAck, $$"""{"issuedAt":"{{DateTimeOffset.UtcNow:O}}"}""");
            await Task.Delay(200);
            var reply = await CommandAsync(CommandNames.SessionStart, $$"""{"patientId":"p-042","profile":{{profile}},"issuedAt":"{{DateTimeOffset.UtcNow:O}}"}""");
            Assert.True(reply.Ok || attempt < 6, reply.Error);
            if (reply.Ok)
            {
                var id = reply.SessionId!;
                await Task.Delay(TimeSpan.FromSeconds(holdS));
                var ended = dashboard.Messages.Any(m => m.Topic == Topics.Events && Json.Event(m) is { SessionId: var s, Kind: EventKind.SafetyStop } && s == id);
                if (!ended)
                {
                    return id;
                }

                Assert.True(attempt < 6, "every session was stopped by the loop-deadline rule: the machine is too loaded");
            }
        }

        async Task<CommandReply> CommandAsync(string name, string payload)
        {
            var correlation = Guid.NewGuid().ToByteArray();
            await dashboard.PublishAsync(Topics.Command(name), payload, replyTopic, correlation);
            return Json.Reply(await dashboard.WaitForAsync(replyTopic, m => m.CorrelationData.AsSpan().SequenceEqual(correlation), timeoutS: 10));
        }
    }

    private static Task<TestSubscriber> DashboardAsync(MosquittoBroker broker, string clientId) =>
        TestSubscriber.ConnectAsync(broker.Port, MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword, clientId, persistent: false, Topics.Prefix + "#");

    [Fact]
    public async Task Sigkill_mid_session_is_shown_interrupted_at_the_next_start_with_samples_up_to_the_kill()
    {
        using var broker = new MosquittoBroker();
        var data = TempDirectory.Create("records-kill");
        string sessionId;
        using (var first = StartDevice(broker, data))
        {
            try
            {
                await using var dashboard = await DashboardAsync(broker, "dash-kill");
                sessionId = await StartRunningSessionAsync(dashboard, Topics.Reply("dash-kill"), holdS: 6);
            }
            finally
            {
                var killedAt = DateTimeOffset.UtcNow;
                first.Kill(); // SIGKILL: no stop, no flush, no checkpoint
                await first.WaitForExitAsync();
                var exitedAt = DateTimeOffset.UtcNow;
                File.WriteAllText(Path.Combine(data, "killed-at"), $"{killedAt.ToUnixTimeMilliseconds()} {exitedAt.ToUnixTimeMilliseconds()}");
            }
        }

        var killMoments = File.ReadAllText(Path.Combine(data, "killed-at")).Split(' ').Select(long.Parse).ToArray();
        var (killed, exited) = (DateTimeOffset.FromUnixTimeMilliseconds(killMoments[0]), DateTimeOffset.FromUnixTimeMilliseconds(killMoments[1]));
        using (var second = StartDevice(broker, data))
        {
            await using var dashboard = await DashboardAsync(broker, "dash-restart");
            await dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Online, timeoutS: 30);
            second.Kill();
            await second.WaitForExitAsync();
        }

        using var reader = new RecordReader(data);
        var session = reader.Sessions().Single(s => s.SessionId == sessionId);
        Assert.Equal(("p-042", "interrupted"), (session.PatientId, session.Outcome));
        var export = reader.Load(sessionId);
        var lastSampleAt = session.StartedAt + TimeSpan.FromSeconds(export.Samples.Rows[^1][0]);
        // Committed every 0.5 s with a WAL fsync: at most a second lost. A little more is allowed for the test
        // machine's scheduling (two shared cores) between the test's clock and the kill.
        Assert.True((killed - lastSampleAt).TotalSeconds <= 1.5, $"the last sample kept is {(killed - lastSampleAt).TotalSeconds:0.000} s before the kill");
        // The kill lands between the two readings of the clock, so ticks may run after the first. The record
        // places a sample by the session's start time, which the engine reads from the wall clock a little after
        // the tick that started it, so a sample can appear up to that lag later than it ran: 0.1 s is allowed.
        Assert.True(lastSampleAt <= exited + TimeSpan.FromSeconds(0.1),
            $"the last sample kept is {(lastSampleAt - exited).TotalSeconds:0.000} s after the service had exited");
        Assert.InRange(export.Samples.Rows.Count, 40, 90);
        Assert.Equal("session-interrupted", export.Events[^1].Kind);
    }

    [Fact]
    public async Task Sigterm_records_the_running_session_as_stopped_by_the_service_and_publishes_offline()
    {
        using var broker = new MosquittoBroker();
        var data = TempDirectory.Create("records-term");
        using var device = StartDevice(broker, data);
        try
        {
            string sessionId;
            await using (var dashboard = await DashboardAsync(broker, "dash-term"))
            {
                sessionId = await StartRunningSessionAsync(dashboard, Topics.Reply("dash-term"), holdS: 3);
                using (var term = Process.Start("kill", ["-TERM", device.Id.ToString()]))
                {
                    await term.WaitForExitAsync();
                }

                using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
                {
                    await device.WaitForExitAsync(limit.Token); // throws when the service has not ended 30 s after SIGTERM
                }

                Assert.Equal(0, device.ExitCode);
                var stopped = Json.Event(await dashboard.WaitForAsync(Topics.Events, m => Json.Event(m).Kind == EventKind.SessionStopped, timeoutS: 5));
                Assert.Equal(sessionId, stopped.SessionId);
                await dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Offline, timeoutS: 5);
            }

            using var reader = new RecordReader(data);
            var export = reader.Load(sessionId);
            Assert.Equal(("stopped", "service stopping"), (export.Session.Outcome, export.Session.Reason));
            Assert.Equal("session-stopped", export.Events.Last(e => e.Kind.StartsWith("session-", StringComparison.Ordinal)).Kind);
            Assert.Equal(1, export.Samples.Rows[^1][^1]); // the last sample has the outputs safe
        }
        finally
        {
            if (!device.HasExited)
            {
                device.Kill();
            }
        }
    }
}
