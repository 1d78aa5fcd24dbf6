using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// Drains the <see cref="Outbox"/> to the broker in id order with up to <see cref="MqttOptions.MaxInFlight"/> QoS 1
/// publishes in flight (at most half the broker's Receive Maximum), removing a message only after its PUBACK and the
/// PUBACKs of all before it. One connection sends its packets in the order they were published and mosquitto
/// forwards a client's messages on a topic in the order received (MQTT 5 §4.6), so the subscriber sees seq in
/// order while the connection holds; after a reconnect everything not acknowledged is sent again from the
/// oldest, so a subscriber may see a repeat of recent seqs (which it drops by boot id and seq), never a gap.
/// A message made before the current connection came up, or older than <see cref="MqttOptions.LateAfter"/>, is
/// flipped to <c>"late":true</c> on the way out. Delivery is at least once: a crash between the PUBACK and the
/// delete sends that message again (same boot id and seq, so a subscriber can drop the repeat).
/// </summary>
public sealed partial class OutboxSender : BackgroundService
{
    /// <summary>Rows read per select, and acknowledged rows removed per range delete at most.</summary>
    private const int ReadBatch = 128;
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
                drained = !_connection.IsConnected || _outbox.Count == 0 || !await SendPendingAsync(stoppingToken);
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

    /// <summary>
    /// Sends everything in the outbox, reading on in id order and keeping up to the window of QoS 1 publishes
    /// in flight. A message is removed only once it and every message before it were acknowledged (or refused for
    /// good): the acknowledged run is deleted as one id range. At the first failure no more is published; what is
    /// still in flight is awaited, and everything after the acknowledged run stays and is sent again from the
    /// start of the outbox after the reconnect (duplicates, never gaps). False when it had to stop (broker trouble).
    /// </summary>
    private async Task<bool> SendPendingAsync(CancellationToken ct)
    {
        // Half of the broker's Receive Maximum at most: retained session and alarm state, status and command
        // replies publish on the same connection on their own, and one publish past the limit is a disconnect.
        var window = Math.Max(1, Math.Min(_options.MaxInFlight, _connection.ReceiveMaximum / 2));
        var inFlight = new Queue<InFlight>(window);
        long readUpTo = 0;            // last id read (and published)
        long acknowledgedUpTo = 0;    // end of the acknowledged run not yet removed
        var acknowledgedSinceRemove = 0;
        var ok = true;
        try
        {
            while (ok)
            {
                var batch = _outbox.PeekAfter(readUpTo, ReadBatch);
                if (batch.Count == 0)
                {
                    break;
                }

                var now = _time.GetUtcNow();
                var connectedSince = _connection.ConnectedSince;
                foreach (var message in batch)
                {
                    if (inFlight.Count == window)
                    {
                        var done = inFlight.Dequeue();
                        if (!await SettleAsync(done))
                        {
                            ok = false;
                            break;
                        }

                        acknowledgedUpTo = done.Id;
                        if (++acknowledgedSinceRemove >= ReadBatch)
                        {
                            _outbox.RemoveThrough(acknowledgedUpTo);
                            acknowledgedSinceRemove = 0;
                        }
                    }

                    // Late: made while the device was not connected, or waiting longer than LateAfter.
                    if (message.EnqueuedAt < connectedSince || now - message.EnqueuedAt > _options.LateAfter)
                    {
                        TelemetryEncoder.MarkLate(message.Payload, message.LateOffset);
                    }

                    inFlight.Enqueue(new InFlight(message.Id, message.Topic, Publish(message, ct)));
                    readUpTo = message.Id;
                }
            }
        }
        finally
        {
            // Settle in publish order: the acknowledged run ends at the first failure, even if later ones succeeded.
            while (inFlight.TryDequeue(out var done))
            {
                if (ok && await SettleAsync(done))
                {
                    acknowledgedUpTo = done.Id;
                    acknowledgedSinceRemove++;
                }
                else
                {
                    ok = false;
                    await done.Publish.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }

            if (acknowledgedSinceRemove > 0)
            {
                _outbox.RemoveThrough(acknowledgedUpTo);
            }
        }

        ct.ThrowIfCancellationRequested();
        return ok;
    }

    private Task<MqttClientPublishResult> Publish(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            return _connection.PublishAsync(message.Topic, message.Payload, retain: false, ct);
        }
        catch (Exception ex)
        {
            return Task.FromException<MqttClientPublishResult>(ex);
        }
    }

    /// <summary>Waits for one publish; true when the message can leave the outbox (acknowledged, or refused for good).</summary>
    private async Task<bool> SettleAsync(InFlight sent)
    {
        MqttClientPublishResult result;
        try
        {
            result = await sent.Publish;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception ex)
        {
            LogSendFailed(_logger, ex.Message);
            return false;
        }

        switch (result.ReasonCode)
        {
            case MqttClientPublishReasonCode.Success:
            case MqttClientPublishReasonCode.NoMatchingSubscribers:
                Interlocked.Increment(ref _sent);
                return true;
            case MqttClientPublishReasonCode.NotAuthorized:
            case MqttClientPublishReasonCode.TopicNameInvalid:
            case MqttClientPublishReasonCode.PayloadFormatInvalid:
                // Sending it again cannot succeed and would block everything behind it.
                LogRejected(_logger, sent.Topic, result.ReasonCode.ToString(), result.ReasonString);
                Interlocked.Increment(ref _rejected);
                return true;
            default:
                LogSendFailed(_logger, $"{sent.Topic}: {result.ReasonCode} {result.ReasonString}");
                return false;
        }
    }

    private readonly record struct InFlight(long Id, string Topic, Task<MqttClientPublishResult> Publish);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Last chance, bounded: whatever the batcher flushed at shutdown.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            if (_connection.IsConnected && _outbox.Count > 0)
            {
                await SendPendingAsync(budget.Token);
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
