namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// The outbox's state as the alarm layer sees it. <see cref="OverBound"/> turns true when the size or age
/// bound forced data out (oldest telemetry first, events only when no telemetry is left) and stays true
/// until the backlog has drained below half the size bound; the counts only grow.
/// </summary>
/// <param name="OverBound">Data is being, or was just, dropped to stay inside the bound: raise an alarm.</param>
/// <param name="Message">What happened, for the alarm text; null when healthy.</param>
/// <param name="DroppedTelemetry">Telemetry messages dropped since start.</param>
/// <param name="DroppedEvents">Event messages dropped since start (only when the bound is full of events).</param>
/// <param name="PendingMessages">Messages waiting for the broker.</param>
/// <param name="PendingBytes">Payload bytes waiting for the broker.</param>
public sealed record OutboxHealth(
    bool OverBound,
    string? Message,
    long DroppedTelemetry,
    long DroppedEvents,
    long PendingMessages,
    long PendingBytes)
{
    /// <summary>Total messages dropped since start.</summary>
    public long Dropped => DroppedTelemetry + DroppedEvents;
}

/// <summary>Read by the alarm layer: the current <see cref="OutboxHealth"/> and a notification when it changes state.</summary>
public interface IOutboxHealth
{
    OutboxHealth Health { get; }

    /// <summary>Raised (on the thread that changed it) when <see cref="OutboxHealth.OverBound"/> changes or more data is dropped.</summary>
    event Action<OutboxHealth>? HealthChanged;
}
