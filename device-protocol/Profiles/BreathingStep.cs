using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Paced breathing: a short, gentle pulse on a vibration channel marks the start of each breath. The
/// cue's strength is fixed by the device (<see cref="CueAmplitude"/>, <see cref="CueFrequencyHz"/>,
/// <see cref="CuePulseS"/>), not by the profile.
/// </summary>
/// <param name="Channel">Vibration channel that carries the cue, e.g. <c>vib1</c>.</param>
/// <param name="BreathsPerMin">Pace, breaths/min (envelope: 4..20).</param>
/// <param name="DurationS">Length of the step, s.</param>
public sealed record BreathingStep(
    [property: JsonPropertyOrder(0)] string Channel,
    [property: JsonPropertyOrder(0)] double BreathsPerMin,
    [property: JsonPropertyOrder(0)] double DurationS) : ProfileStep
{
    /// <summary>Amplitude of each breath cue, fraction of the channel's calibrated maximum: a light touch.</summary>
    public const double CueAmplitude = 0.15;

    /// <summary>Frequency of the breath cue, Hz: inside the Pacinian band, felt without being intense.</summary>
    public const double CueFrequencyHz = 150.0;

    /// <summary>Length of each breath cue, s.</summary>
    public const double CuePulseS = 0.3;

    /// <inheritdoc />
    [JsonIgnore]
    public override StepKind Kind => StepKind.Breathing;

    /// <inheritdoc />
    public override double NominalDurationS(IReadOnlyDictionary<string, double>? padStartC = null) => DurationS;

    /// <summary>Total time the cue motor is on in this step, s (one cue per breath begun).</summary>
    [JsonIgnore]
    public double OnTimeS => Math.Ceiling(DurationS * BreathsPerMin / 60.0) * CuePulseS;

    /// <inheritdoc />
    public override IEnumerable<string> Channels() => [Channel];
}
