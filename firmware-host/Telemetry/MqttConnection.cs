using System.Text.Json;
using AmpsDevice.Protocol.Connection;
using AmpsDevice.Protocol.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>The broker refused the CONNECT (MQTTnet v5 reports it in the result, not as an exception).</summary>
public sealed class MqttConnectRefusedException : Exception
{
    public MqttConnectRefusedException(MqttClientConnectResultCode code, string? reason)
        : base($"broker refused the connection: {code}{(string.IsNullOrEmpty(reason) ? "" : " (" + reason + ")")}") => Code = code;

    public MqttConnectRefusedException() : this(MqttClientConnectResultCode.UnspecifiedError, null) { }

    public MqttConnectRefusedException(string message) : base(message) { }

    public MqttConnectRefusedException(string message, Exception inner) : base(message, inner) { }

    public MqttClientConnectResultCode Code { get; }
}

/// <summary>
/// The device's one MQTT 5 connection: client id = device id, clean start false with a session expiry
/// (the broker keeps our subscription while we are away), a retained Last Will of <c>status offline</c>.
/// <see cref="MqttSessionKeeper"/> keeps it connected (the discipline the dashboard shares). On every connect:
/// subscribe to <c>cmd/+</c>, publish <c>status online</c> (retained), notify <see cref="Connected"/>. On stop: <c>status offline</c>, then a normal DISCONNECT.
/// </summary>
public sealed partial class MqttConnection : BackgroundService
{
    private readonly IMqttClient _client;
    private readonly MqttOptions _options;
    private readonly DeviceIdentity _identity;
    private readonly CommandHandler _commands;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttConnection> _logger;
    private readonly MqttSessionKeeper _keeper;
    private readonly BrokerAddress _broker;
    private readonly string _brokerText;
    private long _connectedSinceTicks;
    private int _receiveMaximum = ushort.MaxValue;
    private int _connects;
    private bool _stopping;

    public MqttConnection(IOptions<MqttOptions> options, DeviceIdentity identity, CommandHandler commands, TimeProvider time, ILogger<MqttConnection> logger)
    {
        _options = options.Value;
        _identity = identity;
        _commands = commands;
        _time = time;
        _logger = logger;
        _broker = _options.GetBroker();
        _brokerText = _broker.ToString();
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        _client.DisconnectedAsync += e =>
        {
            // Our own DISCONNECT at shutdown is not a lost connection.
            if (e.ClientWasConnected && !Volatile.Read(ref _stopping))
            {
                LogDisconnected(_logger, _brokerText, e.Reason.ToString(), e.Exception?.Message);
            }

            return Task.CompletedTask;
        };
        _keeper = new MqttSessionKeeper(_client, _broker, new ReconnectTiming(_options.ConnectionCheckInterval, _options.ReconnectMinDelay, _options.ReconnectMaxDelay), logger);
    }

    /// <summary>Raised on the connection loop after every successful connect (subscribed, status online published).</summary>
    public event Action? Connected;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Successful connects since start.</summary>
    public int ConnectCount => Volatile.Read(ref _connects);

    /// <summary>When the current connection came up.</summary>
    public DateTimeOffset ConnectedSince => new(Interlocked.Read(ref _connectedSinceTicks), TimeSpan.Zero);

    public BrokerAddress Broker => _broker;

    /// <summary>QoS 1 publishes the broker accepts unacknowledged on the current connection (CONNACK Receive Maximum).</summary>
    public int ReceiveMaximum => Volatile.Read(ref _receiveMaximum);

    /// <summary>Publishes at QoS 1 and returns when the broker acknowledged (PUBACK). Throws when not connected.</summary>
    public Task<MqttClientPublishResult> PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken) =>
        _client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayloadSegment(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .WithContentType("application/json")
                .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
                .Build(),
            cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _keeper.RunAsync(ConnectOnceAsync, onDown: () => { }, stoppingToken);

    private async ValueTask ConnectOnceAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var will = JsonSerializer.SerializeToUtf8Bytes(_identity.Status(DeviceState.Offline, now, "connection-lost"), ProtocolJsonContext.Default.StatusMessage);
        var builder = MqttSessionKeeper.ClientOptions(_broker, _identity.DeviceId, _options.SessionExpiry, _options.KeepAlive)
            .WithWillTopic(_identity.Topics.Status)
            .WithWillPayload(will)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillContentType("application/json");
        var result = await _client.ConnectAsync(MqttSessionKeeper.Build(builder), ct);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MqttConnectRefusedException(result.ResultCode, result.ReasonString);
        }

        // MQTT 5 §3.2.2.3.3: absent means 65,535 (0 is a protocol error; treated as absent).
        Volatile.Write(ref _receiveMaximum, result.ReceiveMaximum is > 0 and var receiveMaximum ? receiveMaximum : ushort.MaxValue);
        var subscription = await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(_identity.Topics.CommandFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build(),
            ct);
        foreach (var item in subscription.Items)
        {
            if (item.ResultCode > MQTTnet.MqttClientSubscribeResultCode.GrantedQoS2)
            {
                LogSubscribeRefused(_logger, item.TopicFilter.Topic, item.ResultCode.ToString());
            }
        }

        var online = JsonSerializer.SerializeToUtf8Bytes(_identity.Status(DeviceState.Online, now), ProtocolJsonContext.Default.StatusMessage);
        await PublishAsync(_identity.Topics.Status, online, retain: true, ct);
        Interlocked.Exchange(ref _connectedSinceTicks, _time.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _connects);
        LogConnected(_logger, _brokerText, _identity.DeviceId, result.IsSessionPresent);
        Connected?.Invoke();
    }

    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        var outcome = await _commands.HandleAsync(message, CancellationToken.None);
        if (outcome is null || string.IsNullOrEmpty(message.ResponseTopic))
        {
            return;
        }

        try
        {
            var builder = new MqttApplicationMessageBuilder()
                .WithTopic(message.ResponseTopic)
                .WithPayload(outcome.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithContentType("application/json")
                .WithMessageExpiryInterval(60);
            if (message.CorrelationData is { Length: > 0 })
            {
                builder.WithCorrelationData(message.CorrelationData);
            }

            // Not awaited inside the receive handler: the PUBACK of the reply must not hold up the next command.
            var topic = message.ResponseTopic;
            _ = _client.PublishAsync(builder.Build(), CancellationToken.None).ContinueWith(
                t => OnReplyFailed(topic, t.Exception),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        }
        catch (Exception ex)
        {
            LogReplyFailed(_logger, message.ResponseTopic, ex.Message);
        }
    }

    private void OnReplyFailed(string topic, AggregateException? error)
    {
        var message = error?.GetBaseException().Message;
        LogReplyFailed(_logger, topic, message);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_client.IsConnected)
        {
            return;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            var offline = JsonSerializer.SerializeToUtf8Bytes(_identity.Status(DeviceState.Offline, _time.GetUtcNow(), "shutdown"), ProtocolJsonContext.Default.StatusMessage);
            await PublishAsync(_identity.Topics.Status, offline, retain: true, budget.Token);
            Volatile.Write(ref _stopping, true);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), budget.Token);
        }
        catch (Exception ex)
        {
            LogLoopError(_logger, ex);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _client.Dispose();
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "MQTT connected to {Broker} as {ClientId} (session present: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string broker, string clientId, bool sessionPresent);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "MQTT connection to {Broker} lost ({Reason}): {Error}")]
    private static partial void LogDisconnected(ILogger logger, string broker, string reason, string? error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "MQTT broker refused the subscription to {Topic}: {Code}; check the broker's ACL")]
    private static partial void LogSubscribeRefused(ILogger logger, string topic, string code);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "MQTT reply to {Topic} failed: {Error}")]
    private static partial void LogReplyFailed(ILogger logger, string topic, string? error);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "MQTT connection loop error")]
    private static partial void LogLoopError(ILogger logger, Exception ex);
}
