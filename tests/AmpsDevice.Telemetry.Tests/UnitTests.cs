using System.Text;
using System.Text.Json;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;
using AmpsDevice.Telemetry.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Telemetry.Tests;

public class ProtocolTests
{
    [Fact]
    public void Topics_follow_the_v1_tree_and_reject_ids_that_are_not_one_level()
    {
        var t = new DeviceTopics("dev-1");
        Assert.Equal("amps/v1/dev-1/status", t.Status);
        Assert.Equal("amps/v1/dev-1/telemetry", t.Telemetry);
        Assert.Equal("amps/v1/dev-1/session", t.Session);
        Assert.Equal("amps/v1/dev-1/events", t.Events);
        Assert.Equal("amps/v1/dev-1/alarms", t.Alarms);
        Assert.Equal("amps/v1/dev-1/cmd/session.start", t.Command(CommandNames.SessionStart));
        Assert.Equal("session.stop", t.TryGetCommandName("amps/v1/dev-1/cmd/session.stop"));
        Assert.Null(t.TryGetCommandName("amps/v1/dev-2/cmd/session.stop"));
        Assert.Throws<ArgumentException>(() => new DeviceTopics("a/b"));
        Assert.Throws<ArgumentException>(() => new DeviceTopics("a+"));
        Assert.Throws<ArgumentException>(() => new DeviceTopics(""));
    }

    [Fact]
    public void Payloads_are_camel_case_with_schema_and_kebab_case_states_and_no_nulls()
    {
        var json = JsonSerializer.Serialize(
            new SessionStateMessage(SessionState.SafetyStop, DateTimeOffset.UnixEpoch, "s-1", "p-001", StepIndex: 2),
            ProtocolJsonContext.Default.SessionStateMessage);
        Assert.StartsWith("{\"schema\":\"amps.session/1\"", json);
        Assert.Contains("\"state\":\"safety-stop\"", json);
        Assert.Contains("\"patientId\":\"p-001\"", json);
        Assert.Contains("\"stepIndex\":2", json);
        Assert.DoesNotContain("null", json);

        var ev = JsonSerializer.Serialize(new DeviceEvent(EventKind.PainRating, DateTimeOffset.UnixEpoch, Value: 4), ProtocolJsonContext.Default.DeviceEvent);
        Assert.StartsWith("{\"schema\":\"amps.event/1\",\"late\":false", ev);
        Assert.Contains("\"kind\":\"pain-rating\"", ev);
    }

    [Fact]
    public void Session_start_keeps_the_profile_as_json()
    {
        var cmd = JsonSerializer.Deserialize(
            """{"patientId":"p-001","profile":{"schema":"amps.profile/1","steps":[]},"issuedAt":"2026-01-01T00:00:00Z","id":"c1"}""",
            ProtocolJsonContext.Default.StartSessionCommand)!;
        Assert.Equal("p-001", cmd.PatientId);
        Assert.Equal(JsonValueKind.Object, cmd.Profile!.Value.ValueKind);
        Assert.Equal("amps.profile/1", cmd.Profile.Value.GetProperty("schema").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), cmd.IssuedAt);
    }
}

public class OptionsTests
{
    [Theory]
    [InlineData("not a uri")]
    [InlineData("http://host:1883")]
    [InlineData("mqtt://host:1883/path")]
    public void A_bad_broker_uri_is_an_error_naming_the_key(string uri)
    {
        var result = new MqttOptionsValidator().Validate(null, new MqttOptions { BrokerUri = uri });
        Assert.True(result.Failed);
        Assert.Contains("Mqtt:BrokerUri", result.FailureMessage);
    }

    [Fact]
    public void A_broker_uri_with_credentials_parses_and_the_password_is_redacted()
    {
        Assert.True(BrokerAddress.TryParse("mqtt://dev-a:s%40cret@broker.local:1884", out var b, out _));
        Assert.Equal(("broker.local", 1884, false, "dev-a", "s@cret"), (b.Host, b.Port, b.Tls, b.UserName, b.Password));
        Assert.DoesNotContain("cret", BrokerAddress.Redact("mqtt://dev-a:s%40cret@broker.local:1884"));
        Assert.True(new MqttOptionsValidator().Validate(null, new MqttOptions { BrokerUri = "mqtt://h:1" }).Succeeded);
        Assert.True(new MqttOptionsValidator().Validate(null, new MqttOptions { DeviceId = "bad/id" }).Failed);
    }
}

public class TelemetryPipelineTests
{
    private static TelemetryTickObserver Observer(TelemetryRing ring, double loopHz = 100, double rateHz = 10) =>
        new(ring, Options.Create(new MqttOptions { ControlLoopHz = loopHz, TelemetryRateHz = rateHz }), TimeProvider.System);

    [Fact]
    public void Observer_samples_every_tenth_tick_and_allocates_nothing()
    {
        var ring = new TelemetryRing(DeviceStack.Shape, 300);
        var observer = Observer(ring);
        var sensors = DeviceStack.Shape.CreateSensorFrame();
        var outputs = DeviceStack.Shape.CreateActuatorFrame();
        var intent = new ControlIntent(DeviceStack.Shape.Pads.Count, DeviceStack.Shape.Vibration.Count, DeviceStack.Shape.Pressure.Count);
        intent.Pads[0] = new PadIntent { Active = true, SetpointC = 33.5 };
        for (var i = 0; i < 20; i++)
        {
            observer.OnTick(new TickView(0, i / 100.0, i, sensors, outputs, true, DeviceStack.Shape)); // warm up
        }

        var consumed = ring.Count;
        ring.Advance(consumed);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 20; i < 1020; i++)
        {
            sensors.Pads[0].ControlC.Value = i;
            observer.OnTick(new TickView(0, i / 100.0, i, sensors, outputs, false, DeviceStack.Shape) { Intent = intent });
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(100, ring.Count);
        Assert.Equal(20, ring.Peek(0).PadMeasuredC(0));
        Assert.Equal(30, ring.Peek(1).PadMeasuredC(0));
        Assert.Equal(33.5, ring.Peek(1).PadTargetC(0));
        Assert.True(double.IsNaN(ring.Peek(1).PadTargetC(1)), "a pad without a target has none in telemetry");
    }

    [Fact]
    public void Encoding_a_batch_with_pad_targets_allocates_nothing_once_warm()
    {
        var ring = new TelemetryRing(DeviceStack.Shape, 20);
        var sensors = DeviceStack.Shape.CreateSensorFrame();
        var outputs = DeviceStack.Shape.CreateActuatorFrame();
        var intent = new ControlIntent(DeviceStack.Shape.Pads.Count, DeviceStack.Shape.Vibration.Count, DeviceStack.Shape.Pressure.Count);
        intent.Pads[0] = new PadIntent { Active = true, SetpointC = 36.25 };
        for (var i = 0; i < 10; i++)
        {
            ring.TryWrite(sensors, outputs, i / 10.0, false, DateTimeOffset.UnixEpoch.UtcTicks, intent);
        }

        using var encoder = new TelemetryEncoder(DeviceStack.Shape, "boot-1");
        encoder.Encode(ring, 10, 1, 0.1, out _); // warm up: the buffer grows to its working size once
        var before = GC.GetAllocatedBytesForCurrentThread();
        var length = 0;
        for (var seq = 2; seq < 100; seq++)
        {
            length += encoder.Encode(ring, 10, seq, 0.1, out _).Length;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(length > 0);
    }

    [Fact]
    public void A_full_ring_drops_and_counts_instead_of_blocking()
    {
        var ring = new TelemetryRing(DeviceStack.Shape, 4);
        var sensors = DeviceStack.Shape.CreateSensorFrame();
        var outputs = DeviceStack.Shape.CreateActuatorFrame();
        for (var i = 0; i < 6; i++)
        {
            ring.TryWrite(sensors, outputs, i, false, 0);
        }

        Assert.Equal(4, ring.Count);
        Assert.Equal(2, ring.Dropped);
    }

    [Fact]
    public void Encoded_batch_reads_back_as_a_telemetry_batch_and_late_flips_in_place()
    {
        var ring = new TelemetryRing(DeviceStack.Shape, 20);
        var sensors = DeviceStack.Shape.CreateSensorFrame();
        var outputs = DeviceStack.Shape.CreateActuatorFrame();
        sensors.Pads[0].ControlC.Value = 36.5;
        sensors.Pads[0].SafetyC.Value = double.NaN;
        outputs.Pads[0] = new() { Enabled = true, Drive = -0.25 };
        outputs.Vibration[1] = new() { FrequencyHz = 200, Amplitude = 0.3 };
        sensors.Pressure[1].ForceN.Value = 12.5;
        var intent = new ControlIntent(DeviceStack.Shape.Pads.Count, DeviceStack.Shape.Vibration.Count, DeviceStack.Shape.Pressure.Count);
        intent.Pads[0] = new PadIntent { Active = true, SetpointC = 35.12346 };
        intent.Pads[1] = new PadIntent { Active = false, SetpointC = 40 };
        ring.TryWrite(sensors, outputs, 1.5, true, DateTimeOffset.UnixEpoch.UtcTicks, intent);
        ring.TryWrite(sensors, outputs, 1.6, false, DateTimeOffset.UnixEpoch.UtcTicks);
        using var encoder = new TelemetryEncoder(DeviceStack.Shape, "boot-1");
        var bytes = encoder.Encode(ring, 2, 7, 0.1, out var lateOffset).ToArray();

        var batch = JsonSerializer.Deserialize(bytes, ProtocolJsonContext.Default.TelemetryBatch)!;
        Assert.Equal(("amps.telemetry/1", "boot-1", 7L, false, 0.1), (batch.Schema, batch.BootId, batch.Seq, batch.Late, batch.SamplePeriodS));
        Assert.Equal(2, batch.Samples.Count);
        var s = batch.Samples[0];
        Assert.Equal(1.5, s.T);
        Assert.True(s.Safe);
        Assert.Equal(new PadSample("pad1", 36.5, null, -0.25, 35.1235), s.Pads[0]);
        Assert.Null(s.Pads[1].TargetC); // not under control: no target, whatever setpoint was left behind
        Assert.Null(batch.Samples[1].Pads[0].TargetC); // written without the control intent
        Assert.Equal(new VibrationSample("vib2", 200, 0.3), s.Vib[1]);
        Assert.Equal(new PressureSample("pressure2", 12.5), s.Pressure[1]);

        TelemetryEncoder.MarkLate(bytes, lateOffset);
        Assert.True(JsonSerializer.Deserialize(bytes, ProtocolJsonContext.Default.TelemetryBatch)!.Late);
    }
}

public class OutboxTests
{
    private static Outbox Create(string dir, TimeProvider time, long maxBytes = 64 * 1024) =>
        new(Options.Create(new MqttOptions { DataDirectory = dir, OutboxMaxBytes = maxBytes, OutboxMaxAge = TimeSpan.FromDays(7) }), time, NullLogger<Outbox>.Instance);

    [Fact]
    public void Messages_survive_a_new_instance_in_order_until_removed()
    {
        var dir = TempDirectory.Create("outbox");
        using (var outbox = Create(dir, TimeProvider.System))
        {
            for (var i = 0; i < 5; i++)
            {
                outbox.Enqueue(i % 2 == 0 ? OutboxKind.Telemetry : OutboxKind.Event, "t", Encoding.UTF8.GetBytes($"m{i}"), -1);
            }
        }

        using var reopened = Create(dir, TimeProvider.System);
        Assert.Equal(5, reopened.Count);
        var all = reopened.PeekAfter(0, 10);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], all.Select(m => Encoding.UTF8.GetString(m.Payload)));
        reopened.RemoveThrough(all[1].Id);
        Assert.Equal(3, reopened.Count);
        Assert.Equal("m2", Encoding.UTF8.GetString(reopened.PeekAfter(0, 1)[0].Payload));
    }

    [Fact]
    public void Reading_on_from_the_last_id_sees_every_message_once_even_after_the_outbox_ran_empty()
    {
        using var outbox = Create(TempDirectory.Create("outbox"), TimeProvider.System);
        for (var i = 0; i < 5; i++)
        {
            outbox.Enqueue(OutboxKind.Telemetry, "t", Encoding.UTF8.GetBytes($"a{i}"), -1);
        }

        var first = outbox.PeekAfter(0, 3);
        var rest = outbox.PeekAfter(first[^1].Id, 10);
        Assert.Equal(["a0", "a1", "a2", "a3", "a4"], first.Concat(rest).Select(m => Encoding.UTF8.GetString(m.Payload)));

        outbox.RemoveThrough(rest[^1].Id);
        Assert.Equal((0, 0), (outbox.Count, outbox.Bytes));
        outbox.Enqueue(OutboxKind.Event, "e", "b0"u8, -1);

        // A new id never repeats one already read, so a range delete of an acknowledged run cannot hit a newer row.
        var next = Assert.Single(outbox.PeekAfter(rest[^1].Id, 10));
        Assert.Equal("b0", Encoding.UTF8.GetString(next.Payload));
        Assert.True(next.Id > rest[^1].Id);
    }

    [Fact]
    public void Removing_an_acknowledged_run_counts_only_the_rows_the_bound_left_and_keeps_the_rest()
    {
        var dir = TempDirectory.Create("outbox");
        using var outbox = Create(dir, TimeProvider.System);
        var chunk = new byte[2048];
        for (var i = 0; i < 40; i++)
        {
            outbox.Enqueue(OutboxKind.Telemetry, "t", chunk, -1);
        }

        // The bound dropped the oldest while they might have been in flight; the sender's run reaches past them.
        Assert.True(outbox.Health.DroppedTelemetry > 0);
        var left = outbox.PeekAfter(0, 100);
        outbox.RemoveThrough(left[9].Id);

        Assert.Equal(left.Count - 10, outbox.Count);
        Assert.Equal((left.Count - 10) * 2048L, outbox.Bytes);
        Assert.Equal(left[10].Id, outbox.PeekAfter(0, 1)[0].Id);
        using var reopened = Create(dir, TimeProvider.System);   // the counts agree with what is on disk
        Assert.Equal((outbox.Count, outbox.Bytes), (reopened.Count, reopened.Bytes));
    }

    [Fact]
    public void Crossing_the_size_bound_drops_oldest_telemetry_keeps_events_and_raises_health()
    {
        var dir = TempDirectory.Create("outbox");
        using var outbox = Create(dir, TimeProvider.System);
        var raised = new List<OutboxHealth>();
        outbox.HealthChanged += raised.Add;
        for (var i = 0; i < 5; i++)
        {
            outbox.Enqueue(OutboxKind.Event, "e", Encoding.UTF8.GetBytes($"event{i}"), -1);
        }

        var chunk = new byte[2048];
        for (var i = 0; i < 40; i++)
        {
            outbox.Enqueue(OutboxKind.Telemetry, "t", chunk, -1);
        }

        Assert.True(outbox.Bytes <= 64 * 1024);
        var health = outbox.Health;
        Assert.True(health.OverBound);
        Assert.True(health.DroppedTelemetry > 0);
        Assert.Equal(0, health.DroppedEvents);
        Assert.Contains("dropped", health.Message);
        Assert.NotEmpty(raised);
        Assert.Equal(5, outbox.PeekAfter(0, 100).Count(m => m.Kind == OutboxKind.Event));

        outbox.RemoveThrough(outbox.PeekAfter(0, 1000)[^1].Id);
        Assert.False(outbox.Health.OverBound);
        Assert.True(outbox.Health.DroppedTelemetry > 0);
    }

    [Fact]
    public void Telemetry_older_than_the_age_bound_is_dropped_events_are_not()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var outbox = Create(TempDirectory.Create("outbox"), time, 50L * 1024 * 1024);
        outbox.Enqueue(OutboxKind.Telemetry, "t", "old"u8, -1);
        outbox.Enqueue(OutboxKind.Event, "e", "old-event"u8, -1);
        time.Now = time.Now.AddDays(8);
        outbox.Enqueue(OutboxKind.Telemetry, "t", "new"u8, -1);
        var left = outbox.PeekAfter(0, 10).Select(m => Encoding.UTF8.GetString(m.Payload)).ToList();
        Assert.Equal(["old-event", "new"], left);
        Assert.Equal(1, outbox.Health.DroppedTelemetry);
        Assert.True(outbox.Health.OverBound);
    }
}
