namespace AmpsDevice.Bench.Fleet;

/// <summary>What a fleet device publishes: every message at QoS 1, as the device does.</summary>
/// <param name="Topic">The full topic, <c>amps/v1/{deviceId}/...</c>.</param>
/// <param name="Payload">UTF-8 JSON, as the device encodes it.</param>
/// <param name="Retain">Status, session and alarms are retained; telemetry and events are not.</param>
public sealed record FleetMessage(string Topic, byte[] Payload, bool Retain);
