using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using Polly;
using Polly.Retry;

namespace AmpsDevice.Protocol.Connection;

/// <summary>How often a <see cref="MqttSessionKeeper"/> checks its connection and how it backs off while the broker is away.</summary>
public sealed record ReconnectTiming(TimeSpan CheckInterval, TimeSpan MinDelay, TimeSpan MaxDelay)
{
    /// <summary>
    /// How long a check's ping, or one connect attempt (the connect and whatever the caller does with it: subscribing,
    /// the first publishes), may wait for the broker before the connection counts as down and the attempt as failed.
    /// MQTTnet applies its own request timeout only to calls without a cancellable token, and every call here has one
    /// (the service's stopping token): without this bound a broker that accepted the TCP connection and then went
    /// quiet held a connect, or a check's ping, until the kernel gave the socket up, minutes later.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Keeps one MQTT 5 client connected, with the discipline the device and the dashboard share: a timer checks the
/// connection (<c>TryPingAsync</c>) and reconnects through a Polly pipeline (exponential backoff with jitter, capped);
/// a half-open connection (the ping went unanswered, the client still believes it is connected) is closed first.
/// Each ping and each connect attempt is bounded by <see cref="ReconnectTiming.AttemptTimeout"/>. What a
/// connect does (its options, subscriptions, the first publishes) is the caller's: <see cref="RunAsync"/> calls it
/// until it succeeds. Wall-clock time throughout: a broker's absence is real even when a session runs in virtual time.
/// </summary>
public sealed partial class MqttSessionKeeper
{
    /// <summary>
    /// The socket's send and receive buffer. MQTTnet fixes both at its BufferSize, 8 KiB by default, which turns
    /// Linux's receive-window autotuning off: with a window smaller than one segment, mosquitto's Nagle
    /// (<c>set_tcp_nodelay false</c>) and the receiver's 40 ms delayed acknowledgement let one segment through per
    /// acknowledgement timer, and a broker's queue reached the dashboard at about 24 messages a second, its socket
    /// window-limited 99.9 % of the time. The kernel caps the value at <c>net.core.rmem_max</c>.
    /// </summary>
    public const int SocketBufferBytes = 1024 * 1024;

    private readonly IMqttClient _client;
    private readonly string _brokerText;
    private readonly ReconnectTiming _timing;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _reconnect;

    public MqttSessionKeeper(IMqttClient client, BrokerAddress broker, ReconnectTiming timing, ILogger logger)
    {
        _client = client;
        _brokerText = broker.ToString();
        _timing = timing;
        _logger = logger;
        _reconnect = new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = timing.MinDelay,
                MaxDelay = timing.MaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    LogConnectFailed(_logger, _brokerText, args.AttemptNumber + 1, args.RetryDelay.TotalSeconds, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// The options every connection starts from: MQTT 5, <paramref name="clientId"/>, clean start false with
    /// <paramref name="sessionExpiry"/> (the broker keeps the subscriptions and queues QoS 1 messages while the client
    /// is away), the broker's host, port, credentials and TLS, and <see cref="SocketBufferBytes"/>.
    /// </summary>
    public static MqttClientOptionsBuilder ClientOptions(BrokerAddress broker, string clientId, TimeSpan sessionExpiry, TimeSpan keepAlive)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithTcpServer(broker.Host, broker.Port)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)sessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(keepAlive)
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (broker.UserName is not null)
        {
            builder.WithCredentials(broker.UserName, broker.Password ?? "");
        }

        if (broker.Tls)
        {
            builder.WithTlsOptions(tls => tls.UseTls());
        }

        return builder;
    }

    /// <summary>Builds <paramref name="builder"/> with the socket buffers of <see cref="SocketBufferBytes"/> (the builder has no setting for them).</summary>
    public static MqttClientOptions Build(MqttClientOptionsBuilder builder)
    {
        var options = builder.Build();
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = SocketBufferBytes;
        return options;
    }

    /// <summary>
    /// Until <paramref name="stoppingToken"/>: checks the connection every <see cref="ReconnectTiming.CheckInterval"/>
    /// and, when it is down, calls <paramref name="connectOnce"/> until it succeeds (after closing a half-open one).
    /// <paramref name="onDown"/> is told each time the check finds the connection down.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, ValueTask> connectOnce, Action onDown, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_timing.CheckInterval, TimeProvider.System);
        do
        {
            try
            {
                if (!await PingAsync(stoppingToken))
                {
                    onDown();
                    await _reconnect.ExecuteAsync(ct => AttemptAsync(connectOnce, ct), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogLoopError(_logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>True when the client is connected and the broker answered a ping within the attempt timeout.</summary>
    private async ValueTask<bool> PingAsync(CancellationToken stoppingToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attempt.CancelAfter(_timing.AttemptTimeout);
        if (await _client.TryPingAsync(attempt.Token))
        {
            return true;
        }

        if (attempt.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            LogPingUnanswered(_logger, _brokerText, _timing.AttemptTimeout.TotalSeconds);
        }

        return false;
    }

    /// <summary>One connect attempt within the attempt timeout; a timeout is a failure to retry, not a cancellation.</summary>
    private async ValueTask AttemptAsync(Func<CancellationToken, ValueTask> connectOnce, CancellationToken ct)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(_timing.AttemptTimeout);
        try
        {
            await CloseHalfOpenAsync(attempt.Token);
            await connectOnce(attempt.Token);
        }
        catch (Exception ex) when (attempt.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the broker did not complete the connection within {_timing.AttemptTimeout.TotalSeconds:0.#} s", ex);
        }
    }

    private async ValueTask CloseHalfOpenAsync(CancellationToken ct)
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build(), ct);
        }
    }

    private static async ValueTask<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "MQTT connect to {Broker} failed (attempt {Attempt}), retrying in {DelayS:0.0} s: {Error}")]
    private static partial void LogConnectFailed(ILogger logger, string broker, int attempt, double delayS, string? error);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "MQTT broker {Broker} did not answer a ping within {TimeoutS:0.#} s; reconnecting")]
    private static partial void LogPingUnanswered(ILogger logger, string broker, double timeoutS);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "MQTT connection loop error")]
    private static partial void LogLoopError(ILogger logger, Exception ex);
}
