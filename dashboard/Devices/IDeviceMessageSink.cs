namespace AmpsDevice.Dashboard.Devices;

/// <summary>A device message as decoded and applied to the live state, handed on to whoever keeps it.</summary>
/// <param name="DeviceId">The topic's device level (already tracked by the registry).</param>
/// <param name="Kind">Which topic.</param>
/// <param name="Payload">The decoded record (<c>StatusMessage</c>, <c>TelemetryBatch</c>, <c>SessionStateMessage</c>, <c>DeviceEvent</c>, <c>AlarmsMessage</c>).</param>
/// <param name="Raw">The payload as received.</param>
/// <param name="ReceivedAt">When the dashboard received it.</param>
public sealed record DeviceMessage(string DeviceId, TopicKind Kind, object Payload, ReadOnlyMemory<byte> Raw, DateTimeOffset ReceivedAt);

/// <summary>
/// Takes every decoded device message off the MQTT receive path. A sink that takes a message acknowledges it to
/// the broker itself (<paramref name="acknowledge"/>) once it is kept: until then the broker holds it for this
/// client's persistent session and delivers it again after a restart.
/// </summary>
public interface IDeviceMessageSink
{
    /// <summary>True when taken (the sink calls <paramref name="acknowledge"/> later, or never while stopping); false: acknowledge at once.</summary>
    bool Take(DeviceMessage message, Func<Task> acknowledge);
}
