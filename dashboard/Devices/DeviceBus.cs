using System.Collections.Concurrent;
using System.Buffers;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Profiles;
using AmpsDevice.Protocol.Connection;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace AmpsDevice.Dashboard.Devices;

/// <summary>
/// The dashboard's one MQTT 5 connection, kept connected by <see cref="MqttSessionKeeper"/> (the device's discipline);
/// clean start false with a session expiry, so the broker keeps the subscriptions and queues QoS 1 events
/// while the dashboard is away. On every connect it subscribes to every device's status, telemetry, session,
/// events and alarms, and to its own reply topic. Requests (commands) go out as MQTT 5 request/response.
/// </summary>
public sealed partial class DeviceBus : BackgroundService
{
    private readonly IMqttClient _client;
    private readonly DashboardOptions _options;
    private readonly BrokerAddress _broker;
    private readonly string _brokerText;
    private readonly DeviceRegistry _registry;
    private readonly LiveFeed _feed;
    private readonly SessionTimelines _timelines;
    private readonly DeviceMessageDecoder _decoder;
    private readonly ILogger<DeviceBus> _logger;
    private readonly IDeviceMessageSink? _sink;
    private readonly MqttSessionKeeper _keeper;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), DateTimeOffset> _rejectLogged = new();
    private volatile bool _connected;

    public DeviceBus(IOptions<DashboardOptions> options, DeviceRegistry registry, LiveFeed feed, SessionTimelines timelines, ILogger<DeviceBus> logger, IDeviceMessageSink? sink = null)
    {
        _sink = sink;
        _options = options.Value;
        _broker = BrokerAddress.TryParse(_options.Mqtt, out var broker, out var error) ? broker : throw new InvalidOperationException("Dashboard:Mqtt: " + error);
        _brokerText = _broker.ToString();
        _registry = registry;
        _feed = feed;
        _timelines = timelines;
        _decoder = new DeviceMessageDecoder(_options.MaxPayloadBytes);
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (OnMessage(e.ApplicationMessage) is { } decoded && _sink is not null)
            {
                // The sink acknowledges once the message is kept (the history commits it); not before.
                e.AutoAcknowledge = false;
                if (!_sink.Take(decoded, () => e.AcknowledgeAsync(CancellationToken.None)))
                {
                    e.AutoAcknowledge = true;
                }
            }

            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                SetConnected(false);
                var reason = e.Reason.ToString();
                LogDisconnected(_logger, _brokerText, reason);
            }

            return Task.CompletedTask;
        };
        _keeper = new MqttSessionKeeper(_client, _broker, new ReconnectTiming(_options.ConnectionCheckInterval, _options.ReconnectMinDelay, _options.ReconnectMaxDelay), logger);
    }

    public bool IsConnected => _connected;

    /// <summary>Publishes a request to <paramref name="topic"/> with a response topic and correlation data; returns the reply's payload.</summary>
    public async Task<byte[]> RequestAsync(string deviceId, string topic, byte[] payload, TimeSpan timeout, CancellationToken ct)
    {
        if (!_client.IsConnected)
        {
            throw new InvalidOperationException("the dashboard is not connected to the MQTT broker");
        }

        var correlation = Guid.NewGuid().ToString("N");
        var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlation] = reply;
        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json")
                .WithResponseTopic($"{Protocol.Topics.DeviceTopics.Root}/{deviceId}/reply/{_options.ClientId}")
                .WithCorrelationData(System.Text.Encoding.ASCII.GetBytes(correlation))
                .WithMessageExpiryInterval((uint)Math.Ceiling(timeout.TotalSeconds))
                .Build();
            await _client.PublishAsync(message, ct);
            return await reply.Task.WaitAsync(timeout, ct);
        }
        finally
        {
            _pending.TryRemove(correlation, out _);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _keeper.RunAsync(ConnectOnceAsync, () => SetConnected(false), stoppingToken);

    private async ValueTask ConnectOnceAsync(CancellationToken ct)
    {
        var options = MqttSessionKeeper.Build(MqttSessionKeeper.ClientOptions(_broker, _options.ClientId, _options.SessionExpiry, _options.KeepAlive));
        var result = await _client.ConnectAsync(options, ct);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in DeviceTopic.Filters(_options.ClientId))
        {
            subscribe.WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        }

        var subscription = await _client.SubscribeAsync(subscribe.Build(), ct);
        foreach (var item in subscription.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
        {
            var code = item.ResultCode.ToString();
            LogSubscribeRefused(_logger, item.TopicFilter.Topic, code);
        }

        SetConnected(true);
        LogConnected(_logger, _brokerText, _options.ClientId, result.IsSessionPresent);
    }

    private void SetConnected(bool connected)
    {
        if (_connected == connected)
        {
            return;
        }

        _connected = connected;
        _feed.Publish("broker", null, new BrokerUpdate(connected), Audience.Everyone);
    }

    /// <summary>Decodes and applies one message; returns it decoded for the sink (null for replies, foreign topics and refused payloads).</summary>
    private DeviceMessage? OnMessage(MqttApplicationMessage message)
    {
        if (!DeviceTopic.TryParse(message.Topic, out var topic))
        {
            return null;
        }

        var payload = message.Payload;
        try
        {
            if (payload.Length > _options.MaxPayloadBytes)
            {
                throw new RejectedPayloadException($"payload of {payload.Length} bytes is over the {_options.MaxPayloadBytes}-byte limit");
            }

            var bytes = payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray();
            object? decoded = null;
            switch (topic.Kind)
            {
                case TopicKind.Status:
                    var status = _decoder.Status(bytes);
                    _registry.OnStatus(topic.DeviceId, status);
                    decoded = status;
                    break;
                case TopicKind.Telemetry:
                    var batch = _decoder.Telemetry(bytes);
                    _registry.OnTelemetry(topic.DeviceId, batch);
                    decoded = batch;
                    break;
                case TopicKind.Session:
                    var session = _decoder.Session(bytes);
                    _registry.OnSession(topic.DeviceId, session, _timelines.For(topic.DeviceId, session));
                    decoded = session;
                    break;
                case TopicKind.Events:
                    var deviceEvent = _decoder.Event(bytes);
                    _registry.OnEvent(topic.DeviceId, deviceEvent);
                    decoded = deviceEvent;
                    break;
                case TopicKind.Alarms:
                    var alarms = _decoder.Alarms(bytes);
                    _registry.OnAlarms(topic.DeviceId, alarms);
                    decoded = alarms;
                    break;
                case TopicKind.Reply:
                    if (message.CorrelationData is { Length: > 0 and <= 64 } correlation
                        && _pending.TryGetValue(System.Text.Encoding.ASCII.GetString(correlation), out var waiting))
                    {
                        waiting.TrySetResult(bytes.ToArray());
                    }

                    break;
            }

            return decoded is null ? null : new DeviceMessage(topic.DeviceId, topic.Kind, decoded, bytes.ToArray(), DateTimeOffset.UtcNow);
        }
        catch (RejectedPayloadException ex)
        {
            LogRejectedOnce(topic, ex.Message);
        }
        catch (Exception ex)
        {
            LogRejectedOnce(topic, "could not be handled: " + ex.Message);
        }

        return null;
    }

    /// <summary>One line per device and topic per minute: a device that keeps publishing junk cannot flood the log.</summary>
    private void LogRejectedOnce(DeviceTopic topic, string reason)
    {
        var key = (topic.DeviceId, topic.Kind.ToString());
        var now = DateTimeOffset.UtcNow;
        if (_rejectLogged.TryGetValue(key, out var last) && now - last < TimeSpan.FromMinutes(1))
        {
            return;
        }

        if (_rejectLogged.Count > 10_000)
        {
            _rejectLogged.Clear();
        }

        _rejectLogged[key] = now;
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            LogRejected(_logger, LogText.Safe(topic.DeviceId), topic.Kind.ToString().ToLowerInvariant(), LogText.Safe(reason));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), cancellationToken);
            }
            catch (Exception ex)
            {
                LogLoopError(_logger, ex);
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _client.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT connected to {Broker} as {ClientId} (session present: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string broker, string clientId, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connection to {Broker} lost ({Reason})")]
    private static partial void LogDisconnected(ILogger logger, string broker, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT broker refused the subscription to {Topic}: {Code}; check the broker's ACL for the dashboard's user")]
    private static partial void LogSubscribeRefused(ILogger logger, string topic, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId}: {Kind} payload ignored: {Reason}")]
    private static partial void LogRejected(ILogger logger, string deviceId, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT connection loop error")]
    private static partial void LogLoopError(ILogger logger, Exception ex);
}
