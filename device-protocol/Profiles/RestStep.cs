namespace AmpsDevice.Protocol.Profiles;

/// <summary>Nothing is applied for <see cref="DurationS"/> seconds (pads stay where they are).</summary>
/// <param name="DurationS">Length of the rest, s.</param>
public sealed record RestStep([property: System.Text.Json.Serialization.JsonPropertyOrder(0)] double DurationS) : ProfileStep
{
    /// <inheritdoc />
    public override StepKind Kind => StepKind.Rest;

    /// <inheritdoc />
    public override double NominalDurationS(IReadOnlyDictionary<string, double>? padStartC = null) => DurationS;

    /// <inheritdoc />
    public override IEnumerable<string> Channels() => [];
}
