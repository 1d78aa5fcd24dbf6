using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>How a vibration step drives its motor.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VibrationPattern>))]
public enum VibrationPattern
{
    /// <summary>On for the whole step (one bout; at most 60 s).</summary>
    [JsonStringEnumMemberName("continuous")]
    Continuous,

    /// <summary>On for <c>onS</c>, off for <c>offS</c>, repeated for the step's duration.</summary>
    [JsonStringEnumMemberName("pulsed")]
    Pulsed,
}

/// <summary>Vibration on one channel.</summary>
/// <param name="Channel">Vibration channel, e.g. <c>vib1</c>.</param>
/// <param name="FrequencyHz">Motor frequency, Hz (envelope: 20..300).</param>
/// <param name="Amplitude">Fraction of the channel's calibrated maximum, 0..1.</param>
/// <param name="DurationS">Length of the step, s.</param>
/// <param name="Pattern">Continuous or pulsed.</param>
public sealed record VibrationStep(
    [property: JsonPropertyOrder(0)] string Channel,
    [property: JsonPropertyOrder(0)] double FrequencyHz,
    [property: JsonPropertyOrder(0)] double Amplitude,
    [property: JsonPropertyOrder(0)] double DurationS,
    [property: JsonPropertyOrder(0)] VibrationPattern Pattern) : ProfileStep
{
    /// <summary>On-time of each pulse, s; required for (and only for) a pulsed pattern.</summary>
    [JsonPropertyOrder(0)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? OnS { get; init; }

    /// <summary>Off-time between pulses, s; required for (and only for) a pulsed pattern.</summary>
    [JsonPropertyOrder(0)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? OffS { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override StepKind Kind => StepKind.Vibration;

    /// <inheritdoc />
    public override double NominalDurationS(IReadOnlyDictionary<string, double>? padStartC = null) => DurationS;

    /// <summary>The longest time the motor runs without a pause in this step, s.</summary>
    [JsonIgnore]
    public double LongestBoutS => Pattern == VibrationPattern.Pulsed && OnS is { } on ? Math.Min(on, DurationS) : DurationS;

    /// <summary>Total time the motor is on in this step, s (pulsed: whole cycles plus the last partial on-phase).</summary>
    [JsonIgnore]
    public double OnTimeS
    {
        get
        {
            if (Pattern != VibrationPattern.Pulsed || OnS is not { } on || OffS is not { } off || on + off <= 0)
            {
                return DurationS;
            }

            var cycles = Math.Floor(DurationS / (on + off));
            return (cycles * on) + Math.Min(DurationS - (cycles * (on + off)), on);
        }
    }

    /// <inheritdoc />
    public override IEnumerable<string> Channels() => [Channel];
}
