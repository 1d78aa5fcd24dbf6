using System.Diagnostics;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Profiles;
using MQTTnet;
using MQTTnet.Protocol;

namespace AmpsDevice.Bench.Fleet;

/// <summary>
/// Plays N devices against one broker, each with its own MQTT 5 connection (client id = device id, the retained
/// Last Will of <c>status offline</c>), publishing what <see cref="FleetDevice"/> makes at QoS 1 on its own clock
/// (the devices start at random phases, as real ones do). Counts messages and bytes by topic.
/// </summary>
public sealed class FleetRun
{
    private readonly FleetOptions _options;
    private readonly StimulusProfile _profile;
    private readonly MqttOptions _mqtt = new();
    private long _messages;
    private long _bytes;
    private long _telemetryMessages;
    private long _telemetryBytes;
    private long _failed;
    private int _connected;

    public FleetRun(FleetOptions options, StimulusProfile profile)
    {
        _options = options;
        _profile = profile;
    }

    /// <summary>Devices connected now.</summary>
    public int Connected => Volatile.Read(ref _connected);

    public FleetTotals Totals(TimeSpan elapsed) => new(
        _options.Devices, elapsed, Interlocked.Read(ref _messages), Interlocked.Read(ref _bytes),
        Interlocked.Read(ref _telemetryMessages), Interlocked.Read(ref _telemetryBytes), Interlocked.Read(ref _failed));

    /// <summary>Runs every device until <paramref name="stop"/> is cancelled; each then says offline (shutdown) and disconnects.</summary>
    public async Task<FleetTotals> RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var devices = Enumerable.Range(0, _options.Devices).Select(i => RunDeviceAsync(i, stop)).ToList();
        await Task.WhenAll(devices).ConfigureAwait(false);
        return Totals(clock.Elapsed);
    }

    private async Task RunDeviceAsync(int index, CancellationToken stop)
    {
        using var device = new FleetDevice(_options.DeviceId(index), _profile, _mqtt, seed: index + 1);
        using var client = new MqttClientFactory().CreateMqttClient();
        var started = Stopwatch.StartNew();
        var output = new List<FleetMessage>();
        try
        {
            // Random phase: fifty devices do not sample in the same millisecond.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * 1000), stop).ConfigureAwait(false);
            using var timer = new PeriodicTimer(device.SamplePeriod);
            do
            {
                if (!client.IsConnected && !await TryConnectAsync(client, device, stop).ConfigureAwait(false))
                {
                    continue;
                }

                output.Clear();
                device.Sample(started.Elapsed.TotalSeconds, DateTimeOffset.UtcNow, output);
                foreach (var message in output)
                {
                    await PublishAsync(client, message, stop).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        if (client.IsConnected)
        {
            Interlocked.Decrement(ref _connected);
            try
            {
                await PublishAsync(client, device.ShuttingDown(DateTimeOffset.UtcNow), CancellationToken.None).ConfigureAwait(false);
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                // the broker went first; its Will says offline
            }
        }
    }

    private async Task<bool> TryConnectAsync(IMqttClient client, FleetDevice device, CancellationToken stop)
    {
        var now = DateTimeOffset.UtcNow;
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(device.Identity.DeviceId)
            .WithTcpServer(_options.Broker.Host, _options.Broker.Port)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(_mqtt.KeepAlive)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(device.Identity.Topics.Status)
            .WithWillPayload(device.Will(now))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillContentType("application/json");
        if (_options.Broker.UserName is not null)
        {
            builder.WithCredentials(_options.Broker.UserName, _options.Broker.Password ?? "");
        }

        if (_options.Broker.Tls)
        {
            builder.WithTlsOptions(tls => tls.UseTls());
        }

        try
        {
            var result = await client.ConnectAsync(builder.Build(), stop).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"the broker refused {device.Identity.DeviceId}: {result.ResultCode} {result.ReasonString}");
            }

            Interlocked.Increment(ref _connected);
            foreach (var message in device.Connected(now))
            {
                await PublishAsync(client, message, stop).ConfigureAwait(false);
            }

            return true;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            Interlocked.Increment(ref _failed);
            await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
            return false;
        }
    }

    private async Task PublishAsync(IMqttClient client, FleetMessage message, CancellationToken stop)
    {
        try
        {
            await client.PublishAsync(
                new MqttApplicationMessageBuilder()
                    .WithTopic(message.Topic)
                    .WithPayload(message.Payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithRetainFlag(message.Retain)
                    .WithContentType("application/json")
                    .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
                    .Build(),
                stop).ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            Interlocked.Increment(ref _failed);
            if (!client.IsConnected)
            {
                Interlocked.Decrement(ref _connected);
            }

            return;
        }

        Interlocked.Increment(ref _messages);
        Interlocked.Add(ref _bytes, message.Payload.Length);
        if (message.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _telemetryMessages);
            Interlocked.Add(ref _telemetryBytes, message.Payload.Length);
        }
    }
}

/// <summary>What a fleet run published (payload bytes, without MQTT framing).</summary>
public sealed record FleetTotals(int Devices, TimeSpan Elapsed, long Messages, long Bytes, long TelemetryMessages, long TelemetryBytes, long Failed)
{
    public double MessagesPerS => Messages / Elapsed.TotalSeconds;

    public double BytesPerS => Bytes / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{Devices} devices, {Elapsed.TotalSeconds:0} s: {Messages} messages ({MessagesPerS:0.0}/s), {Bytes / 1024.0:0} KiB ({BytesPerS / 1024:0.0} KiB/s) of payload; " +
        $"telemetry {TelemetryMessages} messages, {TelemetryBytes / Math.Max(1, TelemetryMessages)} B each; {Failed} failed publishes or connects";
}
