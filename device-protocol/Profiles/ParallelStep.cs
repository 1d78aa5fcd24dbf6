using System.Text.Json.Serialization;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>
/// Steps that run together; the parallel step ends when the longest one ends. It may not contain
/// another parallel step, and no two of its steps may drive the same channel or pad.
/// </summary>
/// <param name="Steps">The steps that run together (at least one).</param>
public sealed record ParallelStep([property: JsonPropertyOrder(0)] IReadOnlyList<ProfileStep> Steps) : ProfileStep
{
    /// <inheritdoc />
    [JsonIgnore]
    public override StepKind Kind => StepKind.Parallel;

    /// <inheritdoc />
    public override double NominalDurationS(IReadOnlyDictionary<string, double>? padStartC = null) =>
        Steps.Count == 0 ? 0.0 : Steps.Max(s => s.NominalDurationS(padStartC));

    /// <inheritdoc />
    public override double MaximumDurationS(IReadOnlyDictionary<string, double>? padStartC = null) =>
        Steps.Count == 0 ? 0.0 : Steps.Max(s => s.MaximumDurationS(padStartC));

    /// <inheritdoc />
    public override IEnumerable<string> Channels() => Steps.SelectMany(s => s.Channels());
}
