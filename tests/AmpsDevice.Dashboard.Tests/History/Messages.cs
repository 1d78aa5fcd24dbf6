using System.Text.Json;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>Device messages as the MQTT receive path hands them on (decoded record and raw JSON).</summary>
internal static class Messages
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    public static DeviceMessage Telemetry(string device, string boot, long seq, DateTimeOffset at, bool late = false)
    {
        var samples = Enumerable.Range(0, 10).Select(i => new TelemetrySample(
            seq + i / 10.0,
            [new PadSample("pad1", 33.0 + i / 10.0, 33.1, 0.2, 34.0)],
            [new VibrationSample("vib1", 100, 0.3)],
            [new PressureSample("pressure1", 4.0)],
            Safe: false)).ToList();
        var batch = new TelemetryBatch(boot, seq, late, 0.1, at, samples);
        return new DeviceMessage(device, TopicKind.Telemetry, batch, JsonSerializer.SerializeToUtf8Bytes(batch, ProtocolJsonContext.Default.TelemetryBatch), at);
    }

    public static DeviceMessage Session(string device, SessionState state, DateTimeOffset at, string? sessionId = "s-1", string patient = "p-001", string profileName = "Warmth (plan level 3)")
    {
        var message = sessionId is null
            ? new SessionStateMessage(state, at)
            : new SessionStateMessage(state, at, sessionId, patient, profileName, StepIndex: 0, StepCount: 4, ElapsedS: (at - T0).TotalSeconds,
                Profile: JsonDocument.Parse("{\"schema\":\"amps.profile/1\",\"name\":\"Warmth\"}").RootElement);
        return new DeviceMessage(device, TopicKind.Session, message, JsonSerializer.SerializeToUtf8Bytes(message, ProtocolJsonContext.Default.SessionStateMessage), at);
    }

    public static DeviceMessage Event(string device, EventKind kind, DateTimeOffset at, string? sessionId = "s-1", double? value = null, string? rule = null, string? message = null)
    {
        var e = new DeviceEvent(kind, at, sessionId, Rule: rule, Value: value, Message: message);
        return new DeviceMessage(device, TopicKind.Events, e, JsonSerializer.SerializeToUtf8Bytes(e, ProtocolJsonContext.Default.DeviceEvent), at);
    }

    public static DeviceMessage Status(string device, string boot, DateTimeOffset at)
    {
        var status = new StatusMessage(DeviceState.Online, device, boot, "1.0.0", HardwareMode.Simulated, at);
        return new DeviceMessage(device, TopicKind.Status, status, JsonSerializer.SerializeToUtf8Bytes(status, ProtocolJsonContext.Default.StatusMessage), at);
    }
}
