using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>Nothing is applied for <see cref="DurationS"/> seconds (pads stay where they are).</summary>
/// <param name="DurationS">Length of the rest, s.</param>
public sealed record RestStep([property: JsonPropertyOrder(0)] double DurationS) : ProfileStep
{
    /// <inheritdoc />
    [JsonIgnore]
    public override StepKind Kind => StepKind.Rest;

    /// <inheritdoc />
    public override double NominalDurationS(IReadOnlyDictionary<string, double>? padStartC = null) => DurationS;

    /// <inheritdoc />
    public override IEnumerable<string> Channels() => [];
}
