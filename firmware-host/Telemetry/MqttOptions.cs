using AmpsDevice.Protocol.Connection;
using AmpsDevice.Protocol.Topics;
using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// Configuration section <c>Mqtt</c> (command line: <c>--mqtt</c> → <c>Mqtt:BrokerUri</c>, <c>--device-id</c> →
/// <c>Mqtt:DeviceId</c>). Where the outbox lives is the device's data folder (<see cref="Storage.DataDirectory"/>).
/// </summary>
public sealed class MqttOptions
{
    public const string SectionName = "Mqtt";

    /// <summary><c>mqtt://[user:pass@]host:port</c> (or <c>mqtts://</c> for TLS). Empty: an embedded broker on 127.0.0.1.</summary>
    public string? BrokerUri { get; set; }

    /// <summary>The device id: the topic level, the MQTT client id and (in the clinic's broker) the user name.</summary>
    public string DeviceId { get; set; } = "amps-device";

    /// <summary>Rate of the control loop the observer sees, Hz.</summary>
    public double ControlLoopHz { get; set; } = 100;

    /// <summary>Telemetry samples per second (every Nth tick, N = ControlLoopHz / TelemetryRateHz).</summary>
    public double TelemetryRateHz { get; set; } = 10;

    /// <summary>
    /// Samples per telemetry message (2 at 10 Hz = five messages a second). A sample waits in the device until its
    /// message is full, so the batch bounds how late the console can draw it: messages of 10 (one a second) cannot
    /// meet the sample-to-screen goal of p99 &lt; 500 ms, messages of 2 can (docs/performance.md, sample to screen).
    /// </summary>
    public int BatchSize { get; set; } = 2;

    /// <summary>Samples the ring between the control thread and the publisher holds (default: 30 s at 10 Hz).</summary>
    public int RingCapacity { get; set; } = 300;

    /// <summary>
    /// Largest outbox on disk, bytes of payload. The default 50 MB holds about three hours of telemetry at the
    /// default cadence (4.8 KiB/s with every channel, docs/performance.md), so in a longer outage the oldest goes first.
    /// </summary>
    public long OutboxMaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Oldest telemetry kept in the outbox (default 7 days); events are only dropped by the size bound.</summary>
    public TimeSpan OutboxMaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Outbox messages published at once before the first PUBACK is back (QoS 1 pipelining). Capped at half the
    /// broker's Receive Maximum from CONNACK (mosquitto: <c>max_inflight_messages</c>), which the broker enforces by
    /// disconnecting; the other half is left to the retained state, status and command replies on the same connection.
    /// 1 sends one message at a time: slower, but then MQTT 5 (section 4.9) promises that no message arrives after
    /// a later one even across reconnects.
    /// </summary>
    public int MaxInFlight { get; set; } = 16;

    /// <summary>A telemetry message or event delivered later than this after it was made is marked <c>late</c>.</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A command whose <c>issuedAt</c> is older than this is refused (stale start after an outage).</summary>
    public TimeSpan CommandExpiry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest command payload accepted, bytes.</summary>
    public int MaxCommandBytes { get; set; } = 64 * 1024;

    /// <summary>Commands remembered for de-duplication.</summary>
    public int RecentCommandCapacity { get; set; } = 256;

    /// <summary>MQTT 5 session expiry: how long the broker keeps this device's session while it is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>MQTT keep-alive; the broker publishes the Will after 1.5 × this without a packet.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the connection is checked (TryPing) and, when down, reconnected.</summary>
    public TimeSpan ConnectionCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First reconnect delay; doubles with jitter up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Port of the embedded broker (used only when <see cref="BrokerUri"/> is empty).</summary>
    public int EmbeddedBrokerPort { get; set; } = 1883;

    /// <summary>Address the embedded broker listens on (loopback by default).</summary>
    public string EmbeddedBrokerBindAddress { get; set; } = "127.0.0.1";

    /// <summary>Queue per client in the embedded broker (MQTTnet's default of 1000 drops an outbox drain).</summary>
    public int EmbeddedBrokerMaxPendingMessagesPerClient { get; set; } = 100_000;

    public bool UsesEmbeddedBroker => string.IsNullOrWhiteSpace(BrokerUri);

    /// <summary>Every N-th control tick is sampled.</summary>
    public int TickDecimation => Math.Max(1, (int)Math.Round(ControlLoopHz / TelemetryRateHz));

    /// <summary>Seconds between two telemetry samples.</summary>
    public double SamplePeriodS => TickDecimation / ControlLoopHz;

    /// <summary>The broker the client connects to: the configured one, or the embedded one.</summary>
    public BrokerAddress GetBroker() =>
        UsesEmbeddedBroker
            ? new BrokerAddress("127.0.0.1", EmbeddedBrokerPort, false, null, null)
            : BrokerAddress.TryParse(BrokerUri!, out var broker, out var error)
                ? broker
                : throw new OptionsValidationException(SectionName, typeof(MqttOptions), [$"{SectionName}:BrokerUri: {error}"]);
}

/// <summary>Checks <see cref="MqttOptions"/> at start; every message names the configuration key.</summary>
public sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        var errors = new List<string>();
        const string S = MqttOptions.SectionName;
        if (!options.UsesEmbeddedBroker && !BrokerAddress.TryParse(options.BrokerUri, out _, out var uriError))
        {
            errors.Add($"{S}:BrokerUri: {uriError}");
        }

        if (!DeviceTopics.IsValidDeviceId(options.DeviceId, out var why))
        {
            errors.Add($"{S}:DeviceId: '{options.DeviceId}' is not a valid device id: {why}");
        }

        Positive(options.ControlLoopHz, "ControlLoopHz");
        Positive(options.TelemetryRateHz, "TelemetryRateHz");
        if (options.TelemetryRateHz > options.ControlLoopHz)
        {
            errors.Add($"{S}:TelemetryRateHz: {options.TelemetryRateHz} is above the control loop rate {options.ControlLoopHz} Hz");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            errors.Add($"{S}:BatchSize: {options.BatchSize} is outside 1..1000");
        }

        if (options.RingCapacity < 2 * options.BatchSize)
        {
            errors.Add($"{S}:RingCapacity: {options.RingCapacity} must be at least twice BatchSize ({options.BatchSize})");
        }

        if (options.OutboxMaxBytes < 64 * 1024)
        {
            errors.Add($"{S}:OutboxMaxBytes: {options.OutboxMaxBytes} is below 65536");
        }

        if (options.MaxInFlight is < 1 or > 65535)
        {
            errors.Add($"{S}:MaxInFlight: {options.MaxInFlight} is outside 1..65535 (MQTT's Receive Maximum)");
        }

        Positive(options.OutboxMaxAge.TotalSeconds, "OutboxMaxAge");
        Positive(options.CommandExpiry.TotalSeconds, "CommandExpiry");
        Positive(options.SessionExpiry.TotalSeconds, "SessionExpiry");
        Positive(options.KeepAlive.TotalSeconds, "KeepAlive");
        Positive(options.ConnectionCheckInterval.TotalMilliseconds, "ConnectionCheckInterval");
        Positive(options.ReconnectMinDelay.TotalMilliseconds, "ReconnectMinDelay");
        if (options.ReconnectMaxDelay < options.ReconnectMinDelay)
        {
            errors.Add($"{S}:ReconnectMaxDelay: must not be shorter than ReconnectMinDelay");
        }

        if (options.MaxCommandBytes is < 256 or > 1024 * 1024)
        {
            errors.Add($"{S}:MaxCommandBytes: {options.MaxCommandBytes} is outside 256..1048576");
        }

        if (options.RecentCommandCapacity < 1)
        {
            errors.Add($"{S}:RecentCommandCapacity: must be at least 1");
        }

        if (options.EmbeddedBrokerPort is < 1 or > 65535)
        {
            errors.Add($"{S}:EmbeddedBrokerPort: {options.EmbeddedBrokerPort} is not a TCP port");
        }

        if (!System.Net.IPAddress.TryParse(options.EmbeddedBrokerBindAddress, out _))
        {
            errors.Add($"{S}:EmbeddedBrokerBindAddress: '{options.EmbeddedBrokerBindAddress}' is not an IP address");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Positive(double value, string key)
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                errors.Add($"{S}:{key}: {value} must be a positive number");
            }
        }
    }
}
