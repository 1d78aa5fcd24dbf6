using System.Text.Json;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Sessions;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Connection;
using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Profiles;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace AmpsDevice.FirmwareHost.Simulation;

/// <summary>
/// Publishes the sessions of a simulated plan to an MQTT broker as the device publishes them, dated on the plan's
/// calendar (<c>plan simulate --mqtt</c>): a dashboard listening on the broker stores weeks of sessions in a minute.
/// Each session is tapped with the device's own pieces, on the control thread, in virtual time: the
/// <see cref="TelemetryTickObserver"/> samples ticks into a <see cref="TickSampleRing"/> that the
/// <see cref="TelemetryEncoder"/> turns into <c>telemetry</c> batches at the configured cadence (<see cref="MqttOptions"/>),
/// events become <c>events</c> (<see cref="SessionEventForwarder.ToDeviceEvent"/>) and the <c>session</c> state is
/// published on every change and once a second while running (<see cref="SessionEventForwarder.StateMessage"/>), with a
/// <c>status</c> online at each session's start and offline at the end. Every time is the simulation's virtual clock
/// moved to the session's place in the plan. One boot for the whole plan: the telemetry seq runs on from session to
/// session. After each session its messages go to the broker in order, at QoS 1, each acknowledged before the next.
/// </summary>
public sealed class PlanMqttPublisher : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client;
    private readonly DeviceIdentity _identity;
    private readonly MqttOptions _mqtt = new();
    private readonly TelemetryEncoder _encoder;
    private readonly List<(string Topic, byte[] Payload, bool Retain)> _pending = [];
    private long _seq;
    private DateTimeOffset _lastAt;

    private PlanMqttPublisher(IMqttClient client, DeviceIdentity identity, Hardware.DeviceShape shape)
    {
        _client = client;
        _identity = identity;
        _encoder = new TelemetryEncoder(shape, identity.BootId);
    }

    /// <summary>Messages the broker acknowledged so far.</summary>
    public long Published { get; private set; }

    /// <summary>Connects to <paramref name="broker"/> as <paramref name="deviceId"/> (its MQTT client id, as the device connects).</summary>
    /// <exception cref="InvalidOperationException">The broker could not be reached or refused the connection (the message says which).</exception>
    public static PlanMqttPublisher Connect(BrokerAddress broker, string deviceId, Hardware.DeviceShape shape)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(deviceId)
            .WithTcpServer(broker.Host, broker.Port)
            .WithCleanStart(true)
            .WithTimeout(Timeout);
        if (broker.UserName is not null)
        {
            builder.WithCredentials(broker.UserName, broker.Password ?? "");
        }

        if (broker.Tls)
        {
            builder.WithTlsOptions(tls => tls.UseTls());
        }

        try
        {
            var result = client.ConnectAsync(builder.Build()).GetAwaiter().GetResult();
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"the broker at {broker.Host}:{broker.Port} refused the connection ({result.ResultCode})");
            }
        }
        catch (Exception ex) when (ex is not InvalidOperationException)
        {
            client.Dispose();
            throw new InvalidOperationException($"cannot connect to the broker at {broker.Host}:{broker.Port}: {ex.Message}", ex);
        }

        return new PlanMqttPublisher(client, new DeviceIdentity(deviceId, Protocol.Messages.HardwareMode.Simulated), shape);
    }

    /// <summary>Taps <paramref name="run"/> before it starts; its times are moved so that the run starts at <paramref name="startsAt"/>.</summary>
    public void Attach(SimulationRun run, DateTimeOffset startsAt)
    {
        ArgumentNullException.ThrowIfNull(run);
        var tap = new SessionTap(this, run, startsAt);
        run.Core.AddTickObserver(tap);
        run.Core.AddSessionObserver(tap);
        Add(_identity.Topics.Status, JsonSerializer.SerializeToUtf8Bytes(_identity.Status(DeviceState.Online, startsAt), ProtocolJsonContext.Default.StatusMessage), retain: true);
    }

    /// <summary>Sends what the last session published, in order; each message acknowledged by the broker.</summary>
    public void Flush()
    {
        foreach (var (topic, payload, retain) in _pending)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithRetainFlag(retain)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json")
                .Build();
            using var timeout = new CancellationTokenSource(Timeout);
            var result = _client.PublishAsync(message, timeout.Token).GetAwaiter().GetResult();
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"the broker refused a message on {topic} ({result.ReasonCode})");
            }

            Published++;
        }

        _pending.Clear();
    }

    /// <summary>Says offline (shutdown) at the last session's end, as a device switched off, and disconnects.</summary>
    public void Dispose()
    {
        try
        {
            if (_client.IsConnected)
            {
                Add(_identity.Topics.Status, JsonSerializer.SerializeToUtf8Bytes(_identity.Status(DeviceState.Offline, _lastAt, "shutdown"), ProtocolJsonContext.Default.StatusMessage), retain: true);
                Flush();
                _client.DisconnectAsync().GetAwaiter().GetResult();
            }
        }
        finally
        {
            _client.Dispose();
            _encoder.Dispose();
        }
    }

    private void Add(string topic, byte[] payload, bool retain) => _pending.Add((topic, payload, retain));

    /// <summary>One session's tap, on the control thread: what the device would publish, dated on the plan's calendar.</summary>
    private sealed class SessionTap : ITickObserver, ISessionObserver
    {
        private readonly PlanMqttPublisher _owner;
        private readonly SessionEngine _engine;
        private readonly TickSampleRing _ring;
        private readonly TelemetryTickObserver _sampler;
        private readonly DateTimeOffset _origin;
        private readonly TimeSpan _shift;
        private readonly TimeProvider _clock;
        private SessionSnapshot? _last;
        private StimulusProfile? _profile;
        private JsonElement? _profileJson;
        private double _nextStateS = double.NaN;

        public SessionTap(PlanMqttPublisher owner, SimulationRun run, DateTimeOffset startsAt)
        {
            _owner = owner;
            _engine = run.Engine;
            _clock = run.Clock;
            _origin = _clock.GetUtcNow();
            _shift = startsAt - _origin;
            _ring = new TickSampleRing(run.Core.Shape, owner._mqtt.RingCapacity);
            _sampler = new TelemetryTickObserver(_ring, Options.Create(owner._mqtt), new ShiftedTime(_clock, _shift));
        }

        public void OnTick(in TickView tick)
        {
            _sampler.OnTick(tick);
            var batch = _owner._mqtt.BatchSize;
            if (_ring.Count >= batch)
            {
                var payload = _owner._encoder.Encode(_ring, batch, ++_owner._seq, _owner._mqtt.SamplePeriodS, out _);
                _owner.Add(_owner._identity.Topics.Telemetry, payload.ToArray(), retain: false);
                _ring.Advance(batch);
            }

            // Once a second while a session runs, for its time left (as the device's forwarder does).
            if (_engine.State is SessionState.Running or SessionState.Paused)
            {
                if (double.IsNaN(_nextStateS))
                {
                    _nextStateS = tick.TimeS + 1;
                }
                else if (tick.TimeS >= _nextStateS)
                {
                    _nextStateS += 1;
                    State(_engine.Snapshot());
                }
            }
        }

        public void OnSessionEvent(SessionEvent sessionEvent)
        {
            var deviceEvent = SessionEventForwarder.ToDeviceEvent(sessionEvent) with { At = sessionEvent.At + _shift };
            _owner.Add(_owner._identity.Topics.Events, JsonSerializer.SerializeToUtf8Bytes(deviceEvent, ProtocolJsonContext.Default.DeviceEvent), retain: false);
            if (sessionEvent.Session != _last)
            {
                State(sessionEvent.Session);
            }
        }

        private void State(SessionSnapshot snapshot)
        {
            _last = snapshot;
            if (!ReferenceEquals(snapshot.Profile, _profile) && snapshot.Profile is { } profile)
            {
                using var document = JsonDocument.Parse(ProfileJson.SerializeToUtf8Bytes(profile));
                _profileJson = document.RootElement.Clone();
                _profile = profile;
            }

            var at = _clock.GetUtcNow() + _shift;
            _owner._lastAt = at;
            _owner.Add(_owner._identity.Topics.Session, JsonSerializer.SerializeToUtf8Bytes(
                SessionEventForwarder.StateMessage(snapshot, at, _profileJson), ProtocolJsonContext.Default.SessionStateMessage), retain: true);
        }
    }

    /// <summary>A clock <paramref name="shift"/> ahead of another: the simulation's virtual time on the plan's calendar.</summary>
    private sealed class ShiftedTime(TimeProvider inner, TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + shift;

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;
    }
}
