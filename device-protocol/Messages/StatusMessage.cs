using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Messages;

/// <summary>
/// <c>amps/v1/{deviceId}/status</c>, retained, QoS 1. <see cref="DeviceState.Online"/> on every connect; the
/// MQTT Last Will (and a clean shutdown) publish <see cref="DeviceState.Offline"/>.
/// </summary>
/// <param name="State">online or offline.</param>
/// <param name="DeviceId">The device id (also the MQTT client id and the topic level).</param>
/// <param name="BootId">A new random id on every start of the service; telemetry <c>seq</c> restarts with it.</param>
/// <param name="Version">The firmware-host version.</param>
/// <param name="HardwareMode">simulated or hardware.</param>
/// <param name="At">When this status was published (for the Last Will: when the connection it guards was opened).</param>
/// <param name="Reason">Why offline: <c>shutdown</c> or <c>connection-lost</c> (the Will); absent when online.</param>
public sealed record StatusMessage(
    DeviceState State,
    string DeviceId,
    string BootId,
    string Version,
    HardwareMode HardwareMode,
    DateTimeOffset At,
    string? Reason = null)
{
    [JsonPropertyOrder(-2)]
    public string Schema { get; init; } = SchemaIds.Status;
}
