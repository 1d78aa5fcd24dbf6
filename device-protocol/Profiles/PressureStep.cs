using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Guided pressure: the patient (or therapist) presses on <see cref="Channel"/> until the force is
/// within <see cref="ToleranceN"/> of <see cref="TargetN"/>, then holds for <see cref="HoldS"/>. The
/// device shows and records the force; it never applies force itself. If the force has not entered the
/// band within <see cref="TimeoutS"/> the step ends, recorded as timed out.
/// </summary>
/// <param name="Channel">Pressure channel, e.g. <c>pressure1</c>.</param>
/// <param name="TargetN">Target force, N (envelope: above 0, at most 50).</param>
/// <param name="ToleranceN">Half-width of the band around the target, N (above 0, below the target).</param>
/// <param name="HoldS">Time to hold inside the band, s.</param>
public sealed record PressureStep(
    [property: JsonPropertyOrder(0)] string Channel,
    [property: JsonPropertyOrder(0)] double TargetN,
    [property: JsonPropertyOrder(0)] double ToleranceN,
    [property: JsonPropertyOrder(0)] double HoldS) : ProfileStep
{
    /// <summary>Default of <see cref="TimeoutS"/>, s: a minute to find the band is generous for a child.</summary>
    public const double DefaultTimeoutS = 60.0;

    /// <summary>Longest wait for the force to enter the band, s (default 60).</summary>
    [JsonPropertyOrder(0)]
    public double TimeoutS { get; init; } = DefaultTimeoutS;

    /// <inheritdoc />
    [JsonIgnore]
    public override StepKind Kind => StepKind.Pressure;

    /// <summary>Nominal: the band is found at once, then held.</summary>
    public override double NominalDurationS(IReadOnlyDictionary<string, double>? padStartC = null) => HoldS;

    /// <summary>Worst case: the whole timeout spent finding the band, then the hold.</summary>
    public override double MaximumDurationS(IReadOnlyDictionary<string, double>? padStartC = null) => TimeoutS + HoldS;

    /// <inheritdoc />
    public override IEnumerable<string> Channels() => [Channel];
}
