using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// What the session and alarm layers publish. Never throws for a broker or network problem: session state and
/// alarms are retained and re-published on every reconnect (the latest one wins); events are stored on disk
/// and forwarded in order when the broker is reachable.
/// </summary>
public interface IDevicePublisher
{
    /// <summary>The session's current state, to <c>session</c> (retained).</summary>
    ValueTask PublishSessionStateAsync(SessionStateMessage state, CancellationToken cancellationToken = default);

    /// <summary>Something that happened, to <c>events</c> (store and forward, never lost in an outage).</summary>
    ValueTask PublishEventAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken = default);

    /// <summary>Every active alarm, to <c>alarms</c> (retained; an empty list clears).</summary>
    ValueTask PublishAlarmsAsync(AlarmsMessage alarms, CancellationToken cancellationToken = default);
}
