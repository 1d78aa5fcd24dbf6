using System.Text.Json;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Safety;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Bench.Fleet;

/// <summary>
/// One device of the fleet, without its connection: what it publishes and when, with the device's own encoders.
/// Status from <see cref="DeviceIdentity"/> (online, the Last Will's connection-lost, shutdown); telemetry through
/// a <see cref="TickSampleRing"/> and the <see cref="TelemetryEncoder"/> at the service's default cadence
/// (<see cref="MqttOptions"/>: 10 samples a second, <see cref="MqttOptions.BatchSize"/> to a message); session
/// state on every change and once a second while running; events as they happen; alarms (none) at start.
/// Every payload is serialized with device-protocol's <see cref="ProtocolJsonContext"/>, as the device does.
/// </summary>
public sealed class FleetDevice : IDisposable
{
    /// <summary>The default device map's channels.</summary>
    public static DeviceShape Shape { get; } = new(["pad1", "pad2"], ["vib1", "vib2"], ["pressure1", "pressure2"]);

    private readonly MqttOptions _mqtt;
    private readonly TickSampleRing _ring;
    private readonly TelemetryEncoder _encoder;
    private readonly FleetSession _session;
    private readonly SensorFrame _sensors = Shape.CreateSensorFrame();
    private readonly ActuatorFrame _outputs = Shape.CreateActuatorFrame();
    private readonly ControlIntent _intent = new(Shape.Pads.Count, Shape.Vibration.Count, Shape.Pressure.Count);
    private readonly List<DeviceEvent> _events = [];
    private long _seq;
    private double _lastStateS = double.NegativeInfinity;

    /// <param name="patientId">The patient of every session (<see cref="FleetSession"/>); null: one of 40 in turn.</param>
    public FleetDevice(string deviceId, StimulusProfile profile, MqttOptions mqtt, int seed, string? patientId = null)
    {
        Identity = new DeviceIdentity(deviceId, HardwareMode.Simulated);
        _mqtt = mqtt;
        _ring = new TickSampleRing(Shape, mqtt.RingCapacity);
        _encoder = new TelemetryEncoder(Shape, Identity.BootId);
        _session = new FleetSession(profile, Shape, seed, patientId);
    }

    public DeviceIdentity Identity { get; }

    /// <summary>The session this device runs (its state, for a caller that plays one session and stops).</summary>
    public FleetSession Session => _session;

    /// <summary>Seconds between two samples (the device's default: every 10th tick of the 100 Hz loop).</summary>
    public TimeSpan SamplePeriod => TimeSpan.FromSeconds(_mqtt.SamplePeriodS);

    /// <summary>The retained <c>status offline</c> the broker publishes for this device when its connection is lost.</summary>
    public byte[] Will(DateTimeOffset connectedAt) =>
        JsonSerializer.SerializeToUtf8Bytes(Identity.Status(DeviceState.Offline, connectedAt, "connection-lost"), ProtocolJsonContext.Default.StatusMessage);

    /// <summary>What a device publishes right after it connected: status online, its session state, its alarms.</summary>
    public IReadOnlyList<FleetMessage> Connected(DateTimeOffset now) =>
    [
        new(Identity.Topics.Status, JsonSerializer.SerializeToUtf8Bytes(Identity.Status(DeviceState.Online, now), ProtocolJsonContext.Default.StatusMessage), true),
        new(Identity.Topics.Session, JsonSerializer.SerializeToUtf8Bytes(_session.Snapshot(now), ProtocolJsonContext.Default.SessionStateMessage), true),
        new(Identity.Topics.Alarms, JsonSerializer.SerializeToUtf8Bytes(new AlarmsMessage([], now), ProtocolJsonContext.Default.AlarmsMessage), true),
    ];

    /// <summary>The clean shutdown's retained <c>status offline</c>.</summary>
    public FleetMessage ShuttingDown(DateTimeOffset now) =>
        new(Identity.Topics.Status, JsonSerializer.SerializeToUtf8Bytes(Identity.Status(DeviceState.Offline, now, "shutdown"), ProtocolJsonContext.Default.StatusMessage), true);

    /// <summary>
    /// One telemetry sample at loop time <paramref name="loopS"/> (s since the device started) and wall clock
    /// <paramref name="now"/>; adds to <paramref name="output"/> what the device publishes at this moment.
    /// </summary>
    public void Sample(double loopS, DateTimeOffset now, List<FleetMessage> output)
    {
        _events.Clear();
        var changed = _session.Advance(loopS, now, _events);
        foreach (var e in _events)
        {
            output.Add(new FleetMessage(Identity.Topics.Events, JsonSerializer.SerializeToUtf8Bytes(e, ProtocolJsonContext.Default.DeviceEvent), false));
        }

        if (changed || (_session.State == SessionState.Running && loopS - _lastStateS >= 1))
        {
            _lastStateS = loopS;
            output.Add(new FleetMessage(Identity.Topics.Session, JsonSerializer.SerializeToUtf8Bytes(_session.Snapshot(now), ProtocolJsonContext.Default.SessionStateMessage), true));
        }

        _session.Fill(_sensors, _outputs, _intent);
        _ring.TryWrite(_sensors, _outputs, loopS, false, now.UtcTicks, _intent);
        if (_ring.Count >= _mqtt.BatchSize)
        {
            var payload = _encoder.Encode(_ring, _mqtt.BatchSize, ++_seq, _mqtt.SamplePeriodS, out _);
            output.Add(new FleetMessage(Identity.Topics.Telemetry, payload.ToArray(), false));
            _ring.Advance(_mqtt.BatchSize);
        }
    }

    public void Dispose() => _encoder.Dispose();
}
