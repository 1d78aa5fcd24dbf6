using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using MQTTnet;

namespace AmpsDevice.Control.Tests.Plans;

/// <summary>
/// <c>ampsdevice plan simulate --mqtt URI [--device-id ID]</c>: every simulated session reaches a real broker (mosquitto) as
/// the device publishes it, dated on the plan's calendar, and the verb's output is what it is without the option plus
/// one line; bad values and an unreachable broker exit 2 before anything runs.
/// </summary>
public sealed partial class PlanSimulateMqttTests : IDisposable
{
    private const string Device = "plan-dev";
    private static readonly DateTimeOffset ProgramStart = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private readonly string _data = PlanFiles.NewDataDirectory();

    public void Dispose() => PlanFiles.Delete(_data);

    [Fact]
    public async Task Each_session_of_a_week_reaches_the_broker_with_status_states_events_and_telemetry_dated_day_by_day()
    {
        using var broker = MosquittoBroker.Anonymous();
        var received = new ConcurrentQueue<(string Topic, byte[] Payload)>();
        using var subscriber = await SubscribeAsync(broker, received);
        var plan = Path.Combine(_data, "plan.json");
        File.WriteAllText(plan, PlanFiles.ShortSessions);

        var plain = await DeviceCli.RunAsync("plan", "simulate", "--plan", plan, "--weeks", "1", "--seed", "3");
        var (code, stdout, stderr) = await DeviceCli.RunAsync("plan", "simulate", "--plan", plan, "--weeks", "1", "--seed", "3", "--mqtt", broker.Uri, "--device-id", Device);

        Assert.Equal((0, ""), (code, stderr));
        var published = long.Parse(PublishedLine().Match(stdout).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(WithoutTimings(plain.Out), WithoutTimings(PublishedLine().Replace(stdout, "")));
        await WaitForAsync(() => received.Count >= published);
        Assert.Equal(published, received.Count);

        var mqtt = new MqttOptions();
        var by = received.ToLookup(m => m.Topic[(m.Topic.LastIndexOf('/') + 1)..]);
        var states = by["session"].Select(m => JsonSerializer.Deserialize(m.Payload, ProtocolJsonContext.Default.SessionStateMessage)!).ToList();
        var events = by["events"].Select(m => JsonSerializer.Deserialize(m.Payload, ProtocolJsonContext.Default.DeviceEvent)!).ToList();
        var telemetry = by["telemetry"].Select(m => JsonSerializer.Deserialize(m.Payload, ProtocolJsonContext.Default.TelemetryBatch)!).ToList();
        var statuses = by["status"].Select(m => JsonSerializer.Deserialize(m.Payload, ProtocolJsonContext.Default.StatusMessage)!).ToList();

        // Seven sessions, one a day from the program's first day, each started, run and ended with its state.
        var sessions = states.Where(s => s.SessionId is not null).GroupBy(s => s.SessionId!).ToList();
        Assert.Equal(7, sessions.Count);
        Assert.All(sessions, s => Assert.Equal("p-042", s.First().PatientId));
        Assert.Equal(Enumerable.Range(0, 7).Select(d => ProgramStart.AddDays(d).Date), sessions.Select(s => s.Min(x => x.At).UtcDateTime.Date));
        Assert.All(sessions, s => Assert.Contains(s, x => x.State == SessionState.Running && x.ProfileName!.Contains("(plan level", StringComparison.Ordinal)));
        Assert.All(sessions, s => Assert.True(s.Last().State.IsFinished(), $"{s.Key} ends {s.Last().State}"));
        Assert.Equal(7, events.Count(e => e.Kind == EventKind.SessionStarted));
        Assert.All(events, e => Assert.InRange(e.At, ProgramStart, ProgramStart.AddDays(7)));

        // Telemetry at the device's cadence, one boot, seq without a hole, its times inside the sessions' days.
        Assert.Single(telemetry.Select(t => t.BootId).Distinct());
        Assert.Equal(Enumerable.Range(1, telemetry.Count).Select(i => (long)i), telemetry.Select(t => t.Seq));
        Assert.All(telemetry, t => Assert.Equal(mqtt.BatchSize, t.Samples.Count));
        var runningS = sessions.Sum(s => (s.Max(x => x.At) - s.Min(x => x.At)).TotalSeconds);
        Assert.InRange(telemetry.Count, runningS * mqtt.TelemetryRateHz / mqtt.BatchSize * 0.9, runningS * mqtt.TelemetryRateHz / mqtt.BatchSize * 1.2);
        Assert.All(telemetry, t => Assert.InRange(t.At, ProgramStart, ProgramStart.AddDays(7)));

        // Online at each session's start, offline (shutdown) at the end, as the device says it.
        Assert.Equal(7, statuses.Count(s => s.State == DeviceState.Online));
        Assert.Equal((DeviceState.Offline, "shutdown"), (statuses[^1].State, statuses[^1].Reason));
        Assert.All(statuses, s => Assert.Equal((Device, HardwareMode.Simulated), (s.DeviceId, s.HardwareMode)));
    }

    [Theory]
    [InlineData("--mqtt", "http://127.0.0.1:1883", "--mqtt: scheme 'http' is not supported")]
    [InlineData("--device-id", "dev-x", "--device-id: only with --mqtt")]
    public async Task Bad_values_exit_2_naming_the_option(string option, string value, string message)
    {
        var (code, stdout, stderr) = await DeviceCli.RunAsync("plan", "simulate", "--plan", PlanFiles.ExamplePath, option, value);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task A_bad_device_id_or_a_broker_that_does_not_answer_exits_2_before_any_session_runs()
    {
        var badId = await DeviceCli.RunAsync("plan", "simulate", "--plan", PlanFiles.ExamplePath, "--mqtt", "mqtt://127.0.0.1:1883", "--device-id", "a/b");
        var nobody = await DeviceCli.RunAsync("plan", "simulate", "--plan", PlanFiles.ExamplePath, "--weeks", "1", "--mqtt", $"mqtt://127.0.0.1:{FreePort.Next()}");

        Assert.Equal(2, badId.Code);
        Assert.Contains("--device-id: ", badId.Err);
        Assert.Equal(2, nobody.Code);
        Assert.Contains("plan simulate: --mqtt: cannot connect to the broker at 127.0.0.1:", nobody.Err);
        Assert.DoesNotContain(" day  s  level", nobody.Out);
    }

    private static async Task<IMqttClient> SubscribeAsync(MosquittoBroker broker, ConcurrentQueue<(string, byte[])> received)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("plan-watcher").Build());
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic($"amps/v1/{Device}/#").WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        return client;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
        }
    }

    /// <summary>The summary's wall-clock time ("in 1.2 s") is the one part of the output that differs run to run.</summary>
    private static string WithoutTimings(string output) => SimulatedIn().Replace(output, "simulated in");

    [GeneratedRegex(@"Published (\d+) messages to mqtt://127\.0\.0\.1:\d+ as device plan-dev\.\r?\n")]
    private static partial Regex PublishedLine();

    [GeneratedRegex(@"simulated in [0-9.]+ s")]
    private static partial Regex SimulatedIn();
}
