using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Messages;

/// <summary>
/// <c>amps/v1/{deviceId}/telemetry</c>, QoS 1, not retained: a batch of samples taken every
/// <see cref="SamplePeriodS"/>. The device encodes it with a streaming writer (same shape); this
/// record is how a reader (the dashboard, the tests) decodes it.
/// </summary>
/// <param name="BootId">The boot this batch belongs to (see <see cref="StatusMessage.BootId"/>).</param>
/// <param name="Seq">+1 per telemetry message within a boot, starting at 1; never repeats. A gap means lost messages.</param>
/// <param name="Late">True when the batch was delivered after an outage (buffered in the outbox) rather than live.</param>
/// <param name="SamplePeriodS">Seconds between two samples.</param>
/// <param name="At">Wall-clock time of the first sample.</param>
/// <param name="Samples">The samples, oldest first.</param>
/// <param name="DroppedSamples">Samples lost in this boot because the telemetry buffer was full (0 normally).</param>
public sealed record TelemetryBatch(
    string BootId,
    long Seq,
    [property: JsonPropertyOrder(-1)] bool Late,
    double SamplePeriodS,
    DateTimeOffset At,
    IReadOnlyList<TelemetrySample> Samples,
    long DroppedSamples = 0)
{
    [JsonPropertyOrder(-2)]
    public string Schema { get; init; } = SchemaIds.Telemetry;
}

/// <summary>One control tick's view, decimated to the telemetry rate.</summary>
/// <param name="T">Seconds since the control loop started.</param>
/// <param name="Pads">Every pad, in device order.</param>
/// <param name="Vib">Every vibration channel.</param>
/// <param name="Pressure">Every pressure channel.</param>
/// <param name="Safe">The supervisor held the outputs safe in this tick.</param>
public sealed record TelemetrySample(
    double T,
    IReadOnlyList<PadSample> Pads,
    IReadOnlyList<VibrationSample> Vib,
    IReadOnlyList<PressureSample> Pressure,
    bool Safe);

/// <param name="Name">Channel name, e.g. <c>pad1</c>.</param>
/// <param name="MeasuredC">The control sensor, °C (null when the sensor has never been read).</param>
/// <param name="SafetyC">The independent safety sensor, °C.</param>
/// <param name="Drive">-1 full cooling .. +1 full heat, as written after the safety gate.</param>
/// <param name="TargetC">The pad controller's setpoint in this tick, °C: the ramped one it is following toward the
/// step's target (null when the pad has no target: idle, paused outside a return to neutral, held safe).</param>
public sealed record PadSample(string Name, double? MeasuredC, double? SafetyC, double Drive, double? TargetC = null);

/// <param name="Name">Channel name, e.g. <c>vib1</c>.</param>
/// <param name="FrequencyHz">Commanded frequency, Hz.</param>
/// <param name="Amplitude">0..1 of the channel's calibrated maximum, as written after the safety gate.</param>
public sealed record VibrationSample(string Name, double FrequencyHz, double Amplitude);

/// <param name="Name">Channel name, e.g. <c>pressure1</c>.</param>
/// <param name="ForceN">Measured force, N.</param>
public sealed record PressureSample(string Name, double? ForceN);
