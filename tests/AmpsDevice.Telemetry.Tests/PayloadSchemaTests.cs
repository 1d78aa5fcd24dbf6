using AmpsDevice.Protocol.Messages;
using AmpsDevice.Telemetry.Tests.Support;
using static AmpsDevice.Telemetry.Tests.Support.DeviceConsole;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>
/// What a running device really publishes, captured through a real mosquitto, against the payload schemas of
/// docs/asyncapi.yaml (strict: no field the document does not describe, none null that it does not allow to be).
/// The document cannot drift from the code without this test failing.
/// </summary>
public sealed class PayloadSchemaTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private readonly MosquittoBroker _broker = Running(broker);

    [Fact]
    public async Task Status_telemetry_session_events_alarms_and_replies_of_a_running_device_match_the_asyncapi_schemas()
    {
        var schemas = new AsyncApiSchemas(Repository.PathOf("docs", "asyncapi.yaml"));
        await using var dashboard = await ConnectDashboardAsync(_broker);
        await using (var device = await StartDeviceAsync(_broker, dashboard, TempDirectory.Create("data"), allowRemoteStart: true))
        {
            // A session runs, the patient rates, a command is refused, the E-stop trips and latches, then is acknowledged.
            // On a loaded machine the real-time loop may miss its deadline while the host starts, which latches an
            // alarm: acknowledge it (this test is about payloads, not timing) and start again.
            CommandReply started = null!;
            for (var attempt = 0; attempt < 5; attempt++)
            {
                await CommandAsync(dashboard, CommandNames.FaultAck, $$"""{"issuedAt":"{{Now}}"}""");
                started = Json.Reply(await CommandAsync(dashboard, CommandNames.SessionStart,
                    $$"""{"patientId":"p-001","profile":{{WarmthThenVibration}},"issuedAt":"{{Now}}"}"""));
                if (started.Ok)
                {
                    break;
                }

                await Task.Delay(500);
            }

            Assert.True(started.Ok, started.Error);
            await dashboard.WaitForAsync(Topics.Events, m => Json.Event(m).Kind == EventKind.StepStarted, timeoutS: 5);
            await CommandAsync(dashboard, CommandNames.PainRate, $$"""{"value":3,"issuedAt":"{{Now}}"}""");
            Assert.False(Json.Reply(await CommandAsync(dashboard, CommandNames.PainRate, """{"value":"high"}""")).Ok);
            await dashboard.WaitForAsync(Topics.Telemetry, m => Json.Telemetry(m).Samples.Any(s => !s.Safe), timeoutS: 5);

            device.Hardware.EStopPressed = true;
            await dashboard.WaitForAsync(Topics.Alarms, m => Json.Text(m).Contains("\"estop\""), timeoutS: 5);
            await dashboard.WaitForAsync(Topics.Session, m => Json.Session(m).State is SessionState.Stopped or SessionState.SafetyStop, timeoutS: 5);
            Assert.False(Json.Reply(await CommandAsync(dashboard, CommandNames.FaultAck, $$"""{"issuedAt":"{{Now}}"}""")).Ok); // still held
            device.Hardware.EStopPressed = false;
            await Task.Delay(200);
            var acknowledged = Json.Reply(await CommandAsync(dashboard, CommandNames.FaultAck, $$"""{"issuedAt":"{{Now}}"}"""));
            Assert.True(acknowledged.Ok, acknowledged.Error);
            await dashboard.WaitForAsync(Topics.Events, m => Json.Event(m).Kind == EventKind.AlarmAcknowledged, timeoutS: 5);
        }

        // A clean shutdown publishes offline.
        await dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Offline, timeoutS: 10);

        var checkedPerSchema = new Dictionary<string, int>();
        var failures = new List<string>();
        foreach (var m in dashboard.Messages)
        {
            var schemaName = SchemaFor(m.Topic);
            if (schemaName is null)
            {
                continue; // commands sent by this test
            }

            checkedPerSchema[schemaName] = checkedPerSchema.GetValueOrDefault(schemaName) + 1;
            foreach (var error in schemas.Errors(schemaName, Json.Text(m)))
            {
                failures.Add($"{m.Topic} ({schemaName}) {error}\n    {Truncate(Json.Text(m))}");
            }
        }

        Assert.True(failures.Count == 0, "payloads that do not match docs/asyncapi.yaml:\n" + string.Join("\n", failures.Distinct().Take(20)));
        foreach (var name in new[] { "Status", "TelemetryBatch", "SessionState", "Event", "Alarms", "Reply" })
        {
            Assert.True(checkedPerSchema.GetValueOrDefault(name) > 0, $"no {name} message was captured");
        }

        // The cases that make the schema's choices matter were among them: a latched alarm and a refusal. And no
        // temperature was invented: a sensor without a reading is null, never 0 °C.
        var messages = dashboard.Messages.ToList();
        Assert.Contains(messages, m => m.Topic == Topics.Alarms && Json.Text(m).Contains("\"latched\":true"));
        Assert.Contains(messages, m => m.Topic.StartsWith(Topics.ReplyPrefix, StringComparison.Ordinal) && !Json.Reply(m).Ok);
        var samples = messages.Where(m => m.Topic == Topics.Telemetry).SelectMany(m => Json.Telemetry(m).Samples).ToList();
        Assert.DoesNotContain(samples, s => s.Pads.Any(p => p.MeasuredC == 0 || p.SafetyC == 0));
    }

    private static string? SchemaFor(string topic) => topic switch
    {
        _ when topic == Topics.Status => "Status",
        _ when topic == Topics.Telemetry => "TelemetryBatch",
        _ when topic == Topics.Session => "SessionState",
        _ when topic == Topics.Events => "Event",
        _ when topic == Topics.Alarms => "Alarms",
        _ when topic.StartsWith(Topics.ReplyPrefix, StringComparison.Ordinal) => "Reply",
        _ => null,
    };

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "...";


}
