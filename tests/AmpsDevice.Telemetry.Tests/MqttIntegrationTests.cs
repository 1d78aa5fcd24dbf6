using System.Text;
using System.Text.Json;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;
using AmpsDevice.Telemetry.Tests.Support;
using MQTTnet;

namespace AmpsDevice.Telemetry.Tests;

/// <summary>Against a real mosquitto configured from docs/deployment (password file + ACL).</summary>
public sealed class MqttIntegrationTests : IClassFixture<MosquittoBroker>, IAsyncLifetime
{
    private static readonly DeviceTopics Topics = new(MosquittoBroker.DeviceA);
    private readonly MosquittoBroker _broker;
    private DeviceStack _device = null!;
    private TestSubscriber _dashboard = null!;

    public MqttIntegrationTests(MosquittoBroker broker)
    {
        _broker = broker;
        if (!broker.IsRunning)
        {
            broker.Start();
        }
    }

    public async Task InitializeAsync()
    {
        _dashboard = await TestSubscriber.ConnectAsync(_broker.Port, MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword,
            "dash-" + Guid.NewGuid().ToString("N")[..8], persistent: false, Topics.Prefix + "#");
        _device = new DeviceStack(_broker.DeviceUri(), MosquittoBroker.DeviceA, TempDirectory.Create("data"));
        await _device.StartAsync();
        await _dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Online && Json.Status(m).BootId == _device.Get<DeviceIdentity>().BootId);
    }

    public async Task DisposeAsync()
    {
        await _device.DisposeAsync();
        await _dashboard.DisposeAsync();
    }

    private Task<MqttApplicationMessage> CommandAsync(string name, string payload, byte[] correlation) =>
        SendAndWaitAsync(name, payload, correlation, 1);

    private async Task<MqttApplicationMessage> SendAndWaitAsync(string name, string payload, byte[] correlation, int nth)
    {
        var replyTopic = Topics.Reply("dash");
        await _dashboard.PublishAsync(Topics.Command(name), payload, replyTopic, correlation);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var replies = _dashboard.Messages.Where(m => m.Topic == replyTopic && m.CorrelationData.AsSpan().SequenceEqual(correlation)).ToList();
            if (replies.Count >= nth)
            {
                return replies[nth - 1];
            }

            Assert.True(DateTime.UtcNow < deadline, $"no reply #{nth} to {name} within 5 s");
            await Task.Delay(20);
        }
    }

    private static string Now => DateTimeOffset.UtcNow.ToString("O");

    [Fact]
    public async Task Telemetry_arrives_in_batches_with_consecutive_seq_and_the_sampled_values()
    {
        for (var i = 0; i < 20; i++)
        {
            _device.Tick();
        }

        await _dashboard.WaitForAsync(Topics.Telemetry, m => Json.Telemetry(m).Seq == 4);
        var batches = _dashboard.Telemetry(Topics.Telemetry);
        Assert.Equal([1L, 2, 3, 4], batches.Select(b => b.Seq));
        var boot = _device.Get<DeviceIdentity>().BootId;
        Assert.All(batches, b =>
        {
            Assert.Equal(boot, b.BootId);
            Assert.Equal(SchemaIds.Telemetry, b.Schema);
            Assert.False(b.Late);
            Assert.Equal(5, b.Samples.Count);
            Assert.Equal(0.01, b.SamplePeriodS, 6);
        });
        var sample = batches[1].Samples[2]; // tick 7
        Assert.Equal(0.07, sample.T, 6);
        Assert.Equal(new PadSample("pad1", 30.007, 30.5, 0.5), sample.Pads[0]);
        Assert.Equal(new PadSample("pad2", 22, 22.25, 0), sample.Pads[1]);
        Assert.Equal(new VibrationSample("vib1", 120, 0.4), sample.Vib[0]);
        Assert.Equal(new PressureSample("pressure1", 10), sample.Pressure[0]);
    }

    [Fact]
    public async Task Events_session_state_and_alarms_arrive_with_their_content()
    {
        var publisher = _device.Get<IDevicePublisher>();
        await publisher.PublishSessionStateAsync(new SessionStateMessage(SessionState.Running, DateTimeOffset.UtcNow, "s-9", "p-001", "Warmth", 1, 4, 120, 30));
        await publisher.PublishEventAsync(new DeviceEvent(EventKind.PainRating, DateTimeOffset.UtcNow, "s-9", Value: 4, Origin: "remote"));
        await publisher.PublishEventAsync(new DeviceEvent(EventKind.SafetyTrip, DateTimeOffset.UtcNow, "s-9", "pad1", "pad-over-temperature", 43.2, "Pad 1 over 43 °C"));
        await publisher.PublishAlarmsAsync(new AlarmsMessage([new AlarmEntry("a1", "pad-over-temperature", "pad1", AlarmPriority.High, "Pad 1 over 43 °C", true, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow));

        var session = await _dashboard.WaitForAsync(Topics.Session);
        Assert.True(session.Retain || true); // live delivery clears the flag; the retained copy is checked below
        Assert.Contains("\"state\":\"running\"", Json.Text(session));
        var trip = Json.Event(await _dashboard.WaitForAsync(Topics.Events, m => Json.Event(m).Kind == EventKind.SafetyTrip));
        var pain = Json.Event(_dashboard.Messages.First(m => m.Topic == Topics.Events && Json.Event(m).Kind == EventKind.PainRating));
        Assert.Equal((4.0, "s-9", "remote"), (pain.Value, pain.SessionId, pain.Origin));
        Assert.Equal(("pad1", "pad-over-temperature", 43.2), (trip.Target, trip.Rule, trip.Value));
        var alarms = await _dashboard.WaitForAsync(Topics.Alarms);
        Assert.Contains("\"priority\":\"high\"", Json.Text(alarms));

        // A dashboard that connects later gets the retained session, alarms and status.
        await using var late = await TestSubscriber.ConnectAsync(_broker.Port, MosquittoBroker.DashboardUser, MosquittoBroker.DashboardPassword, "late-dash", false, Topics.Prefix + "#");
        Assert.True((await late.WaitForAsync(Topics.Session)).Retain);
        Assert.True((await late.WaitForAsync(Topics.Alarms)).Retain);
        Assert.Equal(DeviceState.Online, Json.Status(await late.WaitForAsync(Topics.Status)).State);
    }

    [Fact]
    public async Task A_command_round_trips_with_its_correlation_data_and_remote_origin()
    {
        var correlation = Guid.NewGuid().ToByteArray();
        var reply = await CommandAsync(CommandNames.SessionStart, $$"""{"patientId":"p-001","profileId":"warmth-3","issuedAt":"{{Now}}"}""", correlation);
        var body = Json.Reply(reply);
        Assert.True(body.Ok, body.Error);
        Assert.Equal(("session.start", "s-1", "running"), (body.Command, body.SessionId, body.State));
        var call = Assert.Single(_device.Commands.Calls);
        Assert.Equal(("start", CommandOrigin.Remote), (call.Command, call.Origin));
        Assert.Equal("p-001", ((StartSessionRequest)call.Argument!).PatientId);

        var pain = Json.Reply(await CommandAsync(CommandNames.PainRate, """{"value":4}""", Guid.NewGuid().ToByteArray()));
        Assert.True(pain.Ok);
        Assert.Equal(4, _device.Commands.Calls.Last().Argument);
    }

    [Fact]
    public async Task A_start_with_a_patient_id_alone_reaches_the_device_as_a_plan_start()
    {
        var reply = Json.Reply(await CommandAsync(CommandNames.SessionStart, $$"""{"patientId":"p-001","issuedAt":"{{Now}}"}""", Guid.NewGuid().ToByteArray()));

        Assert.True(reply.Ok, reply.Error);
        var request = (StartSessionRequest)Assert.Single(_device.Commands.Calls).Argument!;
        Assert.Equal(("p-001", null, (System.Text.Json.JsonElement?)null), (request.PatientId, request.ProfileId, request.Profile));
    }

    [Fact]
    public async Task A_redelivered_command_runs_once_and_gets_the_same_reply_again()
    {
        var correlation = Guid.NewGuid().ToByteArray();
        var payload = $$"""{"patientId":"p-002","profileId":"x","issuedAt":"{{Now}}"}""";
        var first = Json.Reply(await SendAndWaitAsync(CommandNames.SessionStart, payload, correlation, 1));
        var second = Json.Reply(await SendAndWaitAsync(CommandNames.SessionStart, payload, correlation, 2));
        Assert.True(first.Ok);
        Assert.True(second.Ok);
        Assert.True(second.Duplicate);
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(1, _device.Commands.Count("start"));

        // The same "id" with a different correlation is the same command too.
        var withId = $$"""{"id":"cmd-77","issuedAt":"{{Now}}"}""";
        await CommandAsync(CommandNames.SessionResume, withId, [1, 2, 3]);
        var again = Json.Reply(await CommandAsync(CommandNames.SessionResume, withId, [4, 5, 6]));
        Assert.True(again.Duplicate);
        Assert.Equal(1, _device.Commands.Count("resume"));
    }

    [Fact]
    public async Task A_stale_or_undated_start_is_refused_and_nothing_starts()
    {
        var stale = DateTimeOffset.UtcNow.AddMinutes(-3).ToString("O");
        var reply = Json.Reply(await CommandAsync(CommandNames.SessionStart, $$"""{"patientId":"p-001","profileId":"x","issuedAt":"{{stale}}"}""", [9, 1]));
        Assert.False(reply.Ok);
        Assert.Contains("expired", reply.Error);
        var undated = Json.Reply(await CommandAsync(CommandNames.SessionStart, """{"patientId":"p-001","profileId":"x"}""", [9, 2]));
        Assert.False(undated.Ok);
        Assert.Contains("issuedAt is required", undated.Error);
        Assert.Empty(_device.Commands.Calls);

        // Stopping late is still stopping: a stale stop goes through, with a warning.
        var stop = Json.Reply(await CommandAsync(CommandNames.SessionStop, $$"""{"issuedAt":"{{stale}}"}""", [9, 3]));
        Assert.True(stop.Ok);
        Assert.Contains("expired", stop.Warning);
        Assert.Equal(1, _device.Commands.Count("stop"));
    }

    [Fact]
    public async Task Malformed_oversize_unknown_and_invalid_commands_get_error_replies_and_change_nothing()
    {
        var cases = new (string Name, string Payload, string Expect)[]
        {
            (CommandNames.SessionStart, "{not json", "malformed JSON"),
            (CommandNames.PainRate, """{"value":"four"}""", "value: expected an integer 0..10"),
            (CommandNames.PainRate, """{"value":11}""", "0..10"),
            (CommandNames.SessionStart, "{\"patientId\":\"p-1\",\"profileId\":\"x\",\"pad\":\"" + new string('x', 70_000) + "\"}", "over the limit"),
            ("session.explode", "{}", "unknown command"),
            (CommandNames.SessionStart, $$"""{"patientId":"Anna Smith","profileId":"x","issuedAt":"{{Now}}"}""", "pseudonymous"),
            (CommandNames.SessionStart, $$"""{"patientId":"p-1","profile":{},"profileId":"x","issuedAt":"{{Now}}"}""", "at most one of profile"),
        };
        var i = 0;
        foreach (var (name, payload, expect) in cases)
        {
            var reply = Json.Reply(await CommandAsync(name, payload, [7, (byte)i++]));
            Assert.False(reply.Ok, name + " " + expect);
            Assert.Contains(expect, reply.Error);
        }

        Assert.Empty(_device.Commands.Calls);
    }

    [Fact]
    public async Task The_broker_refuses_a_wrong_password_and_a_device_publishing_under_another_devices_prefix()
    {
        await using var wrong = new TestSubscriber();
        var refused = await wrong.TryConnectAsync(_broker.Port, MosquittoBroker.DeviceA, "wrong", "intruder", false);
        Assert.NotEqual(MqttClientConnectResultCode.Success, refused.ResultCode);
        await using var anonymous = new TestSubscriber();
        Assert.NotEqual(MqttClientConnectResultCode.Success, (await anonymous.TryConnectAsync(_broker.Port, null, null, "anon", false)).ResultCode);

        await using var devB = await TestSubscriber.ConnectAsync(_broker.Port, MosquittoBroker.DeviceB, MosquittoBroker.DevicePassword, MosquittoBroker.DeviceB, false);
        await devB.PublishAsync(Topics.Telemetry, """{"schema":"amps.telemetry/1","forged":true}""");
        await devB.PublishAsync(Topics.Status, """{"schema":"amps.status/1","forged":true}""");
        // dev-b may not read dev-a's commands either (mosquitto grants the subscription but delivers nothing).
        await devB.SubscribeAsync(Topics.CommandFilter);
        await CommandAsync(CommandNames.FaultAck, "{}", [42]);   // dev-a got it and replied
        Assert.Equal(1, _device.Commands.Count("ack"));

        // Positive control: dev-b's own prefix works, and the dashboard (reading amps/v1/#) sees it.
        await _dashboard.SubscribeAsync("amps/v1/dev-b/#");
        await devB.PublishAsync("amps/v1/dev-b/telemetry", """{"schema":"amps.telemetry/1","control":true}""");
        await _dashboard.WaitForAsync("amps/v1/dev-b/telemetry");
        Assert.DoesNotContain(_dashboard.Messages, m => Json.Text(m).Contains("forged"));
        Assert.DoesNotContain(devB.Messages, m => m.Topic.StartsWith(Topics.Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Clean_shutdown_publishes_status_offline()
    {
        await _device.StopAsync();
        var boot = _device.Get<DeviceIdentity>().BootId;
        var offline = Json.Status(await _dashboard.WaitForAsync(Topics.Status, m => Json.Status(m).State == DeviceState.Offline && Json.Status(m).BootId == boot));
        Assert.Equal("shutdown", offline.Reason);
        Assert.Equal(_device.Get<DeviceIdentity>().BootId, offline.BootId);
    }
}
