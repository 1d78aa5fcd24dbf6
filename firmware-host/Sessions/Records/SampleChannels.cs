using System.Buffers.Binary;
using System.Text.Json.Serialization;
using AmpsDevice.FirmwareHost.Hardware;

namespace AmpsDevice.FirmwareHost.Sessions.Records;

/// <summary>
/// The channels a session's samples hold, and how one sample is packed into the <c>samples.data</c> blob:
/// little-endian float32 values, for each pad <c>measuredC, safetyC, drive</c>, for each vibration channel
/// <c>frequencyHz, amplitude</c>, for each pressure channel <c>forceN</c>. float32 keeps 7 significant digits
/// (0.001 °C at 40 °C), far finer than any sensor here, at half the size of a double. NaN is a missing reading.
/// </summary>
public sealed record SampleChannels(
    [property: JsonPropertyName("pads")] IReadOnlyList<string> Pads,
    [property: JsonPropertyName("vibration")] IReadOnlyList<string> Vibration,
    [property: JsonPropertyName("pressure")] IReadOnlyList<string> Pressure)
{
    public static SampleChannels Of(DeviceShape shape) => new(shape.Pads, shape.Vibration, shape.Pressure);

    /// <summary>Values in one sample.</summary>
    [JsonIgnore]
    public int Width => (Pads.Count * 3) + (Vibration.Count * 2) + Pressure.Count;

    /// <summary>Column names of one sample's values, as in the CSV export (docs/simulate.md names).</summary>
    public IEnumerable<string> ColumnNames()
    {
        foreach (var p in Pads)
        {
            yield return $"{p}.measuredC";
            yield return $"{p}.safetyC";
            yield return $"{p}.drive";
        }

        foreach (var v in Vibration)
        {
            yield return $"{v}.frequencyHz";
            yield return $"{v}.amplitude";
        }

        foreach (var f in Pressure)
        {
            yield return $"{f}.forceN";
        }
    }

    /// <summary>Offset of pad <paramref name="i"/>'s measured temperature in a sample.</summary>
    public static int PadMeasured(int i) => i * 3;

    public static int PadSafety(int i) => (i * 3) + 1;

    public static int PadDrive(int i) => (i * 3) + 2;

    public int VibFrequency(int i) => (Pads.Count * 3) + (i * 2);

    public int VibAmplitude(int i) => (Pads.Count * 3) + (i * 2) + 1;

    public int PressureForce(int i) => (Pads.Count * 3) + (Vibration.Count * 2) + i;

    /// <summary>Packs one sample into <paramref name="blob"/> (<see cref="Width"/> × 4 bytes).</summary>
    public static void Pack(ReadOnlySpan<double> values, Span<byte> blob)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(blob[(i * 4)..], (float)values[i]);
        }
    }

    /// <summary>Unpacks one sample from its blob.</summary>
    public static void Unpack(ReadOnlySpan<byte> blob, Span<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(blob[(i * 4)..]);
        }
    }
}
