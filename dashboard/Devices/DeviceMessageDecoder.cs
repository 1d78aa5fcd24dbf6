using System.Text.Json;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Dashboard.Devices;

/// <summary>A payload the dashboard will not use, and why (for the log line that names the device).</summary>
public sealed class RejectedPayloadException(string reason) : Exception(reason)
{
    public RejectedPayloadException() : this("rejected") { }

    public RejectedPayloadException(string message, Exception inner) : this(message + ": " + inner.Message) { }
}

/// <summary>
/// Decodes what a device publishes with device-protocol's records, and refuses what the dashboard cannot
/// trust: oversize payloads, malformed JSON, another schema or an unknown major version, missing fields,
/// absurd sizes. Nothing here throws anything but <see cref="RejectedPayloadException"/>.
/// </summary>
public sealed class DeviceMessageDecoder(int maxPayloadBytes)
{
    public const int MaxSamplesPerBatch = 1000;
    public const int MaxChannels = 32;
    public const int MaxAlarms = 100;

    public StatusMessage Status(ReadOnlySpan<byte> payload)
    {
        var m = Decode(payload, ProtocolJsonContext.Default.StatusMessage, SchemaIds.Status, m => m.Schema);
        Require(m.DeviceId is not null && m.BootId is not null && m.Version is not null, "status without deviceId, bootId or version");
        return m;
    }

    public TelemetryBatch Telemetry(ReadOnlySpan<byte> payload)
    {
        var m = Decode(payload, ProtocolJsonContext.Default.TelemetryBatch, SchemaIds.Telemetry, m => m.Schema);
        Require(m.Samples is not null && m.Samples.Count <= MaxSamplesPerBatch, $"telemetry without samples or with more than {MaxSamplesPerBatch}");
        Require(double.IsFinite(m.SamplePeriodS) && m.SamplePeriodS > 0, "telemetry samplePeriodS is not a positive number");
        foreach (var s in m.Samples!)
        {
            if (s?.Pads is null || s.Vib is null || s.Pressure is null)
            {
                throw new RejectedPayloadException("a telemetry sample lacks pads, vib or pressure");
            }

            Require(s.Pads.Count <= MaxChannels && s.Vib.Count <= MaxChannels && s.Pressure.Count <= MaxChannels, "a telemetry sample has too many channels");
            Require(s.Pads.All(p => p?.Name is not null) && s.Vib.All(v => v?.Name is not null) && s.Pressure.All(p => p?.Name is not null), "a telemetry channel has no name");
        }

        return m;
    }

    public SessionStateMessage Session(ReadOnlySpan<byte> payload) =>
        Decode(payload, ProtocolJsonContext.Default.SessionStateMessage, SchemaIds.Session, m => m.Schema);

    public DeviceEvent Event(ReadOnlySpan<byte> payload) =>
        Decode(payload, ProtocolJsonContext.Default.DeviceEvent, SchemaIds.Event, m => m.Schema);

    public AlarmsMessage Alarms(ReadOnlySpan<byte> payload)
    {
        var m = Decode(payload, ProtocolJsonContext.Default.AlarmsMessage, SchemaIds.Alarms, m => m.Schema);
        Require(m.Active is not null && m.Active.Count <= MaxAlarms, $"alarms without a list or with more than {MaxAlarms}");
        Require(m.Active!.All(a => a?.Id is not null && a.Rule is not null && a.Message is not null), "an alarm lacks id, rule or message");
        return m;
    }

    private T Decode<T>(ReadOnlySpan<byte> payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string schema, Func<T, string> schemaOf)
    {
        Require(payload.Length <= maxPayloadBytes, $"payload of {payload.Length} bytes is over the {maxPayloadBytes}-byte limit");
        T? message;
        try
        {
            message = JsonSerializer.Deserialize(payload, type);
        }
        catch (JsonException ex)
        {
            throw new RejectedPayloadException($"not a valid {schema} payload: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            throw new RejectedPayloadException($"not a valid {schema} payload: {ex.Message}");
        }

        Require(message is not null, "payload is null");
        var actual = schemaOf(message!);
        if (!SameMajorVersion(actual, schema))
        {
            throw new RejectedPayloadException($"schema '{Hosting.LogText.Safe(actual)}' is not {schema} (unknown kind or major version)");
        }

        return message!;
    }

    /// <summary><c>amps.status/1</c> matches <c>amps.status/1</c> and <c>amps.status/1.2</c>; <c>amps.status/2</c> does not.</summary>
    public static bool SameMajorVersion(string? actual, string expected)
    {
        if (actual is null)
        {
            return false;
        }

        if (actual == expected)
        {
            return true;
        }

        return actual.StartsWith(expected + ".", StringComparison.Ordinal);
    }

    private static void Require(bool condition, string reason)
    {
        if (!condition)
        {
            throw new RejectedPayloadException(reason);
        }
    }
}
