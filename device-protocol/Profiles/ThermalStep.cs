using System.Text.Json.Serialization;
using AmpsDevice.Protocol.Envelope;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Warmth or cold on one pad: ramp from where the pad is to <see cref="TargetC"/> at
/// <see cref="RampCPerS"/>, hold for <see cref="HoldS"/>, then ramp back to neutral (32 °C) at the
/// same rate unless <see cref="ReturnToNeutral"/> is false (the pad then stays at the target until a
/// later thermal step on it, or the end of the session, which returns every pad to neutral).
/// </summary>
/// <param name="Pad">Pad name, e.g. <c>pad1</c>.</param>
/// <param name="TargetC">Target pad surface temperature, °C (envelope: 15..42).</param>
/// <param name="RampCPerS">Ramp rate both ways, °C/s (envelope: 0.05..2).</param>
/// <param name="HoldS">Time at the target, s (0..600).</param>
public sealed record ThermalStep(
    [property: JsonPropertyOrder(0)] string Pad,
    [property: JsonPropertyOrder(0)] double TargetC,
    [property: JsonPropertyOrder(0)] double RampCPerS,
    [property: JsonPropertyOrder(0)] double HoldS) : ProfileStep
{
    /// <summary>Whether the pad ramps back to neutral before the step ends (default true).</summary>
    [JsonPropertyOrder(0)]
    public bool ReturnToNeutral { get; init; } = true;

    /// <inheritdoc />
    [JsonIgnore]
    public override StepKind Kind => StepKind.Thermal;

    /// <summary>Temperature of the pad when the step ends, °C.</summary>
    [JsonIgnore]
    public double EndTemperatureC => ReturnToNeutral ? AbsoluteLimits.NeutralC : TargetC;

    /// <summary>Ramp to the target from <paramref name="startC"/> + hold + (ramp back to neutral), s.</summary>
    public double NominalDurationS(double startC)
    {
        var rampIn = Math.Abs(TargetC - startC) / RampCPerS;
        var rampBack = ReturnToNeutral ? Math.Abs(TargetC - AbsoluteLimits.NeutralC) / RampCPerS : 0.0;
        return rampIn + HoldS + rampBack;
    }

    /// <inheritdoc />
    public override double NominalDurationS(IReadOnlyDictionary<string, double>? padStartC = null) =>
        NominalDurationS(StartOf(Pad, padStartC));

    /// <inheritdoc />
    public override IEnumerable<string> Channels() => [Pad];
}
