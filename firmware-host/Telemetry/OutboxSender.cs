using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// Drains the <see cref="Outbox"/> to the broker in id order, one QoS 1 publish at a time (order is kept per
/// topic), removing a message only after its PUBACK. A message made before the current connection came up, or
/// older than <see cref="MqttOptions.LateAfter"/>, is flipped to <c>"late":true</c> on the way out. Delivery is at least once: a crash between the PUBACK
/// and the delete sends that message again (same boot id and seq, so a subscriber can drop the repeat).
/// </summary>
public sealed partial class OutboxSender : BackgroundService
{
    private const int ReadBatch = 64;
    private readonly Outbox _outbox;
    private readonly MqttConnection _connection;
    private readonly MqttOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxSender> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _sent;
    private long _rejected;

    public OutboxSender(Outbox outbox, MqttConnection connection, IOptions<MqttOptions> options, TimeProvider time, ILogger<OutboxSender> logger)
    {
        _outbox = outbox;
        _connection = connection;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _outbox.Enqueued += Wake;
        _connection.Connected += Wake;
    }

    /// <summary>Messages the broker acknowledged.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages the broker refused for good (not authorised, invalid topic); logged and removed.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool drained;
            try
            {
                drained = !_connection.IsConnected || _outbox.Count == 0 || !await SendBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogSendFailed(_logger, ex.Message);
                drained = true;
            }

            if (drained)
            {
                try
                {
                    await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Sends up to one read batch; false when it had to stop early (broker trouble).</summary>
    private async Task<bool> SendBatchAsync(CancellationToken ct)
    {
        var batch = _outbox.PeekOldest(ReadBatch);
        var acked = new List<long>(batch.Count);
        var ok = true;
        try
        {
            var now = _time.GetUtcNow();
            var connectedSince = _connection.ConnectedSince;
            foreach (var message in batch)
            {
                // Late: made while the device was not connected, or waiting longer than LateAfter.
                if (message.EnqueuedAt < connectedSince || now - message.EnqueuedAt > _options.LateAfter)
                {
                    TelemetryEncoder.MarkLate(message.Payload, message.LateOffset);
                }

                var result = await _connection.PublishAsync(message.Topic, message.Payload, retain: false, ct);
                switch (result.ReasonCode)
                {
                    case MqttClientPublishReasonCode.Success:
                    case MqttClientPublishReasonCode.NoMatchingSubscribers:
                        acked.Add(message.Id);
                        Interlocked.Increment(ref _sent);
                        break;
                    case MqttClientPublishReasonCode.NotAuthorized:
                    case MqttClientPublishReasonCode.TopicNameInvalid:
                    case MqttClientPublishReasonCode.PayloadFormatInvalid:
                        // Sending it again cannot succeed and would block everything behind it.
                        LogRejected(_logger, message.Topic, result.ReasonCode.ToString(), result.ReasonString);
                        acked.Add(message.Id);
                        Interlocked.Increment(ref _rejected);
                        break;
                    default:
                        LogSendFailed(_logger, $"{message.Topic}: {result.ReasonCode} {result.ReasonString}");
                        ok = false;
                        break;
                }

                if (!ok)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(_logger, ex.Message);
            ok = false;
        }
        finally
        {
            _outbox.Remove(acked);
        }

        return ok;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Last chance, bounded: whatever the batcher flushed at shutdown.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            while (_connection.IsConnected && _outbox.Count > 0 && !budget.IsCancellationRequested && await SendBatchAsync(budget.Token))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // left for the next start
        }
    }

    public override void Dispose()
    {
        _outbox.Enqueued -= Wake;
        _connection.Connected -= Wake;
        base.Dispose();
        _wake.Dispose();
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Outbox send paused: {Error}")]
    private static partial void LogSendFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Broker refused a message on {Topic} ({Code} {Reason}); dropped. Check the broker's ACL for this device.")]
    private static partial void LogRejected(ILogger logger, string topic, string code, string? reason);
}
