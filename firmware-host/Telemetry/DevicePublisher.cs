using System.Text.Json;
using AmpsDevice.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// <see cref="IDevicePublisher"/> over the <see cref="MqttConnection"/> and the <see cref="Outbox"/>. Also turns an
/// outbox overflow into an <c>outbox-overflow</c> event so that the dashboard learns that data was dropped.
/// </summary>
public sealed partial class DevicePublisher : IDevicePublisher, IDisposable
{
    private readonly MqttConnection _connection;
    private readonly Outbox _outbox;
    private readonly DeviceIdentity _identity;
    private readonly TimeProvider _time;
    private readonly ILogger<DevicePublisher> _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _retainedSend = new(1, 1);
    private byte[]? _session;
    private byte[]? _alarms;
    private bool _lastOverBound;

    public DevicePublisher(MqttConnection connection, Outbox outbox, DeviceIdentity identity, TimeProvider time, ILogger<DevicePublisher> logger)
    {
        _connection = connection;
        _outbox = outbox;
        _identity = identity;
        _time = time;
        _logger = logger;
        _connection.Connected += OnConnected;
        _outbox.HealthChanged += OnOutboxHealth;
    }

    public ValueTask PublishSessionStateAsync(SessionStateMessage state, CancellationToken cancellationToken = default)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(state, ProtocolJsonContext.Default.SessionStateMessage);
        lock (_gate)
        {
            _session = payload;
        }

        return new ValueTask(SendLatestRetainedAsync(RetainedSlot.Session, cancellationToken));
    }

    public ValueTask PublishAlarmsAsync(AlarmsMessage alarms, CancellationToken cancellationToken = default)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(alarms, ProtocolJsonContext.Default.AlarmsMessage);
        lock (_gate)
        {
            _alarms = payload;
        }

        return new ValueTask(SendLatestRetainedAsync(RetainedSlot.Alarms, cancellationToken));
    }

    public ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken = default)
    {
        try
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(deviceEvent with { Late = false }, ProtocolJsonContext.Default.DeviceEvent);
            _outbox.Enqueue(OutboxKind.Event, _identity.Topics.Events, payload, TelemetryEncoder.FindLateOffset(payload));
        }
        catch (Exception ex)
        {
            LogPublishFailed(_logger, _identity.Topics.Events, ex.Message);
        }

        return ValueTask.CompletedTask;
    }

    private enum RetainedSlot
    {
        Session,
        Alarms,
    }

    /// <summary>
    /// Publishes the newest payload of a retained topic. The payload is read only once the send lock is held,
    /// so that sends racing each other (a state change during a reconnect's republish) can never leave an
    /// older state retained after a newer one.
    /// </summary>
    private async Task SendLatestRetainedAsync(RetainedSlot slot, CancellationToken cancellationToken)
    {
        if (!_connection.IsConnected)
        {
            return; // sent on the next connect
        }

        await _retainedSend.WaitAsync(cancellationToken);
        var topic = slot == RetainedSlot.Session ? _identity.Topics.Session : _identity.Topics.Alarms;
        try
        {
            byte[]? payload;
            lock (_gate)
            {
                payload = slot == RetainedSlot.Session ? _session : _alarms;
            }

            if (payload is null)
            {
                return;
            }

            await _connection.PublishAsync(topic, payload, retain: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(_logger, topic, ex.Message);
        }
        finally
        {
            _retainedSend.Release();
        }
    }

    private void OnConnected() => _ = Task.Run(async () =>
    {
        // Republish what is retained: the newest of each, whenever it is actually sent.
        await SendLatestRetainedAsync(RetainedSlot.Session, CancellationToken.None);
        await SendLatestRetainedAsync(RetainedSlot.Alarms, CancellationToken.None);
    });

    private void OnOutboxHealth(OutboxHealth health)
    {
        var rising = health.OverBound && !_lastOverBound;
        _lastOverBound = health.OverBound;
        if (rising)
        {
            // Enqueued from a worker: this handler runs inside an outbox call.
            _ = Task.Run(() => PublishEventAsync(new DeviceEvent(EventKind.OutboxOverflow, _time.GetUtcNow(), Message: health.Message,
                Value: health.Dropped)).AsTask());
        }
    }

    public void Dispose()
    {
        _connection.Connected -= OnConnected;
        _outbox.HealthChanged -= OnOutboxHealth;
        _retainedSend.Dispose();
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Publishing to {Topic} failed: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, string error);
}
