using System.Text;
using AmpsDevice.Bench.Fleet;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Telemetry.Tests.Support;

namespace AmpsDevice.Bench.Tests;

/// <summary>
/// What the fleet tool publishes is what a device publishes: every kind of payload is accepted by the dashboard's
/// decoder and matches docs/asyncapi.yaml's schema, strictly; telemetry comes at the device's default cadence.
/// </summary>
public sealed class FleetPayloadTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DeviceMessageDecoder Decoder = new(256 * 1024);
    private static readonly AsyncApiSchemas Schemas = new(Repository.PathOf("docs", "asyncapi.yaml"));

    [Fact]
    public void Every_payload_of_two_minutes_of_a_fleet_device_is_accepted_by_the_dashboard_and_matches_the_asyncapi_schemas()
    {
        using var device = new FleetDevice("fleet-001", FleetCommand.LoadProfile(), new MqttOptions(), seed: 7);
        var messages = new List<FleetMessage>();
        messages.Add(new FleetMessage(device.Identity.Topics.Status, device.Will(Start), true));
        messages.AddRange(device.Connected(Start));
        for (var i = 0; i < 1200; i++)
        {
            device.Sample(i * 0.1, Start.AddSeconds(i * 0.1), messages);
        }

        messages.Add(device.ShuttingDown(Start.AddMinutes(2)));

        var decoded = new List<object>();
        var failures = new List<string>();
        foreach (var m in messages)
        {
            var (schema, decode) = Kind(m.Topic);
            decoded.Add(decode(m.Payload));
            failures.AddRange(Schemas.Errors(schema, Encoding.UTF8.GetString(m.Payload)).Select(e => $"{m.Topic}: {e}"));
        }

        Assert.Empty(failures);
        var statuses = decoded.OfType<StatusMessage>().ToList();
        Assert.Equal([DeviceState.Offline, DeviceState.Online, DeviceState.Offline], statuses.Select(s => s.State));
        Assert.Equal(["connection-lost", null, "shutdown"], statuses.Select(s => s.Reason));
        Assert.All(statuses, s => Assert.Equal((HardwareMode.Simulated, "fleet-001"), (s.HardwareMode, s.DeviceId)));
        Assert.Single(decoded.OfType<AlarmsMessage>(), a => a.Active.Count == 0);

        var sessions = decoded.OfType<SessionStateMessage>().ToList();
        Assert.Equal(SessionState.Idle, sessions[0].State);
        var running = sessions.Where(s => s.State == SessionState.Running).ToList();
        Assert.True(running.Count >= 60, $"{running.Count} running session states in two minutes (one a second while running)");
        Assert.All(running, s => Assert.True(s.Profile is not null && s.PatientId is not null && s.TimeLeftS > 0));

        var events = decoded.OfType<DeviceEvent>().Select(e => e.Kind).ToList();
        Assert.Contains(EventKind.SessionStarted, events);
        Assert.Contains(EventKind.StepStarted, events);
        Assert.Contains(EventKind.PainRating, events);

        // During the session every channel is active: pads under control, both tactors, pressure measured.
        var samples = decoded.OfType<TelemetryBatch>().SelectMany(b => b.Samples).ToList();
        Assert.Contains(samples, s => s.Pads.All(p => p.TargetC is not null) && s.Vib.All(v => v.Amplitude > 0) && s.Pressure.All(p => p.ForceN > 0));
    }

    [Fact]
    public void Telemetry_comes_at_the_devices_default_cadence_with_sample_times_on_the_wall_clock()
    {
        var mqtt = new MqttOptions();
        using var device = new FleetDevice("fleet-002", FleetCommand.LoadProfile(), mqtt, seed: 1);
        var messages = new List<FleetMessage>();
        for (var i = 0; i < 100; i++)
        {
            device.Sample(i * 0.1, Start.AddSeconds(i * 0.1), messages);
        }

        var batches = messages.Where(m => m.Topic == device.Identity.Topics.Telemetry).Select(m => Decoder.Telemetry(m.Payload)).ToList();
        Assert.Equal(100 / mqtt.BatchSize, batches.Count);
        Assert.Equal(Enumerable.Range(1, batches.Count).Select(i => (long)i), batches.Select(b => b.Seq));
        Assert.All(batches, b => Assert.Equal((mqtt.BatchSize, mqtt.SamplePeriodS, device.Identity.BootId), (b.Samples.Count, b.SamplePeriodS, b.BootId)));
        Assert.Equal(Start.AddSeconds(0.1 * mqtt.BatchSize * 7), batches[7].At);
    }

    [Theory]
    [InlineData(new string[0], "--devices N is required")]
    [InlineData(new[] { "--devices", "0" }, "--devices '0' is not a whole number from 1 to 1000")]
    [InlineData(new[] { "--devices", "5", "--mqtt", "http://x" }, "scheme 'http' is not supported")]
    [InlineData(new[] { "--devices", "5", "--duration", "-3" }, "--duration '-3' is not a positive number of seconds")]
    [InlineData(new[] { "--devices", "5", "--prefix", "a/b" }, "--prefix 'a/b' does not make valid device ids")]
    [InlineData(new[] { "--devices", "5", "--rate" }, "unknown argument '--rate'")]
    [InlineData(new[] { "--devices" }, "--devices needs a value")]
    public void Bad_options_are_refused_naming_the_problem(string[] args, string expected)
    {
        Assert.Null(FleetOptions.Parse(args, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Options_default_to_the_embedded_brokers_address_and_number_the_devices()
    {
        var options = FleetOptions.Parse(["--devices", "50", "--duration", "300"], out var error);
        Assert.Null(error);
        Assert.Equal(("127.0.0.1", 1883, TimeSpan.FromMinutes(5)), (options!.Broker.Host, options.Broker.Port, options.Duration));
        Assert.Equal(("fleet-001", "fleet-050"), (options.DeviceId(0), options.DeviceId(49)));
    }

    private static (string Schema, Func<byte[], object> Decode) Kind(string topic) => topic[(topic.LastIndexOf('/') + 1)..] switch
    {
        "status" => ("Status", p => Decoder.Status(p)),
        "telemetry" => ("TelemetryBatch", p => Decoder.Telemetry(p)),
        "session" => ("SessionState", p => Decoder.Session(p)),
        "events" => ("Event", p => Decoder.Event(p)),
        "alarms" => ("Alarms", p => Decoder.Alarms(p)),
        _ => throw new InvalidOperationException("a fleet device published on " + topic),
    };
}
