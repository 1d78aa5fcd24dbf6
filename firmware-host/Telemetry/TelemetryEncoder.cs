using AmpsDevice.FirmwareHost.Control;
using System.Buffers;
using System.Text.Json;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// Encodes a batch of ring samples as an <c>amps.telemetry/1</c> message with a <see cref="Utf8JsonWriter"/>
/// into one reused buffer; property and channel names are pre-encoded. The only allocation per message is
/// the copy handed to the outbox. Non-finite readings are written as null.
/// </summary>
public sealed class TelemetryEncoder : IDisposable
{
    private static readonly JsonEncodedText Schema = JsonEncodedText.Encode("schema");
    private static readonly JsonEncodedText SchemaValue = JsonEncodedText.Encode(SchemaIds.Telemetry);
    private static readonly JsonEncodedText Late = JsonEncodedText.Encode("late");
    private static readonly JsonEncodedText BootIdName = JsonEncodedText.Encode("bootId");
    private static readonly JsonEncodedText Seq = JsonEncodedText.Encode("seq");
    private static readonly JsonEncodedText SamplePeriodS = JsonEncodedText.Encode("samplePeriodS");
    private static readonly JsonEncodedText At = JsonEncodedText.Encode("at");
    private static readonly JsonEncodedText DroppedSamples = JsonEncodedText.Encode("droppedSamples");
    private static readonly JsonEncodedText Samples = JsonEncodedText.Encode("samples");
    private static readonly JsonEncodedText T = JsonEncodedText.Encode("t");
    private static readonly JsonEncodedText Pads = JsonEncodedText.Encode("pads");
    private static readonly JsonEncodedText Vib = JsonEncodedText.Encode("vib");
    private static readonly JsonEncodedText Pressure = JsonEncodedText.Encode("pressure");
    private static readonly JsonEncodedText Safe = JsonEncodedText.Encode("safe");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText MeasuredC = JsonEncodedText.Encode("measuredC");
    private static readonly JsonEncodedText SafetyC = JsonEncodedText.Encode("safetyC");
    private static readonly JsonEncodedText Drive = JsonEncodedText.Encode("drive");
    private static readonly JsonEncodedText TargetC = JsonEncodedText.Encode("targetC");
    private static readonly JsonEncodedText FrequencyHz = JsonEncodedText.Encode("frequencyHz");
    private static readonly JsonEncodedText Amplitude = JsonEncodedText.Encode("amplitude");
    private static readonly JsonEncodedText ForceN = JsonEncodedText.Encode("forceN");

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly JsonEncodedText _bootId;
    private readonly JsonEncodedText[] _padNames;
    private readonly JsonEncodedText[] _vibNames;
    private readonly JsonEncodedText[] _pressureNames;

    public TelemetryEncoder(Hardware.DeviceShape shape, string bootId)
    {
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _bootId = JsonEncodedText.Encode(bootId);
        _padNames = [.. shape.Pads.Select(n => JsonEncodedText.Encode(n))];
        _vibNames = [.. shape.Vibration.Select(n => JsonEncodedText.Encode(n))];
        _pressureNames = [.. shape.Pressure.Select(n => JsonEncodedText.Encode(n))];
    }

    /// <summary>
    /// Encodes the <paramref name="count"/> oldest samples of <paramref name="ring"/> (without consuming them).
    /// The result is valid until the next call. <paramref name="lateOffset"/> is where the literal
    /// <c>false</c> of <c>"late"</c> starts, so that the outbox can flip it in place.
    /// </summary>
    public ReadOnlyMemory<byte> Encode(TickSampleRing ring, int count, long seq, double samplePeriodS, out int lateOffset)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        var w = _writer;
        w.WriteStartObject();
        w.WriteString(Schema, SchemaValue);
        w.WriteBoolean(Late, false);
        w.Flush();
        lateOffset = _buffer.WrittenCount - 5;
        w.WriteString(BootIdName, _bootId);
        w.WriteNumber(Seq, seq);
        w.WriteNumber(SamplePeriodS, samplePeriodS);
        w.WriteString(At, count > 0 ? ring.Peek(0).WallClock : default);
        w.WriteNumber(DroppedSamples, ring.Dropped);
        w.WriteStartArray(Samples);
        for (var s = 0; s < count; s++)
        {
            var sample = ring.Peek(s);
            w.WriteStartObject();
            w.WriteNumber(T, Math.Round(sample.TimeS, 4));
            w.WriteStartArray(Pads);
            for (var i = 0; i < ring.PadCount; i++)
            {
                w.WriteStartObject();
                w.WriteString(Name, _padNames[i]);
                Number(w, MeasuredC, sample.PadMeasuredC(i));
                Number(w, SafetyC, sample.PadSafetyC(i));
                Number(w, Drive, sample.PadDrive(i));
                Number(w, TargetC, sample.PadTargetC(i));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray(Vib);
            for (var i = 0; i < ring.VibCount; i++)
            {
                w.WriteStartObject();
                w.WriteString(Name, _vibNames[i]);
                Number(w, FrequencyHz, sample.VibFrequencyHz(i));
                Number(w, Amplitude, sample.VibAmplitude(i));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray(Pressure);
            for (var i = 0; i < ring.PressureCount; i++)
            {
                w.WriteStartObject();
                w.WriteString(Name, _pressureNames[i]);
                Number(w, ForceN, sample.PressureForceN(i));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean(Safe, sample.Safe);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenMemory;
    }

    public void Dispose() => _writer.Dispose();

    private static void Number(Utf8JsonWriter w, JsonEncodedText name, double value)
    {
        if (double.IsFinite(value))
        {
            // 4 decimals: 0.1 mK, 0.1 mN, 1e-4 of full drive. Smaller messages, no visible loss.
            w.WriteNumber(name, Math.Round(value, 4));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>
    /// Flips <c>"late":false</c> to <c>"late":true </c> in place (same length, the space is JSON whitespace).
    /// </summary>
    public static void MarkLate(Span<byte> payload, int lateOffset)
    {
        if (lateOffset >= 0 && lateOffset + 5 <= payload.Length && payload.Slice(lateOffset, 5).SequenceEqual("false"u8))
        {
            "true "u8.CopyTo(payload.Slice(lateOffset, 5));
        }
    }

    /// <summary>Where the <c>false</c> of a leading <c>"late":false</c> starts in a serialized message, or -1.</summary>
    public static int FindLateOffset(ReadOnlySpan<byte> payload)
    {
        var window = payload[..Math.Min(payload.Length, 96)];
        var at = window.IndexOf("\"late\":false"u8);
        return at < 0 ? -1 : at + 7;
    }
}
